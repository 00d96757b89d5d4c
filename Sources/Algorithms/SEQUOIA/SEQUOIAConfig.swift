import Optimization

/// Hyper-parameters of ``SEQUOIA`` (DQN with a MILP argmax). Defaults follow the digest's prototype (§9 "Small
/// reproduction"); the paper's own defaults (repository `algos/dqn_estimator.py`) are noted where they differ.
public struct SEQUOIAConfig: Sendable, Codable, Equatable {
    /// Hidden widths of the ReLU Q-network [a, s] → … → 1 (prototype [32]; the paper's [16, 32] makes each GLPK
    /// solve ≈ 400× slower).
    public var hidden: [Int] = [32]
    /// Adam learning rate (prototype 1e-3; paper AdamW 2.5e-4).
    public var learningRate: Double = 1e-3
    /// Minibatch size (32 in both).
    public var batchSize: Int = 32
    /// Hard target-network update every this many gradient steps (prototype 100; the paper soft-updates).
    public var targetUpdateInterval: Int = 100
    /// ε-greedy start (paper 0.9).
    public var epsilonStart: Double = 0.9
    /// ε-greedy floor (paper 0.05).
    public var epsilonEnd: Double = 0.05
    /// ε decay constant in environment steps: ε = end + (start − end)·exp(−t / decay) (paper 1000).
    public var epsilonDecay: Double = 1000
    /// Replay capacity (paper 10⁴; uniform replay here, prioritised in the paper).
    public var bufferCapacity: Int = 10_000
    /// Transitions collected before the first gradient step.
    public var learningStarts: Int = 200
    /// Huber threshold of the TD loss (PyTorch's SmoothL1 default, 1).
    public var huberDelta: Double = 1
    /// Gradient global-norm clip (paper 5).
    public var maxGradNorm: Double = 5
    /// Check every MILP answer against enumeration of 𝒞 (cheap for J ≤ 10; the prototype's "verify" option).
    public var verifyBruteForce: Bool = true

    /// The defaults.
    public init() {}

    /// Checks every field.
    /// - Throws: ``SEQUOIAError/invalidProblem(_:)`` naming the field.
    public func validate() throws(SEQUOIAError) {
        func require(_ ok: Bool, _ message: String) throws(SEQUOIAError) {
            if !ok { throw .invalidProblem(message) }
        }
        try require(!hidden.isEmpty && hidden.allSatisfy { $0 >= 1 }, "hidden must list widths ≥ 1, got \(hidden)")
        try require(learningRate > 0 && learningRate.isFinite, "learningRate must be > 0, got \(learningRate)")
        try require(batchSize >= 1, "batchSize must be ≥ 1, got \(batchSize)")
        try require(targetUpdateInterval >= 1, "targetUpdateInterval must be ≥ 1, got \(targetUpdateInterval)")
        try require(
            (0...1).contains(epsilonStart) && (0...1).contains(epsilonEnd),
            "epsilonStart and epsilonEnd must lie in [0, 1]")
        try require(epsilonDecay > 0, "epsilonDecay must be > 0, got \(epsilonDecay)")
        try require(bufferCapacity >= batchSize, "bufferCapacity must be ≥ batchSize")
        try require(learningStarts >= batchSize, "learningStarts must be ≥ batchSize")
        try require(huberDelta > 0 && maxGradNorm > 0, "huberDelta and maxGradNorm must be > 0")
    }
}
