/// Rates how much each chunk of a completion matters: 1 (redundant) … 5 (essential), SCMA's scoring agent.
public protocol ChunkScorer: Sendable {
    /// One importance in 1…5 per chunk (chunk texts in order, separators included).
    func importance(of chunks: [String], problem: TaskProblem) -> [Int]
}

/// The oracle scorer of the SCMA reproduction: a chunk that repeats an earlier chunk (separators and spaces
/// ignored) is redundant (1); every other chunk is essential (5).
public struct RepeatedChunkScorer: ChunkScorer {
    /// Creates the scorer.
    public init() {}

    public func importance(of chunks: [String], problem: TaskProblem) -> [Int] {
        var seen = Set<String>()
        return chunks.map { chunk in
            let key = Self.normalized(chunk)
            return seen.insert(key).inserted ? 5 : 1
        }
    }

    /// The chunk without separators and spaces.
    static func normalized(_ chunk: String) -> String { chunk.filter { !",; \n".contains($0) } }
}

extension WorkedSolution {
    /// Whether `text` is a complete worked solution of `problem`: its answer is correct and every line of the
    /// reference derivation (``steps(for:kind:)``) appears as a chunk, in order (extra repeated chunks allowed).
    /// The learned SCMA scorer's team reward checks compressed traces with it.
    public static func isComplete(
        _ text: String, problem: TaskProblem, kind: SyntheticTask.Kind, verifier: any Verifier,
        segmenter: any StepSplitter = StepSegmenter.workedSolution
    ) -> Bool {
        guard verifier.verify(prompt: problem.prompt, completion: text, groundTruth: problem.groundTruth).correct
        else { return false }
        guard let reference = steps(for: problem, kind: kind)?.split(separator: ",").map(String.init) else {
            return true
        }
        let chars = Array(text)
        let chunks = segmenter.characterRanges(in: text).map { RepeatedChunkScorer.normalized(String(chars[$0])) }
        var next = 0
        for chunk in chunks where next < reference.count && chunk == reference[next] { next += 1 }
        return next == reference.count
    }
}
