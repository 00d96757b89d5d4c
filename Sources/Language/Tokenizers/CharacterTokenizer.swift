/// A tokenizer over a fixed character vocabulary, for language models trained from scratch on synthetic
/// verifiable tasks. Ids follow the order of `characters`, after the special tokens.
public struct CharacterTokenizer: Codable, Equatable, Sendable {
    /// Special tokens, ids 0 (padding), 1 (beginning of sequence) and 2 (end of sequence).
    public static let padding = 0, beginOfSequence = 1, endOfSequence = 2
    private static let specialCount = 3

    /// The characters, in id order (id = index + 3).
    public let characters: [Character]
    private let ids: [Character: Int]

    /// An error for text containing characters outside the vocabulary.
    public struct UnknownCharacter: Error, CustomStringConvertible, Sendable {
        public var character: Character
        public var description: String {
            "character \"\(character)\" is not in the tokenizer's vocabulary; add it to the character set"
        }
    }

    /// - Parameter characters: the vocabulary, without duplicates (duplicates after the first are ignored).
    public init(characters: some Sequence<Character>) {
        var unique: [Character] = []
        var seen = Set<Character>()
        for c in characters where seen.insert(c).inserted { unique.append(c) }
        self.characters = unique
        self.ids = Dictionary(uniqueKeysWithValues: unique.enumerated().map { ($1, $0 + Self.specialCount) })
    }

    private enum CodingKeys: String, CodingKey { case characters }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(characters: try container.decode(String.self, forKey: .characters))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(String(characters), forKey: .characters)
    }

    /// Number of ids including the special tokens.
    public var vocabularySize: Int { characters.count + Self.specialCount }

    /// Token ids of `text`, optionally framed by beginning/end-of-sequence ids.
    /// - Throws: ``UnknownCharacter`` for a character outside the vocabulary.
    public func encode(_ text: String, addBeginning: Bool = false, addEnd: Bool = false) throws(UnknownCharacter) -> [Int] {
        var out: [Int] = addBeginning ? [Self.beginOfSequence] : []
        for c in text {
            guard let id = ids[c] else { throw UnknownCharacter(character: c) }
            out.append(id)
        }
        if addEnd { out.append(Self.endOfSequence) }
        return out
    }

    /// The text of `ids`; special and out-of-range ids are skipped.
    public func decode(_ ids: [Int]) -> String {
        String(ids.compactMap { id in
            let index = id - Self.specialCount
            return index >= 0 && index < characters.count ? characters[index] : nil
        })
    }
}
