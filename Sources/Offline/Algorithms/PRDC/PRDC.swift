import RLCore
import Tensor
import Tracking

/// PRDC's hyper-parameters (Ran et al. 2023, "Policy Regularization with Dataset Constraint for Offline
/// Reinforcement Learning", ICML, arXiv:2306.06569; official code `LAMDA-RL/PRDC`, d3rlpy `PRDCConfig`).
public struct PRDCConfig: Codable, Equatable, Sendable {
    /// α, weight of the Q term through λ = α / mean|Q| (PRDC eq. 5 / code; hopper & walker 2.5, halfcheetah 40).
    public var alpha = 2.5
    /// β, the state weight of the search key (β·s, a) (PRDC §4; README: 2 for locomotion, d3rlpy default 2).
    /// β → 0 searches the nearest action anywhere; large β the same state (TD3+BC-like).
    public var beta = 2.0
    /// The TD3 section: γ 0.99, τ 0.005, σ̃ 0.2, c 0.5, d 2, learning rates 3e-4, actor and critics 256-256.
    public var td3 = TD3CoreSettings()

    /// The paper's locomotion defaults.
    public init() {}
}

/// PRDC (Ran et al. 2023): TD3 whose actor is pulled towards the action â of the dataset sample nearest to
/// (β·s, π(s)) — not the action logged at s — so it can imitate a good action recorded at a nearby state.
///
/// ```
/// normalise states; data ← [β·s, a] for every transition; tree ← KDTree(data)      (once, in prepare)
/// each step: TD3 critic update (target smoothing σ̃ 0.2, clip 0.5)
/// every d steps: π ← actor(s); λ ← α / mean|Q1(s, π)|
///                â ← action part of tree.nearest([β·s, π].detached)
///                loss ← −λ·mean Q1(s, π) + mean (π − â)²; actor step; Polyak τ
/// ```
public final class PRDC: OfflineAlgorithm {
    public static let name = "prdc"
    public let config: PRDCConfig
    public let problem: OfflineProblem
    public var updateCount = 0
    /// Actor, critics, targets, optimizers and the critic step.
    public let core: TD3Core
    /// The dataset constraint index over (β·s, a), built in ``prepare(data:)``.
    public private(set) var tree: KDTree?
    /// Dataset actions, row-major, indexed like the tree's points.
    private var datasetActions: [Float] = []

    public init(config: PRDCConfig, problem: OfflineProblem, seed: UInt64) throws {
        guard config.alpha >= 0, config.beta >= 0, config.beta.isFinite else {
            throw OfflineAlgorithmError("prdc: α and β must be finite and ≥ 0 (got α \(config.alpha), β \(config.beta))")
        }
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

    /// Builds the KD-tree once over `[β·s, a]` of every transition (states already normalised).
    public func prepare(data: OfflineDataset) throws {
        let keys = Self.keys(
            observations: data.transitions.observations, actions: data.transitions.actions, beta: Float(config.beta),
            observationDimension: problem.observationDimension, actionDimension: problem.actionDimension)
        tree = try KDTree(points: keys, dimension: problem.observationDimension + problem.actionDimension)
        datasetActions = data.transitions.actions
    }

    /// Rows `[β·s, a]`.
    public static func keys(
        observations: [Float], actions: [Float], beta: Float, observationDimension o: Int, actionDimension a: Int
    ) -> [Float] {
        let n = observations.count / o
        var out = [Float](repeating: 0, count: n * (o + a))
        for i in 0..<n {
            for j in 0..<o { out[i * (o + a) + j] = beta * observations[i * o + j] }
            for j in 0..<a { out[i * (o + a) + o + j] = actions[i * a + j] }
        }
        return out
    }

    /// The dataset actions nearest (in the (β·s, a) metric) to `(states, policyActions)`, with mean distance.
    public func nearestDatasetActions(states: [Float], policyActions: [Float]) throws -> (actions: [Float], distance: Double) {
        guard let tree else {
            throw OfflineAlgorithmError("prdc: call prepare(data:) (the trainer does) before updating")
        }
        let a = problem.actionDimension
        let result = try tree.nearest(
            Self.keys(
                observations: states, actions: policyActions, beta: Float(config.beta),
                observationDimension: problem.observationDimension, actionDimension: a), k: 1)
        var out = [Float](repeating: 0, count: result.indices.count * a)
        for (row, index) in result.indices.enumerated() {
            for j in 0..<a { out[row * a + j] = datasetActions[index * a + j] }
        }
        let distance = result.squaredDistances.reduce(0.0) { $0 + Double($1).squareRoot() }
        return (out, distance / Double(max(result.indices.count, 1)))
    }

    public func update(_ batch: TransitionBatch) throws -> [Metric] {
        guard tree != nil else {
            throw OfflineAlgorithmError("prdc: call prepare(data:) (the trainer does) before updating")
        }
        let b = TD3Core.Batch(
            batch, observationDimension: problem.observationDimension, actionDimension: problem.actionDimension,
            gamma: config.td3.gamma)
        let (criticLoss, q1Mean) = core.updateCritic(b, target: core.tdTarget(b))
        updateCount += 1
        var metrics = [Metric(MetricTag.qfLoss, criticLoss), Metric(MetricTag.qf1Values, q1Mean)]
        guard updateCount % config.td3.policyFrequency == 0 else { return metrics }
        let policyActions = withNoGrad { core.actor(b.observations).floats }
        let (nearest, distance) = try nearestDatasetActions(states: batch.observations, policyActions: policyActions)
        let target = Tensor(nearest, shape: [batch.count, problem.actionDimension])
        var lambda = 0.0
        var bc = 0.0
        let critic = core.critic
        let actorLoss = core.updateActor { actor in
            let pi = actor(b.observations)
            let (loss, l) = BehaviorRegularizedLoss.actorLoss(
                q: critic.q1(b.observations, pi), policyActions: pi, targetActions: target, alpha: config.alpha)
            lambda = l
            bc = Double(mseLoss(pi.detached(), target).item())
            return loss
        }
        metrics += [
            Metric(MetricTag.actorLoss, actorLoss), Metric(OfflineMetricTag.bcLoss, bc),
            Metric(OfflineMetricTag.lambda, lambda), Metric(OfflineMetricTag.neighborDistance, distance),
        ]
        return metrics
    }

    public func act(_ observations: [Float], count: Int) -> [Float] { core.act(observations, count: count) }
}
