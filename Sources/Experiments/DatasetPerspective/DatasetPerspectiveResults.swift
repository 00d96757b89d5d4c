/// One dataset's measures in one seed's run (stage-0 unit output).
public struct PerspectiveDatasetRow: Codable, Sendable, Equatable {
    /// The recipe (`random`, `replay`, `expert`, `noisy`, `mixed`).
    public var recipe: String
    /// The online run's seed.
    public var seed: UInt64
    /// TQ against the run's random and best returns.
    public var tq: Double
    /// SACo relative to the replay dataset, HyperLogLog error 0.01 (the study's).
    public var saco: Double
    /// SACo with exact counting.
    public var sacoExact: Double
    /// Mean BC-policy entropy (nats).
    public var entropy: Double
    /// Reward sparsity.
    public var sparsity: Double
    /// Mean episode length.
    public var episodeLength: Double
    /// Mean episode return.
    public var meanReturn: Double
    /// Transitions.
    public var transitions: Int
}

/// One offline learner's final return on one dataset of one seed (stage-1 unit output).
public struct PerspectiveRunRow: Codable, Sendable, Equatable {
    /// Registry name.
    public var algorithm: String
    /// The recipe.
    public var recipe: String
    /// The seed.
    public var seed: UInt64
    /// Mean return of the final policy.
    public var meanReturn: Double
    /// (R − R_random)/(R_best − R_random) with the seed's references, like TQ.
    public var normalized: Double
}

/// What a dataset-perspective unit produces: the datasets' measures (stage 0) or the learners' returns (stage 1).
public struct DatasetPerspectiveUnitResult: Codable, Sendable {
    /// Stage 0: the measures of the five datasets of one seed.
    public var datasets: [PerspectiveDatasetRow]?
    /// Stage 1: the final returns of one algorithm on the five datasets of one seed.
    public var runs: [PerspectiveRunRow]?
}
