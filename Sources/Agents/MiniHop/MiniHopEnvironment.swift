import Foundation
import Tensor

/// One MiniHop question as a ``TextEnvironment``: `<search>query</search>` runs the noisy BM25 search engine
/// over the corpus, `<answer>option</answer>` ends the episode with reward 1 when it is the gold answer.
///
/// Admissible actions: a search for every person or country named so far (in the question or a result) and
/// an answer for every option. Free-form searches are accepted too. The episode seed drives the search noise.
public struct MiniHopEnvironment: TextEnvironment, Sendable {
    /// The world.
    public let world: MiniHopWorld
    /// The task index.
    public let task: Int
    /// The tool-call parser (tools `search` and `answer`).
    public var parser = ToolCallParser(tools: ["search", "answer"])
    private var rng = Xoshiro256StarStar(seed: 0)
    private var seen: [String] = []
    /// Ids of the documents returned so far, in order (duplicates removed).
    public private(set) var retrieved: [String] = []
    private var finished = false

    init(world: MiniHopWorld, task: Int) {
        self.world = world
        self.task = task
    }

    /// The task of this environment.
    public var taskInfo: MiniHopTask { world.tasks[task] }

    public mutating func reset(seed: UInt64) throws -> TextObservation {
        rng = Xoshiro256StarStar(seed: seed).derived("minihop/search")
        seen = []
        retrieved = []
        finished = false
        let text = taskInfo.prompt
        notice(text)
        return observation(text)
    }

    public mutating func step(_ action: String) throws -> TextStep {
        guard !finished else {
            return TextStep(observation: observation("The episode is over; call reset."), reward: 0, terminated: false,
                truncated: true, info: StepInfo(reason: .worldTerminated, detail: "step after the end; call reset"))
        }
        let call: ToolCall
        do {
            call = try parser.parse(action)
        } catch {
            return TextStep(observation: observation("Invalid action: \(error.message)"), reward: 0,
                terminated: false, truncated: false, info: StepInfo(formatError: error.message))
        }
        switch call.name {
        case "answer":
            finished = true
            let correct = Self.normalized(call.argument) == Self.normalized(taskInfo.answer)
            return TextStep(observation: observation(correct ? "Correct." : "Incorrect."), reward: correct ? 1 : 0,
                terminated: true, truncated: false,
                info: StepInfo(reason: .answered, tool: "answer", answer: call.argument))
        default:
            let hits = search(call.argument)
            let text = hits.isEmpty
                ? "No results for '\(call.argument)'."
                : hits.map { "[\(world.documents[$0].id)] \(world.documents[$0].text)" }.joined(separator: "\n")
            for hit in hits where !retrieved.contains(world.documents[hit].id) {
                retrieved.append(world.documents[hit].id)
            }
            notice(text)
            return TextStep(observation: observation(text), reward: 0, terminated: false, truncated: false,
                info: StepInfo(tool: "search"))
        }
    }

    /// The documents a search for `query` returns now: Gumbel top-k over BM25/τ, or the exact top-k when τ = 0.
    mutating func search(_ query: String) -> [Int] {
        let k = world.config.topK, temperature = world.config.retrievalTemperature
        guard temperature > 0 else { return world.index.search(query, topK: k).map(\.document) }
        let scores = world.index.scores(query)
        var keyed: [(Int, Double)] = []
        for (index, score) in scores.enumerated() where score > 0 {
            let u = max(rng.nextDouble(), 1e-300)
            keyed.append((index, score / temperature - log(-log(u))))
        }
        keyed.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        return keyed.prefix(k).map(\.0)
    }

    private mutating func notice(_ text: String) {
        for name in world.entityNames where !seen.contains(name) && text.contains(name) { seen.append(name) }
    }

    private func observation(_ text: String) -> TextObservation {
        let searches = seen.filter { world.searchableNames.contains($0) }.map { "<search>\($0)</search>" }
        let answers = finished ? [] : taskInfo.options.map { "<answer>\($0)</answer>" }
        return TextObservation(text: text, admissibleActions: finished ? [] : searches + answers,
            tools: ["search", "answer"])
    }

    static func normalized(_ text: String) -> String {
        text.lowercased().trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters))
    }
}
