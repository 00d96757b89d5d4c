import Foundation

/// A tokenizer file that cannot be used: says what was wrong and how to fix it.
public struct TokenizerError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Byte-level byte-pair encoding (Radford et al. 2019; Sennrich et al. 2016) as used by GPT-2 and Qwen2, loaded
/// from a Hugging Face `tokenizer.json`, with the same ids as the Python `tokenizers` package.
///
/// Encoding: added (special) tokens are cut out first and map to their ids; the rest is normalised (none or
/// NFC), split into words by the pre-tokenizer's regular expression, each word's UTF-8 bytes mapped to the
/// byte-level alphabet, and pairs merged by rank (lowest first, leftmost among equals). Decoding maps tokens back
/// to bytes and decodes UTF-8 (invalid sequences become U+FFFD, as `tokenizers` does).
public struct ByteLevelBPETokenizer: Sendable {
    /// Token string → id (the BPE vocabulary and the added tokens).
    public let vocabulary: [String: Int]
    /// Added tokens (e.g. `<|endoftext|>`), content → id, matched before pre-tokenisation.
    public let addedTokens: [String: Int]
    /// Ids of added tokens marked `special` (skipped by `decode(_:skipSpecialTokens: true)`).
    public let specialTokenIDs: Set<Int>
    private let tokens: [Int: String]
    private let ranks: [String: Int]
    private let preTokenizer: PreTokenizer
    private let normalizeNFC: Bool
    private let alphabet = ByteLevelAlphabet()
    private let addedByLength: [String]

    /// Loads `tokenizer.json`.
    /// - Throws: ``TokenizerError`` if the file is missing, is not a BPE tokenizer, or uses an unsupported
    ///   normalizer or pre-tokenizer.
    public init(contentsOf url: URL) throws(TokenizerError) {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw TokenizerError("\(url.path) is missing: the model directory needs tokenizer.json (Hugging Face tokenizers format)")
        }
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw TokenizerError("\(url.path): cannot read (\(error.localizedDescription))")
        }
        do { try self.init(json: data) } catch {
            throw TokenizerError("\(url.path): \(error.description)")
        }
    }

    /// Parses the contents of a `tokenizer.json`.
    /// - Throws: ``TokenizerError`` for a non-BPE model or unsupported components.
    public init(json data: Data) throws(TokenizerError) {
        let root: [String: Any]
        do {
            guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw TokenizerError("not a JSON object")
            }
            root = object
        } catch let error as TokenizerError { throw error } catch {
            throw TokenizerError("not valid JSON (\(error))")
        }
        guard let model = root["model"] as? [String: Any], (model["type"] as? String) == "BPE" else {
            throw TokenizerError("model.type must be BPE (GPT-2/Qwen2 byte-level BPE); got \(((root["model"] as? [String: Any])?["type"] as? String) ?? "none")")
        }
        guard let vocab = model["vocab"] as? [String: Int] else { throw TokenizerError("model.vocab is missing") }
        var ranks: [String: Int] = [:]
        for (rank, merge) in ((model["merges"] as? [Any]) ?? []).enumerated() {
            let pair: [String]
            if let s = merge as? String { pair = s.split(separator: " ", maxSplits: 1).map(String.init) } else {
                pair = (merge as? [String]) ?? []
            }
            guard pair.count == 2 else { throw TokenizerError("model.merges[\(rank)] is not a pair: \(merge)") }
            let key = pair[0] + " " + pair[1]
            if ranks[key] == nil { ranks[key] = rank }
        }
        var added: [String: Int] = [:], special = Set<Int>()
        for entry in (root["added_tokens"] as? [[String: Any]]) ?? [] {
            guard let content = entry["content"] as? String, let id = entry["id"] as? Int else { continue }
            added[content] = id
            if (entry["special"] as? Bool) ?? false { special.insert(id) }
        }
        var full = vocab
        for (content, id) in added { full[content] = id }
        self.vocabulary = full
        self.addedTokens = added
        self.specialTokenIDs = special
        self.tokens = Dictionary(full.map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        self.ranks = ranks
        self.addedByLength = added.keys.sorted { $0.count > $1.count || ($0.count == $1.count && $0 < $1) }
        self.normalizeNFC = try Self.parseNormalizer(root["normalizer"])
        self.preTokenizer = try Self.parsePreTokenizer(root["pre_tokenizer"])
    }

    /// Number of ids (one more than the largest id).
    public var vocabularySize: Int { (tokens.keys.max() ?? -1) + 1 }

    /// The id of a token string (e.g. `"<|endoftext|>"`), if it exists.
    public func id(of token: String) -> Int? { vocabulary[token] }

    /// Token ids of `text`.
    /// - Complexity: O(n · w) for text of n characters and words of at most w characters.
    public func encode(_ text: String) -> [Int] {
        var out: [Int] = []
        for (segment, isAdded) in splitAddedTokens(text) {
            if isAdded {
                if let id = addedTokens[segment] { out.append(id) }
                continue
            }
            let normalized = normalizeNFC ? segment.precomposedStringWithCanonicalMapping : segment
            for word in preTokenizer.split(normalized) {
                let mapped = word.utf8.map { alphabet.characters[Int($0)] }
                for symbol in merge(mapped.map { String($0) }) {
                    if let id = vocabulary[symbol] { out.append(id) }
                }
            }
        }
        return out
    }

    /// The text of `ids` (unknown ids are skipped).
    /// - Parameter skipSpecialTokens: leave out special added tokens such as `<|endoftext|>`.
    public func decode(_ ids: [Int], skipSpecialTokens: Bool = false) -> String {
        var text = "", pending: [UInt8] = []
        func flush() {
            text += String(decoding: pending, as: UTF8.self)
            pending.removeAll()
        }
        for id in ids {
            guard let token = tokens[id] else { continue }
            if addedTokens[token] == id {
                if skipSpecialTokens && specialTokenIDs.contains(id) { continue }
                flush()
                text += token
                continue
            }
            for c in token {
                if let b = alphabet.bytes[c] { pending.append(b) } else { pending += Array(String(c).utf8) }
            }
        }
        flush()
        return text
    }

    /// Text split around added tokens (leftmost match, longest first), flagged.
    private func splitAddedTokens(_ text: String) -> [(String, Bool)] {
        guard !addedByLength.isEmpty else { return [(text, false)] }
        var out: [(String, Bool)] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            var best: (Range<Substring.Index>, String)?
            for token in addedByLength {
                if let r = rest.range(of: token), best.map({ r.lowerBound < $0.0.lowerBound }) ?? true {
                    best = (r, token)
                }
            }
            guard let (range, token) = best else {
                out.append((String(rest), false))
                break
            }
            if range.lowerBound > rest.startIndex { out.append((String(rest[..<range.lowerBound]), false)) }
            out.append((token, true))
            rest = rest[range.upperBound...]
        }
        return out
    }

    /// Applies merges to one word's symbols: repeatedly the lowest-ranked adjacent pair, leftmost first.
    private func merge(_ start: [String]) -> [String] {
        var symbols = start
        while symbols.count > 1 {
            var bestRank = Int.max, bestIndex = -1
            for i in 0..<(symbols.count - 1) {
                if let r = ranks[symbols[i] + " " + symbols[i + 1]], r < bestRank {
                    bestRank = r
                    bestIndex = i
                }
            }
            guard bestIndex >= 0 else { break }
            symbols[bestIndex] += symbols[bestIndex + 1]
            symbols.remove(at: bestIndex + 1)
        }
        return symbols
    }

    private static func parseNormalizer(_ value: Any?) throws(TokenizerError) -> Bool {
        guard let n = value as? [String: Any] else { return false }
        switch n["type"] as? String {
        case "NFC": return true
        case "Sequence" where ((n["normalizers"] as? [Any]) ?? []).isEmpty: return false
        case let other: throw TokenizerError("normalizer \(other ?? "?") is not supported; byte-level BPE supports none or NFC")
        }
    }

    private static func parsePreTokenizer(_ value: Any?) throws(TokenizerError) -> PreTokenizer {
        guard let p = value as? [String: Any] else {
            throw TokenizerError("pre_tokenizer is missing; byte-level BPE needs a ByteLevel pre-tokenizer")
        }
        let steps = (p["type"] as? String) == "Sequence" ? ((p["pretokenizers"] as? [[String: Any]]) ?? []) : [p]
        var patterns: [String] = [], sawByteLevel = false, prefixSpace = false
        for step in steps {
            switch step["type"] as? String {
            case "Split":
                let pattern = step["pattern"] as? [String: Any]
                guard let regex = (pattern?["Regex"] as? String) ?? (pattern?["String"] as? String).map(NSRegularExpression.escapedPattern),
                    ((step["behavior"] as? String) ?? "Isolated") == "Isolated", !((step["invert"] as? Bool) ?? false)
                else { throw TokenizerError("pre_tokenizer Split: only an isolated, non-inverted pattern is supported") }
                patterns.append(regex)
            case "ByteLevel":
                sawByteLevel = true
                prefixSpace = (step["add_prefix_space"] as? Bool) ?? false
                if (step["use_regex"] as? Bool) ?? true { patterns.append(PreTokenizer.gpt2Pattern) }
            case let other:
                throw TokenizerError("pre_tokenizer \(other ?? "?") is not supported; byte-level BPE supports ByteLevel and Split")
            }
        }
        guard sawByteLevel else { throw TokenizerError("pre_tokenizer has no ByteLevel step; this is not a byte-level BPE tokenizer") }
        return try PreTokenizer(patterns: patterns, addPrefixSpace: prefixSpace)
    }
}
