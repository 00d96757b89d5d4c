import RLCore
import Tensor
import Tracking

/// BVE's hyper-parameters (Schweighofer et al. 2022 §4; Gulcehre et al. 2021).
public struct BVEConfig: Codable, Equatable, Sendable {
    /// Shared settings (BVE has no target network: the interval is unused).
    public var shared = DiscreteQSettings()

    /// The paper's defaults.
    public init() {}
}

/// Behaviour Value Estimation (Gulcehre et al. 2021, as in the study's `bve.py`): SARSA-style evaluation of the
/// behaviour policy, Huber loss of Q(s, a) to r + γ(1 − d) Q(s′, a′) with the dataset's next action a′ (no
/// target network, the bootstrap computed without gradient), then one step of improvement: act greedily.
///
/// The last step of a truncated episode has no recorded next action; it bootstraps from mean_a Q(s′, a).
public final class BVE: OfflineAlgorithm {
    public static let name = "bve"
    public static var actionKind: OfflineActionKind { .discrete }
    public let config: BVEConfig
    public let problem: OfflineProblem
    public var updateCount = 0
    /// Q (no target).
    public let core: DiscreteQCore
    /// For each transition of the prepared dataset, the next step's action, or −1 at an episode's end.
    public private(set) var nextActions: [Int] = []

    public init(config: BVEConfig, problem: OfflineProblem, seed: UInt64) throws {
        var rng = Xoshiro256StarStar(seed: seed).derived("networks")
        core = try DiscreteQCore(Self.name, settings: config.shared, problem: problem, withTarget: false, using: &rng)
        self.config = config
        self.problem = problem
    }

    public var modules: [(name: String, module: Module)] { [("q", core.q)] }
    public var optimizers: [(name: String, optimizer: any Optimizer)] { [("q", core.optimizer)] }

    /// The next action of every transition (−1 after an episode's last step).
    public static func nextActions(of table: TransitionTable) -> [Int] {
        (0..<table.count).map { i in
            i + 1 < table.count && table.episodeIndices[i + 1] == table.episodeIndices[i]
                ? Int(table.actions[i + 1].rounded()) : -1
        }
    }

    public func prepare(data: OfflineDataset) throws { nextActions = Self.nextActions(of: data.transitions) }

    public func update(_ batch: TransitionBatch) throws -> [Metric] {
        guard !nextActions.isEmpty else { throw OfflineAlgorithmError("bve: call prepare(data:) before update") }
        let (s, next, actions) = DiscreteQCore.tensors(batch, observationDimension: problem.observationDimension)
        let targets: [Float] = withNoGrad {
            let values = core.q(next)
            let means = values.mean(axis: 1).floats
            let indices = batch.indices.map { nextActions[$0] }
            let chosen = DiscreteLoss.chosen(values, actions: indices.map { max($0, 0) }).floats
            let b = core.bootstrap(batch)
            return (0..<batch.count).map { i in
                batch.rewards[i] + b[i] * (indices[i] >= 0 ? chosen[i] : means[i])
            }
        }
        let (loss, gradients) = valueAndGrad(core.q) { q in
            DiscreteLoss.td(q(s), actions: actions, targets: targets, delta: config.shared.huberDelta)
        }
        core.optimizer.update(core.q, gradients: gradients)
        updateCount += 1
        return [Metric(MetricTag.qfLoss, Double(loss.item()))]
    }

    public func act(_ observations: [Float], count: Int) -> [Float] {
        core.greedy(observations, count: count, dimension: problem.observationDimension)
    }
}
