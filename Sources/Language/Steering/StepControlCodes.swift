/// The token ids of CTRLS-style step control: the K code tokens a controller chooses among, and the triggers
/// after which a new reasoning step starts (the prompt's final `:` and the step separator `,`).
///
/// Trigger rule (the same in a full forward pass and in cached decoding): a separator token always starts a
/// step; a prompt-end token starts one only where it is the first such token of the row. In decoding with a
/// non-empty cache it never does: the prompt, which ends with it, is already cached, so a later `:` (the one of
/// `Answer:`) is never the first. Prompts must therefore contain the prompt-end token (Countdown's do).
public struct StepControlCodes: Codable, Equatable, Sendable {
    /// Token ids of the K control codes, in code order.
    public var codes: [Int]
    /// Token ids that end one step and start the next (`,`).
    public var separators: [Int]
    /// The token id that ends a prompt and starts the first step (`:`).
    public var promptEnd: Int

    /// Codes and triggers from token ids.
    /// - Throws: ``LanguageModelError`` for fewer than two codes, repeated ids, or codes that are triggers.
    public init(codes: [Int], separators: [Int], promptEnd: Int) throws(LanguageModelError) {
        guard codes.count >= 2, Set(codes).count == codes.count else {
            throw LanguageModelError("StepControlCodes: give at least two distinct code tokens; got \(codes)")
        }
        let triggers = Set(separators + [promptEnd])
        guard triggers.isDisjoint(with: codes) else {
            throw LanguageModelError(
                "StepControlCodes: a code token is also a trigger (\(codes) vs \(triggers.sorted())); use distinct ids")
        }
        self.codes = codes
        self.separators = separators
        self.promptEnd = promptEnd
    }

    /// K, the number of codes.
    public var count: Int { codes.count }

    /// The codes of ``CodedSolution`` (`a s m d`), separator `,` and prompt end `:` under `encode`, which must map
    /// each of those characters to exactly one token (a ``CharacterTokenizer`` or a model directory saved from one).
    /// - Throws: ``LanguageModelError`` naming a character that is not a single token.
    public static func coded(encode: (String) throws -> [Int]) throws(LanguageModelError) -> StepControlCodes {
        func single(_ character: Character) throws(LanguageModelError) -> Int {
            guard let ids = try? encode(String(character)), ids.count == 1 else {
                throw LanguageModelError(
                    "StepControlCodes: `\(character)` is not one token of this tokenizer; steering needs a model "
                        + "pretrained with the coded style "
                        + "(swiftrl rlvr pretrain --task countdown --style-mix coded=1)")
            }
            return ids[0]
        }
        var codes: [Int] = []
        for c in CodedSolution.codes { codes.append(try single(c)) }
        return try StepControlCodes(codes: codes, separators: [try single(",")], promptEnd: try single(":"))
    }

    /// Whether each position of one row starts a step (its next token is a control code).
    /// - Parameter decoding: the row continues a non-empty cache (its prompt-end token is already seen).
    public func triggers(row ids: some Collection<Int>, decoding: Bool) -> [Bool] {
        var seenPromptEnd = decoding
        return ids.map { id in
            if separators.contains(id) { return true }
            guard id == promptEnd, !seenPromptEnd else { return false }
            seenPromptEnd = true
            return true
        }
    }
}
