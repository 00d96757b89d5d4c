import Foundation

extension PromptDataset {
    /// What to do with a malformed line.
    public enum BadLinePolicy: String, CaseIterable, Codable, Sendable {
        /// Skip it, keep its line number and reason in ``Loaded/skipped`` (the caller reports them).
        case skip
        /// Stop at the first one with a ``DatasetError`` naming it.
        case stop
    }

    /// How a JSONL prompt file is read: which fields hold the prompt and the answer, and the bad-line policy.
    public struct Options: Codable, Equatable, Sendable {
        /// The prompt's field: a top-level key, or a dotted path into nested objects (`"extra.question"`).
        public var promptField: String
        /// The answer's field (a string or a number), e.g. `ground_truth`, `answer`, `solution` or
        /// `reward_model.ground_truth` (verl's layout).
        public var answerField: String
        /// What a malformed line does.
        public var onBadLine: BadLinePolicy

        /// Creates options; the defaults are the TRL/verl names and stop-at-the-first-bad-line.
        public init(
            promptField: String = "prompt", answerField: String = "ground_truth", onBadLine: BadLinePolicy = .stop
        ) {
            self.promptField = promptField
            self.answerField = answerField
            self.onBadLine = onBadLine
        }
    }

    /// The problems of a file and every line that was skipped, with its number and reason.
    public struct Loaded: Equatable, Sendable {
        /// The problems, in file order.
        public var problems: [TaskProblem]
        /// The skipped lines (empty under ``BadLinePolicy/stop``).
        public var skipped: [DatasetError]

        /// Creates a result.
        public init(problems: [TaskProblem], skipped: [DatasetError]) {
            self.problems = problems
            self.skipped = skipped
        }

        /// One line for the user, e.g. `"prompts.jsonl: skipped 3 bad lines (first: 2, 7, 9)"`; `nil` if none.
        /// - Parameter shown: how many line numbers to list.
        public func skippedSummary(shown: Int = 5) -> String? {
            guard let first = skipped.first else { return nil }
            let numbers = skipped.prefix(shown).map { String($0.line) }.joined(separator: ", ")
            let noun = skipped.count == 1 ? "line" : "lines"
            let more = skipped.count > shown ? ", …" : ""
            return "\(first.path): skipped \(skipped.count) bad \(noun) of \(skipped.count + problems.count) "
                + "(line \(numbers)\(more)); first: \(first.reason)"
        }
    }
}
