/// Several synthesizers applied in order to the same batch (e.g. R³L's retries, then SCMA's scoring role).
public struct SynthesizerChain: TrajectorySynthesizer {
    /// The synthesizers, applied first to last.
    public var parts: [any TrajectorySynthesizer]

    /// Creates a chain.
    public init(_ parts: [any TrajectorySynthesizer]) { self.parts = parts }

    /// The fewest first attempts any part asks for.
    public func firstAttempts(groupSize: Int) -> Int {
        parts.map { $0.firstAttempts(groupSize: groupSize) }.min() ?? groupSize
    }

    public func synthesize(
        _ batch: inout RolloutBatch, problems: inout [TaskProblem], context: SynthesisContext
    ) throws -> [String: Double] {
        var metrics: [String: Double] = [:]
        for part in parts {
            let report = try part.synthesize(&batch, problems: &problems, context: context)
            metrics.merge(report) { _, new in new }
        }
        return metrics
    }
}
