import RLCore
import Tensor
import Tracking

/// Discrete CQL's hyper-parameters (Schweighofer et al. 2022 §4).
public struct DiscreteCQLConfig: Codable, Equatable, Sendable {
    /// Shared Q-learning settings.
    public var shared = DiscreteQSettings()
    /// α: weight of the conservative penalty log Σ_a exp Q(s, a) − Q(s, a_data) (paper: 0.1).
    public var alpha = 0.1
    /// The input representation: the observation as it is (default) or a GRU history encoder, optionally with the
    /// bisimulation loss (Hong, Dragan & Levine 2024).
    public var representation = HistoryRepresentationConfig()

    /// The paper's defaults.
    public init() {}

    private enum CodingKeys: String, CodingKey { case shared, alpha, representation }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        shared = try c.decode(DiscreteQSettings.self, forKey: .shared)
        alpha = try c.decode(Double.self, forKey: .alpha)
        representation = try c.decodeIfPresent(HistoryRepresentationConfig.self, forKey: .representation) ?? .init()
    }
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
    /// φ and the bisimulation heads, when ``DiscreteCQLConfig/representation`` asks for an encoder.
    public let representation: HistoryRepresentation?

    public init(config: DiscreteCQLConfig, problem: OfflineProblem, seed: UInt64) throws {
        guard config.alpha >= 0, config.alpha.isFinite else {
            throw OfflineAlgorithmError("\(Self.name).alpha must be ≥ 0 (paper: 0.1), got \(config.alpha)")
        }
        representation = try DiscreteQLearning.representation(
            Self.name, config.representation, shared: config.shared, problem: problem, seed: seed)
        var rng = Xoshiro256StarStar(seed: seed).derived("networks")
        core = try DiscreteQCore(
            Self.name, settings: config.shared, problem: problem, withTarget: true,
            inputs: representation?.config.encoderWidth, using: &rng)
        self.config = config
        self.problem = problem
    }

    public var modules: [(name: String, module: Module)] { DiscreteQLearning.modules(core, representation) }
    public var optimizers: [(name: String, optimizer: any Optimizer)] {
        DiscreteQLearning.optimizers(core, representation)
    }
    public var generators: [Xoshiro256StarStar] {
        get { representation.map { [$0.pairing] } ?? [] }
        set { if let first = newValue.first { representation?.pairing = first } }
    }

    public func update(_ batch: TransitionBatch) throws -> [Metric] {
        let metrics = try DiscreteQLearning.step(
            core, representation, batch: batch, dimension: problem.observationDimension, alpha: config.alpha)
        updateCount += 1
        try DiscreteQLearning.snapTargets(core, representation, after: updateCount)
        return metrics
    }

    public func act(_ observations: [Float], count: Int) -> [Float] {
        core.greedy(
            observations, count: count, dimension: problem.observationDimension, encoder: representation?.encoder)
    }
}
