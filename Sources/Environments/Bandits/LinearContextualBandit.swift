import Tensor

/// A linear contextual bandit: each step shows one context vector per arm `x_{t,a} ∈ ℝᵈ` (entries `N(0, 1/d)`),
/// the reward of arm `a` is `θᵀ x_{t,a} + ε` with `ε ~ N(0, σ²)`, and `θ` is a fixed unit vector. The observation
/// is the `K·d` contexts, row per arm. Info holds the step's `regret` (`max_a θᵀx_{t,a} − θᵀx_{t,chosen}`);
/// ``cumulativeRegret`` sums it over the episode.
public struct LinearContextualBandit: Environment, Sendable {
    /// Number of arms `K`.
    public let armCount: Int
    /// Context dimension `d`.
    public let dimension: Int
    /// The reward parameter θ (unit norm).
    public let theta: [Double]
    /// Reward noise σ.
    public let noise: Double
    /// Regret accumulated since the last reset.
    public private(set) var cumulativeRegret = 0.0
    /// The current contexts, `K·d`.
    public private(set) var contexts: [Double] = []
    /// The environment's own generator.
    public var random = EpisodeRandom()

    /// Creates a bandit whose θ is drawn from `np_random(parameterSeed)` and normalised.
    /// - Throws: ``EnvironmentError/invalidOption(_:)`` for non-positive sizes or negative noise.
    public init(arms: Int = 10, dimension: Int = 5, noise: Double = 0.1, parameterSeed: UInt64 = 0)
        throws(EnvironmentError)
    {
        guard arms > 0, dimension > 0, noise >= 0 else {
            throw .invalidOption("LinearContextualBandit: need arms > 0, dimension > 0, noise ≥ 0")
        }
        var generator = NumPyGenerator(seed: parameterSeed)
        let raw = (0..<dimension).map { _ in generator.standardNormal() }
        let norm = max(raw.map { $0 * $0 }.reduce(0, +).squareRoot(), 1e-12)
        armCount = arms
        self.dimension = dimension
        self.noise = noise
        theta = raw.map { $0 / norm }
    }

    public var observationSpace: Space {
        .box(
            .fixed(
                low: Array(repeating: -.infinity, count: armCount * dimension),
                high: Array(repeating: .infinity, count: armCount * dimension)))
    }
    public var actionSpace: Space { .discrete(DiscreteSpace(validN: armCount)) }

    /// Expected reward `θᵀ x_{t,a}` of each arm for the current contexts.
    public var expectedRewards: [Double] {
        (0..<armCount).map { arm in (0..<dimension).reduce(0) { $0 + theta[$1] * contexts[arm * dimension + $1] } }
    }

    public mutating func reset(seed: UInt64?, options: ResetOptions) throws(EnvironmentError) -> Reset<[Float]> {
        random.prepare(seed: seed)
        cumulativeRegret = 0
        drawContexts()
        return Reset(observation: contexts.map(Float.init))
    }

    public mutating func step(_ action: Int) throws(EnvironmentError) -> Step<[Float]> {
        guard (0..<armCount).contains(action) else {
            throw .invalidAction("LinearContextualBandit: arm \(action) is outside 0..<\(armCount)")
        }
        let expected = expectedRewards
        let reward = expected[action] + noise * random.standardNormal()
        let regret = (expected.max() ?? 0) - expected[action]
        cumulativeRegret += regret
        drawContexts()
        return Step(
            observation: contexts.map(Float.init), reward: reward, terminated: false, truncated: false,
            info: ["regret": .double(regret)])
    }

    private mutating func drawContexts() {
        let scale = 1 / Double(dimension).squareRoot()
        contexts = (0..<(armCount * dimension)).map { _ in scale * random.standardNormal() }
    }
}
