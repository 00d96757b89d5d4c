/// A rule that finds the reasoning steps of a completion's text. ``StepSegmenter`` covers lines, separators and
/// tags; conform your own type for a task-specific rule (e.g. "a step is one equation"), and every method that
/// takes a splitter (``Reflector``, ``SelfCompression``, ``Transcript``) uses it.
public protocol StepSplitter: Sendable {
    /// The steps of `text` as character ranges (offsets into its `Character`s), in order, not overlapping.
    func characterRanges(in text: String) -> [Range<Int>]
}

extension StepSplitter {
    /// Segments completion tokens.
    /// - Parameters:
    ///   - tokens: the completion's token ids (a final stop token, if any, joins the last step).
    ///   - decode: token ids → text (the tokenizer's decoder).
    /// - Throws: ``StepSegmentationError`` when the rule finds no step (an empty completion, or a tag rule
    ///   whose tags never appear), naming the segmenter so the configuration can be fixed.
    public func segment(tokens: [Int], decode: ([Int]) -> String) throws(StepSegmentationError) -> StepSegmentation {
        var offsets: [Int] = []  // character offset where each token starts
        offsets.reserveCapacity(tokens.count + 1)
        var pieces = ""
        for t in tokens {
            offsets.append(pieces.count)
            pieces += decode([t])
        }
        let text = decode(tokens)
        if pieces != text {
            // tokens whose text depends on their neighbours (byte-level merges): use prefix decodes
            offsets = (0..<tokens.count).map { decode(Array(tokens[0..<$0])).count }
        }
        let ranges = characterRanges(in: text)
        guard !ranges.isEmpty else {
            throw StepSegmentationError(
                "segmenter \(self) found no step in the completion \(String(reflecting: String(text.prefix(80)))); "
                    + "check the segmenter setting (e.g. `lines`, `worked`, `tag:<step>|</step>`) against the "
                    + "completions' format")
        }
        var steps: [StepSegmentation.Step] = []
        for (k, range) in ranges.enumerated() {
            let first = offsets.firstIndex { $0 >= range.lowerBound } ?? tokens.count
            var end = offsets.firstIndex { $0 >= range.upperBound } ?? tokens.count
            if k == ranges.count - 1, coversTail { end = tokens.count }
            let chars = Array(text)
            steps.append(
                StepSegmentation.Step(tokens: first..<max(first, end), text: String(chars[range]), characters: range))
        }
        return StepSegmentation(steps: steps, tokenCount: tokens.count)
    }

    /// Whether the last step owns every token after it (true for separator rules, whose last step runs to the
    /// end, so a final stop token joins it).
    var coversTail: Bool {
        guard let rule = (self as? StepSegmenter)?.rule, case .separators = rule else { return false }
        return true
    }
}

/// Splits a completion into reasoning steps, with each step's token range, so that a method can mask, score or
/// restart individual steps (R³L's pivot, SCMA's chunks, CTRLS's step-level control).
///
/// A step owns the separator that ends it, so the steps of a ``StepRule/separators(_:)`` segmentation cover
/// every token of the completion. Token ranges come from decoding each token: a token whose text straddles two
/// steps belongs to the step its first character is in.
public struct StepSegmenter: StepSplitter, Codable, Equatable, Sendable {
    /// Where steps begin and end.
    public enum StepRule: Codable, Equatable, Sendable {
        /// A step ends after any of these strings (`"\n"` for lines; `","` and `";"` for the synthetic tasks'
        /// `3*4=12,12*2=24;Answer: (3*4)*2`). Text after the last separator is the final step.
        case separators([String])
        /// A step is the text from `open` through the next `close` (both included); text outside tags belongs
        /// to no step.
        case tag(open: String, close: String)
    }

    /// The rule.
    public var rule: StepRule

    /// Creates a segmenter.
    public init(rule: StepRule) { self.rule = rule }

    /// One step per line.
    public static let lines = StepSegmenter(rule: .separators(["\n"]))
    /// The synthetic tasks' worked solutions: steps end at `,` or `;` (so `Answer: …` is the last step).
    public static let workedSolution = StepSegmenter(rule: .separators([",", ";"]))

    /// Parses `lines`, `worked` (`,`/`;`), `sep:<s1>|<s2>` or `tag:<open>|<close>` (e.g. `tag:<step>|</step>`).
    /// - Throws: ``StepSegmentationError`` naming the valid forms.
    public init(parsing text: String) throws(StepSegmentationError) {
        switch text {
        case "lines": self = .lines
        case "worked": self = .workedSolution
        default:
            if text.hasPrefix("sep:") {
                let parts = text.dropFirst(4).split(separator: "|").map(String.init).filter { !$0.isEmpty }
                guard !parts.isEmpty else { throw StepSegmentationError("segmenter `\(text)`: give a separator") }
                self.init(rule: .separators(parts.map { $0 == "\\n" ? "\n" : $0 }))
            } else if text.hasPrefix("tag:") {
                let parts = text.dropFirst(4).split(separator: "|").map(String.init)
                guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                    throw StepSegmentationError("segmenter `\(text)`: write tag:<open>|<close>, e.g. tag:<step>|</step>")
                }
                self.init(rule: .tag(open: parts[0], close: parts[1]))
            } else {
                throw StepSegmentationError(
                    "unknown segmenter `\(text)`; use lines, worked, sep:<s1>|<s2> or tag:<open>|<close>")
            }
        }
    }

    /// The steps of a text, as character ranges (offsets into `text`'s `Character`s).
    public func characterRanges(in text: String) -> [Range<Int>] {
        let chars = Array(text)
        var out: [Range<Int>] = []
        switch rule {
        case let .separators(separators):
            let seps = separators.filter { !$0.isEmpty }.map(Array.init)
            var start = 0, i = 0
            while i < chars.count {
                if let sep = seps.first(where: { Self.matches($0, chars, at: i) }) {
                    i += sep.count
                    out.append(start..<i)
                    start = i
                } else {
                    i += 1
                }
            }
            if start < chars.count { out.append(start..<chars.count) }
            // a step of separators or spaces only is not a step
            out = out.filter { r in chars[r].contains { !$0.isWhitespace && !seps.contains([$0]) } }
        case let .tag(open, close):
            let o = Array(open), c = Array(close)
            guard !o.isEmpty, !c.isEmpty else { return [] }
            var i = 0
            while i < chars.count {
                guard Self.matches(o, chars, at: i) else {
                    i += 1
                    continue
                }
                var j = i + o.count
                while j < chars.count && !Self.matches(c, chars, at: j) { j += 1 }
                guard j < chars.count else { break }
                out.append(i..<(j + c.count))
                i = j + c.count
            }
        }
        return out
    }

    private static func matches(_ pattern: [Character], _ chars: [Character], at i: Int) -> Bool {
        guard i + pattern.count <= chars.count else { return false }
        for k in pattern.indices where chars[i + k] != pattern[k] { return false }
        return true
    }
}

/// A completion's steps: token ranges, texts and per-step metadata (a verifier's judgement, a chunk score).
public struct StepSegmentation: Equatable, Sendable {
    /// One step.
    public struct Step: Equatable, Sendable {
        /// The completion tokens of this step.
        public var tokens: Range<Int>
        /// Its text.
        public var text: String
        /// Its characters in the decoded completion.
        public var characters: Range<Int>
        /// Free-form annotations (e.g. `"valid": "false"`, `"importance": "1"`).
        public var metadata: [String: String] = [:]
    }

    /// The steps in order.
    public var steps: [Step]
    /// Tokens in the completion.
    public var tokenCount: Int

    /// Creates a segmentation.
    public init(steps: [Step], tokenCount: Int) {
        self.steps = steps
        self.tokenCount = tokenCount
    }

    /// A per-token 0/1 mask with 1 on the tokens of the steps in `kept`.
    public func mask(keeping kept: Set<Int>) -> [Double] {
        var out = [Double](repeating: 0, count: tokenCount)
        for (k, step) in steps.enumerated() where kept.contains(k) {
            for t in step.tokens { out[t] = 1 }
        }
        return out
    }

    /// The pivotal-credit mask: 0 on the tokens of the first `count` steps (the shared prefix), 1 on every later
    /// token (R³L `_adjust_action_mask_for_retry`).
    /// - Throws: ``StepSegmentationError`` when `count` exceeds the number of steps.
    public func maskingPrefix(steps count: Int) throws(StepSegmentationError) -> [Double] {
        guard count >= 0 && count <= steps.count else {
            throw StepSegmentationError(
                "pivot step \(count) is beyond the completion's \(steps.count) steps; a pivot must be in 0...\(steps.count)")
        }
        let start = count == 0 ? 0 : (count < steps.count ? steps[count].tokens.lowerBound : steps[count - 1].tokens.upperBound)
        return (0..<tokenCount).map { $0 < start ? 0 : 1 }
    }

    /// The first token after the first `count` steps (the prefix a retry reuses).
    /// - Throws: ``StepSegmentationError`` when `count` exceeds the number of steps.
    public func prefixLength(steps count: Int) throws(StepSegmentationError) -> Int {
        try maskingPrefix(steps: count).firstIndex(of: 1) ?? tokenCount
    }
}

/// A step-segmentation input that cannot be used; the message names the setting to change.
public struct StepSegmentationError: Error, Equatable, CustomStringConvertible {
    /// What was wrong and how to fix it.
    public var message: String
    /// Creates an error.
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
