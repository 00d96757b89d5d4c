import Environments
import Foundation
import RLCore
import Tracking
import Tensor
import Testing

@testable import Offline

@Test("Behaviour-regularised actor loss: −λ·mean Q + mean (π − â)², λ = α / mean|Q|")
func behaviorRegularizedLossHandComputed() {
    let q = Tensor([1, -3] as [Float], shape: [2])
    let pi = Tensor([0.5, 0] as [Float], shape: [2, 1])
    let target = Tensor([0, 1] as [Float], shape: [2, 1])
    let (loss, lambda) = BehaviorRegularizedLoss.actorLoss(q: q, policyActions: pi, targetActions: target, alpha: 2.5)
    // λ = 2.5 / 2 = 1.25; mean Q = −1; mse = (0.25 + 1) / 2 = 0.625; loss = 1.25 + 0.625.
    #expect(abs(lambda - 1.25) < 1e-9)
    #expect(abs(Double(loss.item()) - 1.875) < 1e-6)
}

@Test("TD3 target with fixed tiny networks and no smoothing noise matches the hand computation")
func td3TargetHandComputed() throws {
    var settings = TD3BCConfig().td3
    settings.policyNoise = 0
    settings.actorHidden = [1]
    settings.criticHidden = [1]
    let core = try TD3Core(settings: settings, problem: OfflineProblem(observationDimension: 1, actionDimension: 1), seed: 1)
    setMLP(core.actorTarget, weights: [[1], [1]], biases: [[0], [0]])  // μ′(s) = tanh(relu(s))
    setMLP(core.criticTarget.q1Net, weights: [[1, 1], [2]], biases: [[0], [0]])  // 2·relu(s + a)
    setMLP(core.criticTarget.q2Net, weights: [[1, 1], [3]], biases: [[0], [0]])  // 3·relu(s + a)
    let batch = TransitionBatch(
        table: TransitionTable(
            episodes: [
                OfflineEpisode(
                    observations: [0, 0.5, 0.5], actions: [0, 0], rewards: [1, 2], terminations: [false, true],
                    truncations: [false, false])
            ], observationDimension: 1, actionDimension: 1),
        indices: [0, 1], observationDimension: 1, actionDimension: 1)
    let y = core.tdTarget(TD3Core.Batch(batch, observationDimension: 1, actionDimension: 1, gamma: 0.99)).floats
    let next = Foundation.tanh(0.5)
    #expect(abs(Double(y[0]) - (1 + 0.99 * 2 * (0.5 + next))) < 1e-5)
    #expect(abs(Double(y[1]) - 2) < 1e-6)  // terminal: no bootstrap
}

@Test("Preprocessing normalises states with ε = 1e-3 and maps actions between the box and [−1, 1]")
func preprocessingHandComputed() throws {
    let stats = NormalizationStatistics(data: [0, 10, 2, 30], dimension: 2)  // means 1, 20; stds 1, 10
    let p = try OfflinePreprocessing(states: stats, actionLow: [-2], actionHigh: [2], reward: RewardTransform(scale: 2, shift: -1))
    let n = p.normalize(observations: [2, 40])
    #expect(abs(n[0] - 1 / 1.001) < 1e-6)
    #expect(abs(n[1] - 20 / 10.001) < 1e-5)
    #expect(p.toLearner(actions: [1, -2, 3]) == [0.5, -1, 1])
    #expect(p.toEnvironment(actions: [0.5, -1, 7]) == [1, -2, 2])
    #expect(throws: OfflineAlgorithmError.self) {
        try OfflinePreprocessing(states: nil, actionLow: [1], actionHigh: [1], reward: .identity)
    }
}

@Test("IQL-style reward transform scales by 1000 / (max return − min return)")
func returnRangeRewardTransform() throws {
    let episodes = [
        OfflineEpisode(observations: [0, 0], actions: [0], rewards: [3], terminations: [true], truncations: [false]),
        OfflineEpisode(observations: [0, 0], actions: [0], rewards: [-1], terminations: [true], truncations: [false]),
    ]
    let dataset = try OfflineDataset(episodes: episodes, observationDimension: 1, actionDimension: 1)
    #expect(RewardTransform.returnRange(of: dataset) == RewardTransform(scale: 250))
}

@Test("Offline trainer: evaluations with normalised score, metrics through callbacks, seeded and checkpointable")
func offlineTrainerPlumbing() throws {
    let dataset = try randomPendulumDataset(episodes: 3, length: 40, seed: 3)
    var config = TD3BCConfig()
    config.td3.setHiddenSizes([16, 16])
    let settings = OfflineTrainerSettings(
        batchSize: 32, logEvery: 5, evaluation: EvaluationSettings(every: 10, episodes: 2),
        referenceReturns: ReferenceReturns(random: -1200, expert: -200))
    func run() throws -> (OfflineTrainer<TD3BC>, [TrainingEvent]) {
        let trainer = try OfflineTrainer<TD3BC>(
            config: config, dataset: dataset, environment: EnvironmentConfig(id: "Pendulum-v1"), settings: settings,
            seed: 7)
        let recorder = EventRecorder()
        try trainer.learn(totalSteps: 20, callbacks: [recorder])
        return (trainer, recorder.events)
    }
    let (trainer, events) = try run()
    #expect(trainer.stepCount == 20)
    #expect(trainer.evaluations.map(\.step) == [10, 20])
    let last = try #require(trainer.evaluations.last)
    #expect(last.result.returns.count == 2)
    let expected = 100 * (last.result.mean + 1200) / 1000
    #expect(abs((last.normalizedScore ?? .nan) - expected) < 1e-9)
    let iterations = events.compactMap { e -> [Metric]? in
        if case let .iterationFinished(_, metrics) = e { return metrics } else { return nil }
    }
    #expect(iterations.count == 4)
    #expect(iterations[1].contains { $0.tag == OfflineMetricTag.normalizedScore })
    #expect(iterations[0].contains { $0.tag == "losses/actor_loss" })
    // Same seed ⇒ identical metrics (SPS aside).
    let (_, again) = try run()
    func strip(_ events: [TrainingEvent]) -> [TrainingEvent] {
        events.map {
            if case let .iterationFinished(step, metrics) = $0 {
                return .iterationFinished(step: step, metrics: metrics.filter { $0.tag != OfflineMetricTag.stepsPerSecond })
            }
            return $0
        }
    }
    #expect(strip(events) == strip(again))
    // Checkpoint round trip: identical actions, restored counters.
    let restored = try OfflineTrainer<TD3BC>(checkpoint: try trainer.checkpoint())
    let observations: [Float] = [1, 0, 0.5, 0, 1, -2]
    #expect(restored.predict(observations: observations, count: 2, deterministic: true)
        == trainer.predict(observations: observations, count: 2, deterministic: true))
    #expect(restored.stepCount == 20 && restored.algorithm.updateCount == 20)
    #expect(throws: OfflineAlgorithmError.self) { try restored.learn(totalSteps: 30, callbacks: []) }
}

@Test("Offline trainer rejects a dataset that does not fit the environment")
func offlineTrainerRejectsMismatchedDataset() throws {
    let dataset = try banditDataset(episodes: 10, expertFraction: 0, seed: 1)
    #expect(throws: OfflineAlgorithmError.self) {
        try OfflineTrainer<BC>(config: BCConfig(), dataset: dataset, environment: EnvironmentConfig(id: "Pendulum-v1"), seed: 1)
    }
}

@Test("OfflineRun writes config.yaml, metrics.csv with the evaluation columns, a checkpoint and curve.svg")
func offlineRunWritesRunDirectory() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("offline-run-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    let dataset = try randomPendulumDataset(episodes: 2, length: 30, seed: 4)
    var hyper = BCConfig()
    hyper.hiddenSizes = [8]
    let config = OfflineRunConfig<BC>(
        seed: 2, steps: 10, dataset: "memory", env: EnvironmentConfig(id: "Pendulum-v1"),
        trainer: OfflineTrainerSettings(batchSize: 16, logEvery: 5, evaluation: EvaluationSettings(every: 5, episodes: 1)),
        hyperparameters: hyper)
    var options = RunSession.Options()
    options.root = root
    options.progress = false
    options.watchSignals = false
    let outcome = try OfflineRun.train(BC.self, dataset: dataset, config: config, options: options)
    #expect(outcome.evaluations.map(\.step) == [5, 10])
    let csv = try String(contentsOf: outcome.run.appendingPathComponent("metrics.csv"), encoding: .utf8)
    #expect(csv.hasPrefix("step,eval/mean_return"))
    #expect(csv.split(separator: "\n").count == 3)
    let yaml = try String(contentsOf: outcome.run.appendingPathComponent("config.yaml"), encoding: .utf8)
    #expect(yaml.contains("algorithm: bc"))
    #expect(FileManager.default.fileExists(atPath: outcome.run.appendingPathComponent("curve.svg").path))
    let checkpoint = try #require(outcome.checkpoint)
    let restored = try OfflineTrainer<BC>(checkpoint: try TrainingCheckpoint.read(from: checkpoint))
    #expect(restored.stepCount == 10)
}

/// Trains 20 steps straight and 10 + checkpoint + 10 resumed; the two must act identically.
private func expectExactResume<A: OfflineAlgorithm>(_: A.Type, config: A.Config) throws {
    let dataset = try randomPendulumDataset(episodes: 3, length: 40, seed: 3)
    let settings = OfflineTrainerSettings(batchSize: 16, logEvery: 5, evaluation: EvaluationSettings(every: 100, episodes: 1))
    func trainer() throws -> OfflineTrainer<A> {
        try OfflineTrainer<A>(
            config: config, dataset: dataset, environment: EnvironmentConfig(id: "Pendulum-v1"), settings: settings, seed: 7)
    }
    let straight = try trainer()
    try straight.learn(totalSteps: 20, callbacks: [])
    let first = try trainer()
    try first.learn(totalSteps: 10, callbacks: [])
    let resumed = try OfflineTrainer<A>(checkpoint: try first.checkpoint(), dataset: dataset)
    try resumed.learn(totalSteps: 20, callbacks: [])
    let observations: [Float] = [1, 0, 0.5, 0, 1, -2, -0.3, 0.9, 1.5]
    #expect(
        resumed.predict(observations: observations, count: 3, deterministic: true)
            == straight.predict(observations: observations, count: 3, deterministic: true), "\(A.name)")
}

@Test("Offline checkpoints resume exactly: weights, optimizers, batch stream and each algorithm's noise streams")
func offlineResumeIsExact() throws {
    var td3bc = TD3BCConfig()
    td3bc.td3.setHiddenSizes([16, 16])
    try expectExactResume(TD3BC.self, config: td3bc)
    var prdc = PRDCConfig()
    prdc.td3.setHiddenSizes([16, 16])
    try expectExactResume(PRDC.self, config: prdc)
    var cql = CQLConfig()
    cql.hiddenSizes = [16, 16]
    try expectExactResume(CQL.self, config: cql)
    var a2pr = A2PRConfig()
    a2pr.td3.actorHidden = [16, 16]
    a2pr.td3.criticHidden = [16, 16]
    a2pr.vaeHidden = [16, 16]
    try expectExactResume(A2PR.self, config: a2pr)
}
