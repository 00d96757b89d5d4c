import RLCore
import Tensor
import Tracking

/// Offline DQN's hyper-parameters (Schweighofer et al. 2022 §4: Adam 1e-4, target snapped every 100 updates,
/// Huber loss).
public struct OfflineDQNConfig: Codable, Equatable, Sendable {
    /// Shared Q-learning settings.
    public var shared = DiscreteQSettings()
    /// The input representation: the observation as it is (default) or a GRU history encoder, optionally with the
    /// bisimulation loss (Hong, Dragan & Levine 2024).
    public var representation = HistoryRepresentationConfig()

    /// The paper's defaults.
    public init() {}

    private enum CodingKeys: String, CodingKey { case shared, representation }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        shared = try c.decode(DiscreteQSettings.self, forKey: .shared)
        representation = try c.decodeIfPresent(HistoryRepresentationConfig.self, forKey: .representation) ?? .init()
    }
}

/// DQN trained on a fixed dataset (the unconstrained baseline of the DQN family): Huber loss to the double-DQN
/// target r + γ(1 − d) Q_target(s′, argmax_a Q(s′, a)), as in the authors' `dqn.py`; acts greedily.
public final class OfflineDQN: OfflineAlgorithm {
    public static let name = "dqn"
    public static var actionKind: OfflineActionKind { .discrete }
    public let config: OfflineDQNConfig
    public let problem: OfflineProblem
    public var updateCount = 0
    /// Q and its target.
    public let core: DiscreteQCore
    /// φ and the bisimulation heads, when ``OfflineDQNConfig/representation`` asks for an encoder.
    public let representation: HistoryRepresentation?

    public init(config: OfflineDQNConfig, problem: OfflineProblem, seed: UInt64) throws {
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
            core, representation, batch: batch, dimension: problem.observationDimension, alpha: 0)
        updateCount += 1
        try DiscreteQLearning.snapTargets(core, representation, after: updateCount)
        return metrics
    }

    public func act(_ observations: [Float], count: Int) -> [Float] {
        core.greedy(
            observations, count: count, dimension: problem.observationDimension, encoder: representation?.encoder)
    }
}

/// The double-DQN update DQN and CQL share (CQL adds α · its penalty), with or without a history encoder.
enum DiscreteQLearning {
    static func modules(_ core: DiscreteQCore, _ representation: HistoryRepresentation? = nil)
        -> [(name: String, module: Module)]
    {
        [("q", core.q)] + (core.target.map { [("q_target", $0 as Module)] } ?? []) + (representation?.modules ?? [])
    }

    static func optimizers(_ core: DiscreteQCore, _ representation: HistoryRepresentation?)
        -> [(name: String, optimizer: any Optimizer)]
    {
        [("q", core.optimizer)] + (representation?.optimizers ?? [])
    }

    /// The representation `config` asks for (nil without an encoder).
    static func representation(
        _ name: String, _ config: HistoryRepresentationConfig, shared: DiscreteQSettings, problem: OfflineProblem,
        seed: UInt64
    ) throws -> HistoryRepresentation? {
        try config.validate(name)
        guard config.usesEncoder else { return nil }
        return try HistoryRepresentation(
            name, config: config, problem: problem, learningRate: shared.learningRate, seed: seed)
    }

    /// Snaps the Q target (and the target encoder) every interval.
    static func snapTargets(
        _ core: DiscreteQCore, _ representation: HistoryRepresentation?, after updates: Int
    ) throws {
        try core.snapTarget(after: updates)
        if let representation, updates % core.settings.targetUpdateInterval == 0 { try representation.snapTarget() }
    }

    /// One gradient step of Huber TD loss (+ α · conservative penalty when α > 0), through φ when a representation
    /// is given (+ its auxiliary loss).
    static func step(
        _ core: DiscreteQCore, _ representation: HistoryRepresentation? = nil, batch: TransitionBatch, dimension: Int,
        alpha: Double
    ) throws -> [Metric] {
        let (s, next, actions) = DiscreteQCore.tensors(batch, observationDimension: dimension)
        let (onlineNext, targetNext, nextLatents): (Tensor, Tensor, Tensor?) = withNoGrad {
            guard let representation else { return (core.q(next), (core.target ?? core.q)(next), nil) }
            let latent = representation.encoder(next)
            return (core.q(latent), (core.target ?? core.q)(representation.targetEncoder(next)), latent)
        }
        let targets = DiscreteLoss.doubleQTargets(
            rewards: batch.rewards, bootstrap: core.bootstrap(batch), onlineNext: onlineNext, targetNext: targetNext)
        var td = 0.0, penalty = 0.0, meanQ = 0.0, bisimulation = 0.0, model = 0.0
        let lossFunction = { () -> Tensor in
            let latent = representation.map { $0.encoder(s) }
            let values = core.q(latent ?? s)
            let tdLoss = DiscreteLoss.td(values, actions: actions, targets: targets, delta: core.settings.huberDelta)
            td = Double(tdLoss.item())
            meanQ = Double(DiscreteLoss.chosen(values, actions: actions).mean().item())
            var total = tdLoss
            if alpha > 0 {
                let conservative = DiscreteLoss.conservativePenalty(values, actions: actions)
                penalty = Double(conservative.item())
                total = total + conservative * alpha
            }
            if let representation, let latent, let nextLatents {
                let aux = representation.auxiliaryLoss(
                    latents: latent, actions: actions, rewards: batch.rewards, nextLatents: nextLatents,
                    gamma: core.settings.gamma)
                bisimulation = aux.bisimulation
                model = aux.model
                total = total + aux.loss
            }
            return total
        }
        let loss: Tensor
        if let representation {
            let (value, gradients) = valueAndGrad([core.q, representation.encoder, representation.heads], lossFunction)
            loss = value
            core.optimizer.update(core.q, gradients: gradients[0])
            representation.encoderOptimizer.update(representation.encoder, gradients: gradients[1])
            representation.headsOptimizer.update(representation.heads, gradients: gradients[2])
        } else {
            let (value, gradients) = valueAndGrad(core.q) { _ in lossFunction() }
            loss = value
            core.optimizer.update(core.q, gradients: gradients)
        }
        var metrics = [Metric(MetricTag.qfLoss, td), Metric(MetricTag.qf1Values, meanQ)]
        if alpha > 0 {
            metrics.append(Metric(OfflineMetricTag.conservativeLoss, penalty))
            metrics.append(Metric(OfflineMetricTag.criticTotalLoss, Double(loss.item())))
        }
        if representation != nil {
            metrics.append(Metric(HistoryMetricTag.bisimulationLoss, bisimulation))
            metrics.append(Metric(HistoryMetricTag.modelLoss, model))
        }
        return metrics
    }
}
