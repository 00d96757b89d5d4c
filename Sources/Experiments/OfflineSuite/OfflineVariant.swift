import Environments
import Offline
import RLCore

/// One algorithm configuration in an offline comparison (a table column or a β-sweep row): a label and a closure
/// that trains it on a dataset with ``OfflineTrainer`` and returns its evaluations.
public struct OfflineVariant: Sendable {
    /// The label (`TD3+BC`, `PRDC β=2`).
    public var label: String
    /// The algorithm's registry name.
    public var algorithm: String
    private let train:
        @Sendable (OfflineDataset, EnvironmentConfig, OfflineTrainerSettings, UInt64, Int) throws -> [OfflineEvaluationRecord]

    /// A variant training `type` with `config`.
    public static func make<A: OfflineAlgorithm & SendableMetatype>(
        _ label: String, _ type: A.Type, config: A.Config
    ) -> OfflineVariant {
        OfflineVariant(label: label, algorithm: A.name) { dataset, environment, settings, seed, steps in
            let trainer = try OfflineTrainer<A>(
                config: config, dataset: dataset, environment: environment, settings: settings, seed: seed)
            try trainer.learn(totalSteps: steps, callbacks: [])
            return trainer.evaluations
        }
    }

    private init(
        label: String, algorithm: String,
        train: @escaping @Sendable (OfflineDataset, EnvironmentConfig, OfflineTrainerSettings, UInt64, Int) throws
            -> [OfflineEvaluationRecord]
    ) {
        self.label = label
        self.algorithm = algorithm
        self.train = train
    }

    /// Trains on `dataset` for `steps` gradient steps and returns every evaluation.
    /// - Throws: whatever the trainer throws.
    public func run(
        dataset: OfflineDataset, environment: EnvironmentConfig, settings: OfflineTrainerSettings, seed: UInt64,
        steps: Int
    ) throws -> [OfflineEvaluationRecord] {
        try train(dataset, environment, settings, seed, steps)
    }
}
