import Foundation
import RLCore
import Tensor
import Testing

@testable import Algorithms

/// Metrics without wall-clock quantities (SPS), for bit-for-bit comparisons.
func comparable(_ events: [TrainingEvent]) -> [TrainingEvent] {
    events.compactMap { event in
        switch event {
        case let .iterationFinished(step, metrics):
            return .iterationFinished(step: step, metrics: metrics.filter { $0.tag != "charts/SPS" })
        case .started: return nil
        default: return event
        }
    }
}

func smallPPO(_ environmentID: String) -> (PPOConfig, EnvironmentConfig) {
    var config = PPOConfig()
    config.numSteps = 16
    config.minibatchSize = 32
    config.epochs = 2
    let continuous = environmentID == "Pendulum-v1"
    let environment = EnvironmentConfig(
        id: environmentID, numEnvs: 4, normalizeObservations: continuous, normalizeRewards: continuous)
    return (config, environment)
}

@Test("Tiny seeded PPO reaches a return of 200 on CartPole within 12k steps")
func ppoLearnsCartPole() throws {
    let preset = try #require(PPO.preset(for: "CartPole-v1"))
    let ppo = try PPO(config: preset.config, environment: preset.environment, seed: 1)
    let evaluation = EvaluationCallback(every: 2_048, episodes: 5, seed: 500, stopAtReturn: 200, evaluateAtEnd: false)
    try ppo.learn(totalSteps: 12_288, callbacks: [evaluation])
    #expect(evaluation.firstReached != nil, "evaluations: \(evaluation.history.map(\.result.mean))")
}

@Test("Same seed twice gives identical metrics", arguments: ["CartPole-v1", "Pendulum-v1"])
func ppoDeterministic(environmentID: String) throws {
    let (config, environment) = smallPPO(environmentID)
    var runs: [[TrainingEvent]] = []
    for _ in 0..<2 {
        let recorder = EventRecorder()
        let ppo = try PPO(config: config, environment: environment, seed: 7)
        try ppo.learn(totalSteps: 256, callbacks: [recorder])
        runs.append(comparable(recorder.events))
    }
    #expect(runs[0] == runs[1])
    #expect(runs[0].count > 4)
}

@Test("The thread budget does not change the result (vector stepping keeps each sub-environment's stream)")
func ppoThreadCountInvariant() throws {
    var (config, environment) = smallPPO("CartPole-v1")
    environment.numEnvs = 64
    config.numSteps = 8
    config.minibatchSize = 128
    let original = ThreadBudget.threads
    defer { ThreadBudget.set(original, openBLAS: false) }
    var runs: [[TrainingEvent]] = []
    for threads in [1, 2, 3] {
        ThreadBudget.set(threads, openBLAS: false)
        let recorder = EventRecorder()
        try PPO(config: config, environment: environment, seed: 11).learn(totalSteps: 2_048, callbacks: [recorder])
        runs.append(comparable(recorder.events))
    }
    #expect(runs[0] == runs[1])
    #expect(runs[0] == runs[2])
}

@Test("Resuming from a saved checkpoint continues exactly like an uninterrupted run",
      arguments: ["CartPole-v1", "Pendulum-v1"])
func ppoResumeIdentical(environmentID: String) throws {
    let (config, environment) = smallPPO(environmentID)
    let total = 640, cut = 320
    let full = EventRecorder()
    try PPO(config: config, environment: environment, seed: 3).learn(totalSteps: total, callbacks: [full])

    let first = EventRecorder()
    let interrupted = try PPO(config: config, environment: environment, seed: 3)
    let stopper = ClosureCallback { event, _ in
        if case let .iterationFinished(step, _) = event, step >= cut { return .stop }
        return .continue
    }
    try interrupted.learn(totalSteps: total, callbacks: [first, stopper])
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("h5-resume-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent("model.safetensors")
    try interrupted.save(to: file)
    let resumed = try PPO.load(from: file)
    #expect(resumed.stepCount == cut)
    let second = EventRecorder()
    try resumed.learn(totalSteps: total, callbacks: [second])

    let uninterrupted = comparable(full.events)
    let pieces = comparable(first.events).filter { if case .finished = $0 { return false } else { return true } }
        + comparable(second.events)
    #expect(pieces == uninterrupted)
}

@Test("Loading a PPO checkpoint as A2C is an error naming both algorithms")
func wrongAlgorithmCheckpoint() throws {
    let (config, environment) = smallPPO("CartPole-v1")
    let ppo = try PPO(config: config, environment: environment, seed: 1)
    #expect(throws: TrainingCheckpointError.wrongAlgorithm(expected: "a2c", found: "ppo")) {
        _ = try A2C(checkpoint: try ppo.checkpoint())
    }
}
