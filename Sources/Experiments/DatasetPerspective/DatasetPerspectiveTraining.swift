import Environments
import Foundation
import Offline
import RLCore

/// Trains one of the nine discrete learners, by registry name, with the budget's shared settings.
enum DatasetPerspectiveTraining {
    /// The final evaluation's mean return of `name` trained on `data`.
    /// - Throws: an unknown name, or training errors.
    static func finalReturn(
        _ name: String, data: OfflineDataset, budget: DatasetPerspectiveBudget, seed: UInt64
    ) throws -> Double {
        let shared = budget.shared
        switch name {
        case DiscreteBC.name:
            var c = DiscreteBCConfig()
            c.shared = shared
            return try run(DiscreteBC.self, c, data, budget, seed)
        case BVE.name:
            var c = BVEConfig()
            c.shared = shared
            return try run(BVE.self, c, data, budget, seed)
        case MCE.name:
            var c = MCEConfig()
            c.shared = shared
            return try run(MCE.self, c, data, budget, seed)
        case OfflineDQN.name:
            var c = OfflineDQNConfig()
            c.shared = shared
            return try run(OfflineDQN.self, c, data, budget, seed)
        case QRDQN.name:
            var c = QRDQNConfig()
            c.shared = shared
            return try run(QRDQN.self, c, data, budget, seed)
        case REM.name:
            var c = REMConfig()
            c.shared = shared
            return try run(REM.self, c, data, budget, seed)
        case DiscreteBCQ.name:
            var c = DiscreteBCQConfig()
            c.shared = shared
            return try run(DiscreteBCQ.self, c, data, budget, seed)
        case DiscreteCQL.name:
            var c = DiscreteCQLConfig()
            c.shared = shared
            return try run(DiscreteCQL.self, c, data, budget, seed)
        case CRR.name:
            var c = CRRConfig()
            c.shared = shared
            return try run(CRR.self, c, data, budget, seed)
        default:
            throw OfflineAlgorithmError(
                "dataset-perspective: unknown algorithm `\(name)`; use \(DatasetPerspectiveBudget.allAlgorithms)")
        }
    }

    private static func run<A: OfflineAlgorithm>(
        _ type: A.Type, _ config: A.Config, _ data: OfflineDataset, _ budget: DatasetPerspectiveBudget, _ seed: UInt64
    ) throws -> Double {
        let trainer = try OfflineTrainer<A>(
            config: config, dataset: data, environment: EnvironmentConfig(id: budget.environmentID),
            settings: OfflineTrainerSettings(
                batchSize: budget.batchSize, logEvery: max(budget.offlineSteps, 1),
                evaluation: EvaluationSettings(every: 0, episodes: budget.evaluationEpisodes)),
            seed: seed)
        try trainer.learn(totalSteps: budget.offlineSteps, callbacks: [])
        return trainer.evaluations.last?.result.mean ?? .nan
    }
}
