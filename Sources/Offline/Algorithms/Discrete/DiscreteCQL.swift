import RLCore
import Tensor
import Tracking

/// Discrete CQL's hyper-parameters (Schweighofer et al. 2022 §4).
public struct DiscreteCQLConfig: Codable, Equatable, Sendable {
    /// Shared Q-learning settings.
    public var shared = DiscreteQSettings()
    /// α: weight of the conservative penalty log Σ_a exp Q(s, a) − Q(s, a_data) (paper: 0.1).
    public var alpha = 0.1

    /// The paper's defaults.
    public init() {}
}

/// CQL(H) for discrete actions (Kumar et al. 2020; the study's `cql.py`): offline DQN's Huber TD loss plus
/// α · mean[log Σ_a exp Q(s, a) − Q(s, a_data)], pushing down Q on actions the data does not take; acts greedily.
public final class DiscreteCQL: OfflineAlgorithm {
    public static let name = "cql-discrete"
    public static var actionKind: OfflineActionKind { .discrete }
    public let config: DiscreteCQLConfig
    public let problem: OfflineProblem
    public var updateCount = 0
    /// Q and its target.
    public let core: DiscreteQCore

    public init(config: DiscreteCQLConfig, problem: OfflineProblem, seed: UInt64) throws {
        guard config.alpha >= 0, config.alpha.isFinite else {
            throw OfflineAlgorithmError("\(Self.name).alpha must be ≥ 0 (paper: 0.1), got \(config.alpha)")
        }
        var rng = Xoshiro256StarStar(seed: seed).derived("networks")
        core = try DiscreteQCore(Self.name, settings: config.shared, problem: problem, withTarget: true, using: &rng)
        self.config = config
        self.problem = problem
    }

    public var modules: [(name: String, module: Module)] { DiscreteQLearning.modules(core) }
    public var optimizers: [(name: String, optimizer: any Optimizer)] { [("q", core.optimizer)] }

    public func update(_ batch: TransitionBatch) throws -> [Metric] {
        let metrics = try DiscreteQLearning.step(
            core, batch: batch, dimension: problem.observationDimension, alpha: config.alpha)
        updateCount += 1
        try core.snapTarget(after: updateCount)
        return metrics
    }

    public func act(_ observations: [Float], count: Int) -> [Float] {
        core.greedy(observations, count: count, dimension: problem.observationDimension)
    }
}
