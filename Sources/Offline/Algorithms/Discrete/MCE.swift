import RLCore
import Tensor
import Tracking

/// MCE's hyper-parameters (Schweighofer et al. 2022 §4).
public struct MCEConfig: Codable, Equatable, Sendable {
    /// Shared settings (γ discounts the return-to-go; no target network).
    public var shared = DiscreteQSettings()

    /// The paper's defaults.
    public init() {}
}

/// Monte-Carlo Estimation (the study's `mce.py`): Q(s_t, a_t) regressed (Huber) on the discounted return-to-go
/// G_t = Σ_{k ≥ t} γ^{k−t} r_k of its episode in the dataset, then act greedily.
public final class MCE: OfflineAlgorithm {
    public static let name = "mce"
    public static var actionKind: OfflineActionKind { .discrete }
    public let config: MCEConfig
    public let problem: OfflineProblem
    public var updateCount = 0
    /// Q (no target).
    public let core: DiscreteQCore
    /// G_t of every transition of the prepared dataset.
    public private(set) var returnsToGo: [Float] = []

    public init(config: MCEConfig, problem: OfflineProblem, seed: UInt64) throws {
        var rng = Xoshiro256StarStar(seed: seed).derived("networks")
        core = try DiscreteQCore(Self.name, settings: config.shared, problem: problem, withTarget: false, using: &rng)
        self.config = config
        self.problem = problem
    }

    public var modules: [(name: String, module: Module)] { [("q", core.q)] }
    public var optimizers: [(name: String, optimizer: any Optimizer)] { [("q", core.optimizer)] }

    /// G_t = r_t + γ G_{t+1} within each episode (0 after its last step).
    public static func returnsToGo(of table: TransitionTable, gamma: Double) -> [Float] {
        var out = [Float](repeating: 0, count: table.count)
        var running: Double = 0
        for i in stride(from: table.count - 1, through: 0, by: -1) {
            let last = i + 1 >= table.count || table.episodeIndices[i + 1] != table.episodeIndices[i]
            running = Double(table.rewards[i]) + (last ? 0 : gamma * running)
            out[i] = Float(running)
        }
        return out
    }

    public func prepare(data: OfflineDataset) throws {
        returnsToGo = Self.returnsToGo(of: data.transitions, gamma: config.shared.gamma)
    }

    public func update(_ batch: TransitionBatch) throws -> [Metric] {
        guard !returnsToGo.isEmpty else { throw OfflineAlgorithmError("mce: call prepare(data:) before update") }
        let (s, _, actions) = DiscreteQCore.tensors(batch, observationDimension: problem.observationDimension)
        let targets = batch.indices.map { returnsToGo[$0] }
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
