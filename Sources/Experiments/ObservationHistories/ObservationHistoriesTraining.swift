import Environments
import Offline
import RLCore

/// One run of the observation-histories reproduction and what it measured.
public struct ObservationHistoriesRun: Codable, Sendable, Equatable {
    /// The arm (``ObservationHistoriesArm``).
    public var arm: String
    /// The dataset size label.
    public var size: String
    /// The seed.
    public var seed: UInt64
    /// The final deterministic policy's mean return (its success rate: the goal pays 1).
    public var finalReturn: Double
    /// J(φ) averaged over the last log window (nil for the oracle, which has no encoder).
    public var finalBisimulation: Double?
    /// Evaluation steps and returns (the learning curve).
    public var steps: [Double]
    /// Returns at ``steps``.
    public var returns: [Double]
}

/// Trains the three arms with the one offline trainer (``OfflineTrainer``, ``DiscreteCQL``); the history arms use
/// `trainer.historyLength` and `representation` exactly as `swiftrl offline train` does.
enum ObservationHistoriesTraining {
    static func run(
        _ arm: ObservationHistoriesArm, size: ObservationHistoriesBudget.DatasetSize,
        budget: ObservationHistoriesBudget,
        seed: UInt64
    ) throws -> ObservationHistoriesRun {
        let recipe = try NoisyCorridorRecipe(
            episodesPerFamily: size.perFamily, randomEpisodes: size.random, corridor: try budget.corridor())
        let data = try recipe.build(seed: seed &+ 1_000)
        var config = DiscreteCQLConfig()
        config.shared = budget.shared
        config.alpha = budget.alpha
        var settings = OfflineTrainerSettings(
            batchSize: budget.batchSize, normalizeStates: false, logEvery: max(budget.steps / 6, 1),
            evaluation: EvaluationSettings(every: budget.evaluateEvery, episodes: budget.evaluationEpisodes))
        let dataset: OfflineDataset, environment: String
        switch arm {
        case .oracle:
            (dataset, environment) = (data.oracle, "NoisyCorridorState-v0")
        case .history, .bisimulation:
            (dataset, environment) = (data.noisy, "NoisyCorridor-v0")
            settings.historyLength = budget.historyLength
            config.representation = HistoryRepresentationConfig(
                encoderWidth: budget.encoderWidth,
                bisimulationWeight: arm == .bisimulation ? budget.bisimulationWeight : 0)
        }
        var lastBisimulation: Double?
        let probe = ClosureCallback { event, _ in
            if case let .iterationFinished(_, metrics) = event,
                let j = metrics.first(where: { $0.tag == HistoryMetricTag.bisimulationLoss })
            {
                lastBisimulation = j.value
            }
            return .continue
        }
        let trainer = try OfflineTrainer<DiscreteCQL>(
            config: config, dataset: dataset, environment: EnvironmentConfig(id: environment), settings: settings,
            seed: seed)
        try trainer.learn(totalSteps: budget.steps, callbacks: [probe])
        return ObservationHistoriesRun(
            arm: arm.rawValue, size: size.label, seed: seed, finalReturn: trainer.evaluations.last?.result.mean ?? .nan,
            finalBisimulation: lastBisimulation, steps: trainer.evaluations.map { Double($0.step) },
            returns: trainer.evaluations.map(\.result.mean))
    }
}
