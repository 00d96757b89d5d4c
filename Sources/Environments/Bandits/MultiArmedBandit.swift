import Tensor

/// A K-armed bandit with Bernoulli or Gaussian arms and regret bookkeeping. The observation is always 0
/// (`Discrete(1)`); the action is an arm. Episodes never end (give the registry a time limit as the horizon).
/// ``cumulativeRegret`` sums `μ* − μ_a` over the episode's pulls (pseudo-regret); each step's info holds
/// `regret` (that step's) and `optimal_arm`.
public struct MultiArmedBandit: Environment, Sendable {
    /// The reward distribution of the arms.
    public enum Arms: Equatable, Sendable, Codable {
        /// Arm `k` pays 1 with probability `p[k]`, else 0.
        case bernoulli([Double])
        /// Arm `k` pays `N(μ[k], σ²)`.
        case gaussian(means: [Double], standardDeviation: Double)

        /// The expected reward of each arm.
        public var means: [Double] {
            switch self {
            case let .bernoulli(p): p
            case let .gaussian(means, _): means
            }
        }
    }

    /// The arms.
    public let arms: Arms
    /// Pseudo-regret accumulated since the last reset.
    public private(set) var cumulativeRegret = 0.0
    /// Pulls per arm since the last reset.
    public private(set) var pulls: [Int]
    /// The environment's own generator.
    public var random = EpisodeRandom()

    /// Creates a bandit.
    /// - Throws: ``EnvironmentError/invalidOption(_:)`` for no arms, probabilities outside [0, 1] or σ < 0.
    public init(arms: Arms) throws(EnvironmentError) {
        guard !arms.means.isEmpty else { throw .invalidOption("MultiArmedBandit: need at least one arm") }
        switch arms {
        case let .bernoulli(p) where !p.allSatisfy({ (0...1).contains($0) }):
            throw .invalidOption("MultiArmedBandit: Bernoulli probabilities must be in [0, 1]")
        case let .gaussian(_, sigma) where !(sigma >= 0):
            throw .invalidOption("MultiArmedBandit: the standard deviation must be ≥ 0")
        default: break
        }
        self.arms = arms
        pulls = Array(repeating: 0, count: arms.means.count)
    }

    /// The standard testbed (Sutton & Barto §2.3): `k` Gaussian arms with means drawn from `N(0, 1)`, σ = 1,
    /// or `k` Bernoulli arms with `p ~ U(0, 1)`; drawn from `np_random(seed)`.
    public static func testbed(arms k: Int, bernoulli: Bool, seed: UInt64) throws(EnvironmentError) -> MultiArmedBandit
    {
        var generator = NumPyGenerator(seed: seed)
        if bernoulli { return try MultiArmedBandit(arms: .bernoulli((0..<k).map { _ in generator.random() })) }
        return try MultiArmedBandit(
            arms: .gaussian(means: (0..<k).map { _ in generator.standardNormal() }, standardDeviation: 1))
    }

    /// The best arm's expected reward `μ*`.
    public var bestMean: Double { arms.means.max() ?? 0 }

    public var observationSpace: Space { .discrete(DiscreteSpace(validN: 1)) }
    public var actionSpace: Space { .discrete(DiscreteSpace(validN: arms.means.count)) }

    public mutating func reset(seed: UInt64?, options: ResetOptions) throws(EnvironmentError) -> Reset<Int> {
        random.prepare(seed: seed)
        cumulativeRegret = 0
        pulls = Array(repeating: 0, count: arms.means.count)
        return Reset(observation: 0)
    }

    public mutating func step(_ action: Int) throws(EnvironmentError) -> Step<Int> {
        let means = arms.means
        guard means.indices.contains(action) else {
            throw .invalidAction("MultiArmedBandit: arm \(action) is outside 0..<\(means.count)")
        }
        let reward: Double
        switch arms {
        case let .bernoulli(p): reward = random.random() < p[action] ? 1 : 0
        case let .gaussian(mu, sigma): reward = mu[action] + sigma * random.standardNormal()
        }
        let regret = bestMean - means[action]
        cumulativeRegret += regret
        pulls[action] += 1
        let optimal = means.firstIndex(of: bestMean) ?? 0
        return Step(
            observation: 0, reward: reward, terminated: false, truncated: false,
            info: ["regret": .double(regret), "optimal_arm": .int(optimal)])
    }
}
