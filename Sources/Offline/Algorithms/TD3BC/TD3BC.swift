import RLCore
import Tracking
import Tensor

/// TD3+BC's hyper-parameters (Fujimoto & Gu 2021, "A Minimalist Approach to Offline Reinforcement Learning",
/// arXiv:2106.06860, §5 and the official code `sfujim/TD3_BC`).
public struct TD3BCConfig: Codable, Equatable, Sendable {
    /// α, weight of the Q term through λ = α / mean|Q| (§5, eq. 3; default 2.5).
    public var alpha = 2.5
    /// The TD3 section: γ 0.99, τ 0.005, σ̃ 0.2, c 0.5, d 2, learning rates 3e-4, actor and critics 256-256.
    public var td3 = TD3CoreSettings()

    /// The paper's defaults.
    public init() {}
}

/// TD3+BC (Fujimoto & Gu 2021): TD3 whose actor maximises λ·Q(s, π(s)) − (π(s) − a)² with λ = α / mean|Q|,
/// on normalised states.
public final class TD3BC: OfflineAlgorithm {
    public static let name = "td3bc"
    public let config: TD3BCConfig
    public let problem: OfflineProblem
    public var updateCount = 0
    /// Actor, critics, targets, optimizers and the critic step.
    public let core: TD3Core
    private var lastActor: [Metric] = []

    public init(config: TD3BCConfig, problem: OfflineProblem, seed: UInt64) throws {
        guard config.alpha >= 0 else { throw OfflineAlgorithmError("td3bc.alpha must be ≥ 0, got \(config.alpha)") }
        self.config = config
        self.problem = problem
        core = try TD3Core(settings: config.td3, problem: problem, seed: seed)
    }

    public var modules: [(name: String, module: Module)] { core.modules }
    public var generators: [Xoshiro256StarStar] {
        get { [core.rng] }
        set { if let first = newValue.first { core.rng = first } }
    }
    public var optimizers: [(name: String, optimizer: any Optimizer)] { core.optimizers }

    public func update(_ batch: TransitionBatch) throws -> [Metric] {
        let b = TD3Core.Batch(
            batch, observationDimension: problem.observationDimension, actionDimension: problem.actionDimension,
            gamma: config.td3.gamma)
        let (criticLoss, q1Mean) = core.updateCritic(b, target: core.tdTarget(b))
        updateCount += 1
        var metrics = [Metric(MetricTag.qfLoss, criticLoss), Metric(MetricTag.qf1Values, q1Mean)]
        if updateCount % config.td3.policyFrequency == 0 {
            var lambda = 0.0
            var bc = 0.0
            let critic = core.critic
            let actorLoss = core.updateActor { actor in
                let pi = actor(b.observations)
                let (loss, l) = BehaviorRegularizedLoss.actorLoss(
                    q: critic.q1(b.observations, pi), policyActions: pi, targetActions: b.actions, alpha: config.alpha)
                lambda = l
                bc = Double(mseLoss(pi.detached(), b.actions).item())
                return loss
            }
            metrics += [
                Metric(MetricTag.actorLoss, actorLoss), Metric(OfflineMetricTag.bcLoss, bc),
                Metric(OfflineMetricTag.lambda, lambda),
            ]
        }
        return metrics
    }

    public func act(_ observations: [Float], count: Int) -> [Float] { core.act(observations, count: count) }
}
