import Foundation

/// Names the features of one candidate action in its context; ``LogLinearPolicy`` hashes them.
public protocol ActionFeaturizer: Sendable {
    /// Feature names of `action` given the current observation and the episode so far.
    func features(action: String, observation: TextObservation, transcript: Transcript) -> [String]
    /// Feature names of every action in `actions` (one context; implementations may share work across them).
    func features(actions: [String], observation: TextObservation, transcript: Transcript) -> [[String]]
    /// Feature names of choosing the tool `tool` (the first level of ``LogLinearPolicy``'s two-level softmax),
    /// given the candidate actions that use it.
    func toolFeatures(tool: String, candidates: [String], observation: TextObservation, transcript: Transcript)
        -> [String]
}

extension ActionFeaturizer {
    /// ``features(action:observation:transcript:)`` of each action.
    public func features(actions: [String], observation: TextObservation, transcript: Transcript) -> [[String]] {
        actions.map { features(action: $0, observation: observation, transcript: transcript) }
    }

    /// One bias feature per tool.
    public func toolFeatures(tool: String, candidates: [String], observation: TextObservation, transcript: Transcript)
        -> [String]
    {
        ["tool|\(tool)"]
    }
}

/// World-agnostic features of a tool call read from the transcript alone:
/// the tool; whether its argument occurs in the task text; its *result depth* (1 + the depth of the query whose
/// result first named it; a query named in the task has depth 0; `none` when no result named it), crossed with
/// its lexical overlap with the task (task words in a result sentence naming it); how often the
/// same call was made before; the turn; and the deepest result depth reached so far. Names never enter the
/// features, so what is learnt transfers across questions and renamed entities.
public struct ToolCallFeaturizer: ActionFeaturizer, Equatable {
    /// The parser used to read candidate actions and past actions.
    public var parser: ToolCallParser
    /// Turns above this are bucketed together, default 6.
    public var maxTurnFeature: Int

    /// A featurizer.
    public init(parser: ToolCallParser = ToolCallParser(), maxTurnFeature: Int = 6) {
        self.parser = parser
        self.maxTurnFeature = maxTurnFeature
    }

    public func features(action: String, observation: TextObservation, transcript: Transcript) -> [String] {
        features(actions: [action], observation: observation, transcript: transcript)[0]
    }

    /// The features of every action, reading the transcript's result depths once.
    public func features(actions: [String], observation: TextObservation, transcript: Transcript) -> [[String]] {
        let depths = ResultDepths(transcript: transcript, parser: parser)
        let reached = depths.maximum
        let taskWords = Self.taskWords(transcript)
        return actions.map {
            features($0, transcript: transcript, depths: depths, reached: reached, taskWords: taskWords)
        }
    }

    private func features(
        _ action: String, transcript: Transcript, depths: ResultDepths, reached: Int, taskWords: Set<String>
    ) -> [String] {
        guard let call = try? parser.parse(action) else { return ["unparsable"] }
        let kind = call.name
        let depth = depths.depth(of: call.argument).map(String.init) ?? "none"
        let inPrompt = transcript.prompt.contains(call.argument)
        let repeats = transcript.turns.filter { (try? parser.parse($0.action)) == call }.count
        let turn = min(transcript.turns.count, maxTurnFeature)
        let overlap = min(Self.questionOverlap(call.argument, transcript: transcript, taskWords: taskWords), 3)
        return [
            "bias|\(kind)",
            "\(kind)|prompt=\(inPrompt)|depth=\(depth)",
            "\(kind)|depth=\(depth)|overlap=\(overlap)",
            "\(kind)|depth=\(depth)|reached=\(reached)",
            "\(kind)|repeat=\(min(repeats, 2))",
            "\(kind)|turn=\(turn)",
        ]
    }

    /// Lexical relevance of `argument` to the task: the largest number of task words (lower-cased, longer than
    /// three letters, not in the argument) in one result sentence that names the argument.
    static func questionOverlap(_ argument: String, transcript: Transcript, taskWords: Set<String>) -> Int {
        let taskWords = taskWords.subtracting(BM25Index.tokenize(argument))
        var best = 0
        for turn in transcript.turns {
            for sentence in turn.observation.split(whereSeparator: { $0 == "." || $0 == "\n" })
            where sentence.contains(argument) {
                best = max(best, Set(BM25Index.tokenize(String(sentence))).intersection(taskWords).count)
            }
        }
        return best
    }

    /// Words of the task's first line longer than three letters.
    static func taskWords(_ transcript: Transcript) -> Set<String> {
        Set(BM25Index.tokenize(transcript.prompt.components(separatedBy: "\n").first ?? "").filter { $0.count > 3 })
    }

    /// The tool's bias, crossed with the turn, the deepest result depth reached, and the deepest result depth of
    /// its candidates' arguments (e.g. whether some answer option has turned up in a result).
    public func toolFeatures(tool: String, candidates: [String], observation: TextObservation, transcript: Transcript)
        -> [String]
    {
        let depths = ResultDepths(transcript: transcript, parser: parser)
        var best = -1
        for candidate in candidates {
            if let call = try? parser.parse(candidate), let depth = depths.depth(of: call.argument) {
                best = max(best, depth)
            }
        }
        let turn = min(transcript.turns.count, maxTurnFeature)
        return [
            "tool|\(tool)", "tool|\(tool)|turn=\(turn)", "tool|\(tool)|reached=\(depths.maximum)",
            "tool|\(tool)|best=\(best < 0 ? "none" : String(best))",
        ]
    }
}

/// Result depths of strings in a transcript (see ``ToolCallFeaturizer``).
struct ResultDepths {
    private var queries: [(argument: String, result: String)] = []
    private let prompt: String

    init(transcript: Transcript, parser: ToolCallParser) {
        prompt = transcript.prompt
        for turn in transcript.turns {
            if let call = try? parser.parse(turn.action) { queries.append((call.argument, turn.observation)) }
        }
    }

    /// 1 + the depth of the first query whose result contains `text` (a query in the prompt has depth 0).
    func depth(of text: String, before limit: Int? = nil, level: Int = 0) -> Int? {
        guard level < 8 else { return nil }
        let end = limit ?? queries.count
        for index in 0..<end where queries[index].result.contains(text) {
            let query = queries[index].argument
            if prompt.contains(query) { return 1 }
            if let inner = depth(of: query, before: index, level: level + 1) { return inner + 1 }
        }
        return nil
    }

    /// The deepest result depth reached (0 before any result).
    var maximum: Int {
        var best = 0
        for index in queries.indices {
            let query = queries[index].argument
            let base = prompt.contains(query) ? 0 : depth(of: query, before: index)
            if let base { best = max(best, base + 1) }
        }
        return best
    }
}
