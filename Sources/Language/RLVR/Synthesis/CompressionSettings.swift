/// The knobs of SCMA's self-compression (``SelfCompression``), used when `lengthPenalty.weighting` is
/// `importance`: who scores the chunks and how chunks are found.
public struct CompressionSettings: Codable, Equatable, Sendable {
    /// Who rates chunk importance.
    public enum Scorer: String, Codable, Equatable, Sendable, CaseIterable {
        /// The oracle: a chunk repeating an earlier one is redundant (``RepeatedChunkScorer``).
        case repeats
        /// The policy in a scoring role, trained on the team reward (SCMA's multi-agent variant).
        case policy
    }

    /// The scorer.
    public var scorer: Scorer
    /// The scoring role's prompt (`{chunk}` required, `{context}` optional).
    public var template: String
    /// Scorer answers per chunk (≥ 2).
    public var samplesPerChunk: Int
    /// How completions are split into chunks.
    public var segmenter: StepSegmenter

    /// Creates the settings (oracle repeats scorer, worked-solution chunks by default).
    public init(
        scorer: Scorer = .repeats, template: String = "rate {chunk} after {context}:", samplesPerChunk: Int = 2,
        segmenter: StepSegmenter = .workedSolution
    ) {
        self.scorer = scorer
        self.template = template
        self.samplesPerChunk = samplesPerChunk
        self.segmenter = segmenter
    }

    /// The synthesizer for `penalty` on problems of `task` (the policy scorer's team reward checks compressed
    /// traces against the task's reference derivation, so it needs a synthetic task with one).
    /// - Throws: ``RLVRInputError`` for a bad template or sample count, or a policy scorer without such a task.
    public func synthesizer(penalty: LengthPenalty, task: SyntheticTask?) throws(RLVRInputError) -> SelfCompression {
        switch scorer {
        case .repeats:
            return SelfCompression(segmenter: segmenter, penalty: penalty, scoring: .oracle(RepeatedChunkScorer()))
        case .policy:
            let derivations: Set<SyntheticTask.Kind> = [.addition, .multiplication, .modular, .linear]
            guard let task, derivations.contains(task.kind) else {
                throw RLVRInputError(
                    "compression.scorer=policy trains the scorer on whether the compressed trace is still a complete "
                        + "derivation, which SwiftRL checks for --task addition, multiplication, modular or linear; "
                        + "use compression.scorer=repeats otherwise")
            }
            let verifier: any Verifier
            do { verifier = try task.makeGenerator().verifier } catch { throw RLVRInputError(error.description) }
            let kind = task.kind, chunks = segmenter
            let role = try SelfCompression.PolicyScoring(
                template: template, samplesPerChunk: samplesPerChunk,
                complete: { problem, text in
                    WorkedSolution.isComplete(text, problem: problem, kind: kind, verifier: verifier, segmenter: chunks)
                })
            return SelfCompression(segmenter: segmenter, penalty: penalty, scoring: .policy(role))
        }
    }
}
