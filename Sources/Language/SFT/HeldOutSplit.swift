/// A fixed train/held-out split of a task's problem space by a stable hash of the prompt (FNV-1a), so the SFT
/// data, the RL prompts and the evaluation problems never overlap, for any seed, across runs and processes.
public struct HeldOutSplit: Codable, Equatable, Sendable {
    /// Fraction of the problem space reserved for evaluation, in (0, 1).
    public var fraction: Double

    /// - Parameter fraction: share of prompts held out (default 0.2).
    public init(fraction: Double = 0.2) { self.fraction = min(max(fraction, 0.001), 0.999) }

    /// Whether `problem` belongs to the held-out part.
    public func isHeldOut(_ problem: TaskProblem) -> Bool {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in problem.prompt.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return Double(hash % 1_000_000) / 1_000_000 < fraction
    }

    /// `base` restricted to the training part (`heldOut: false`) or the held-out part.
    public func restrict(_ base: any TaskGenerator, heldOut: Bool) -> SplitTaskGenerator {
        SplitTaskGenerator(base: base, split: self, heldOut: heldOut)
    }
}

/// A task generator that only yields problems of one side of a ``HeldOutSplit`` (by redrawing; after 10 000
/// rejected draws, which only a split side with no problems at all can cause, it returns the last draw).
public struct SplitTaskGenerator: TaskGenerator {
    /// The unrestricted generator.
    public let base: any TaskGenerator
    /// The split.
    public let split: HeldOutSplit
    /// Which side.
    public let heldOut: Bool

    public var name: String { base.name + (heldOut ? "-heldout" : "-train") }
    public var verifier: any Verifier { base.verifier }

    public func generate(using rng: inout some RandomNumberGenerator) -> TaskProblem {
        var problem = base.generate(using: &rng)
        var tries = 1
        while split.isHeldOut(problem) != heldOut && tries < 10_000 {
            problem = base.generate(using: &rng)
            tries += 1
        }
        return problem
    }
}
