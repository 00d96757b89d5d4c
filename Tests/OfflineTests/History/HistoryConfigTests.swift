import Environments
import RLCore
import Testing
import Tracking

@testable import Offline

/// The command-line keys of the observation-history method.
@Suite struct HistoryConfigTests {
    static func defaults() -> OfflineRunConfig<DiscreteCQL> {
        OfflineRunConfig(
            dataset: "corridor.npz", env: EnvironmentConfig(id: "NoisyCorridor-v0"),
            hyperparameters: DiscreteCQLConfig())
    }

    @Test("--set trainer.historyLength and representation keys reach the trainer and the learner")
    func overrides() throws {
        let config = try ConfigLoader.load(
            defaults: Self.defaults(), yaml: nil,
            overrides: [
                "trainer.historyLength=4", "cql-discrete.representation.encoderWidth=32",
                "cql-discrete.representation.bisimulationWeight=0.5", "cql-discrete.representation.reward=dataset",
            ])
        #expect(config.trainer.historyLength == 4)
        #expect(config.hyperparameters.representation.encoderWidth == 32)
        #expect(config.hyperparameters.representation.bisimulationWeight == 0.5)
        #expect(config.hyperparameters.representation.reward == .dataset)
        #expect(throws: ConfigError.self) {
            try ConfigLoader.load(
                defaults: Self.defaults(), yaml: nil, overrides: ["cql-discrete.representation.encoderWdth=32"])
        }
    }

    @Test("a config written before the representation existed still loads, without an encoder")
    func oldConfigs() throws {
        let yaml = try ConfigLoader.yaml(DiscreteCQLConfig()).replacingOccurrences(of: "representation:", with: "x:")
        let lines = yaml.split(separator: "\n").filter {
            !$0.hasPrefix("x:") && !$0.hasPrefix("  encoderWidth") && !$0.hasPrefix("  bisimulationWeight")
                && !$0.hasPrefix("  modelWidth") && !$0.hasPrefix("  reward")
        }
        let config = try ConfigLoader.load(defaults: DiscreteCQLConfig(), yaml: lines.joined(separator: "\n"))
        #expect(config.representation == HistoryRepresentationConfig())
    }

    @Test("a history learner trains through the offline trainer and acts on history<k>/ windows")
    func trainsOnWindows() throws {
        let recipe = try NoisyCorridorRecipe(episodesPerFamily: 2, corridor: try NoisyCorridor())
        let data = try recipe.build(seed: 1).noisy
        var config = OfflineDQNConfig()
        config.shared.hiddenSizes = [8]
        config.representation = HistoryRepresentationConfig(encoderWidth: 4, bisimulationWeight: 1)
        var settings = OfflineTrainerSettings(
            batchSize: 8, logEvery: 5, evaluation: EvaluationSettings(every: 0, episodes: 1))
        settings.historyLength = 3
        let trainer = try OfflineTrainer<OfflineDQN>(
            config: config, dataset: data, environment: EnvironmentConfig(id: "NoisyCorridor-v0"), settings: settings,
            seed: 2)
        #expect(trainer.environment.id == "history3/NoisyCorridor-v0")
        #expect(trainer.algorithm.problem.observationDimension == 3 * (14 + 2 + 1))
        var tags: [String] = []
        try trainer.learn(totalSteps: 5, callbacks: [ClosureCallback { event, _ in
            if case let .iterationFinished(_, metrics) = event { tags += metrics.map(\.tag) }
            return .continue
        }])
        #expect(tags.contains(HistoryMetricTag.bisimulationLoss) && trainer.evaluations.count == 1)
        let restored = try OfflineTrainer<OfflineDQN>(checkpoint: try trainer.checkpoint(), dataset: data)
        #expect(restored.algorithm.representation != nil && restored.stepCount == 5)
    }
}
