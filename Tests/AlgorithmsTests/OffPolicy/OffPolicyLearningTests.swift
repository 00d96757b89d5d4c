import RLCore
import Tensor
import Testing
@testable import Algorithms

@Suite("Off-policy algorithms learn (tiny seeded runs)")
struct OffPolicyLearningTests {
    @Test("DQN on CartPole beats random play (≈ 22) clearly within 15k steps")
    func dqnCartPole() throws {
        var config = DQNConfig()
        config.learningRate = 2.3e-3
        config.batchSize = 64
        config.learningStarts = 1000
        config.targetUpdateInterval = 10
        config.trainFrequency = 256
        config.gradientSteps = 128
        config.explorationFraction = 0.16
        config.explorationFinal = 0.04
        config.doubleQ = true
        let dqn = try DQN(config: config, environment: EnvironmentConfig(id: "CartPole-v1"), seed: 1)
        try dqn.learn(totalSteps: 15_000, callbacks: [])
        let result = try Evaluation.run(dqn, episodes: 5, seed: 1000)
        print("dqn test mean", result.mean)
        #expect(result.mean > 60)
    }

    @Test("a TD3 actor step (deterministic policy gradient through Q1) raises Q1(s, μ(s))")
    func td3ActorStepRaisesQ() throws {
        var rng = Xoshiro256StarStar(seed: 4)
        let actor = DeterministicActor(observationSize: 3, actionSize: 1, hidden: [16], using: &rng)
        let critic = TwinQNetwork(observationSize: 3, actionSize: 1, hidden: [16], using: &rng)
        let observations = Tensor.normal([32, 3], using: &rng)
        let before = critic.q1(observations, actor(observations)).mean().item()
        let optimizer = Adam(learningRate: 1e-2)
        for _ in 0..<5 {
            let (_, gradients) = valueAndGrad(actor) { actor in
                TD3Loss.actorLoss(q1: critic.q1(observations, actor(observations)))
            }
            optimizer.update(actor, gradients: gradients)
        }
        let after = critic.q1(observations, actor(observations)).mean().item()
        #expect(after > before)
    }

    @Test("same seed twice gives identical SAC metrics")
    func sacDeterministic() throws {
        func run() throws -> [TrainingEvent] {
            var config = SACConfig()
            config.hiddenSizes = [16]
            config.batchSize = 16
            config.learningStarts = 50
            config.logInterval = 100
            let sac = try SAC(config: config, environment: EnvironmentConfig(id: "Pendulum-v1"), seed: 3)
            let recorder = EventRecorder()
            try sac.learn(totalSteps: 300, callbacks: [recorder])
            return recorder.events.map { event in
                if case let .iterationFinished(step, metrics) = event {
                    return .iterationFinished(step: step, metrics: metrics.filter { $0.tag != "charts/SPS" })
                }
                return event
            }
        }
        #expect(try run() == run())
    }

    @Test("a checkpoint restores SAC so training continues identically")
    func sacResume() throws {
        var config = SACConfig()
        config.hiddenSizes = [16]
        config.batchSize = 16
        config.learningStarts = 50
        config.logInterval = 100
        let environment = EnvironmentConfig(id: "Pendulum-v1")
        let straight = try SAC(config: config, environment: environment, seed: 5)
        try straight.learn(totalSteps: 400, callbacks: [])
        let first = try SAC(config: config, environment: environment, seed: 5)
        try first.learn(totalSteps: 200, callbacks: [])
        let resumed = try SAC(checkpoint: try first.checkpoint())
        try resumed.learn(totalSteps: 400, callbacks: [])
        let observation: [Float] = [0.5, -0.5, 1]
        #expect(straight.predict(observation) == resumed.predict(observation))
    }

    @Test("a DQN checkpoint with 3-step returns resumes identically (pending n-step transitions are saved)")
    func dqnNStepResume() throws {
        var config = DQNConfig()
        config.hiddenSizes = [16]
        config.nSteps = 3
        config.learningStarts = 40
        config.logInterval = 50
        // two sub-environments; an interrupted run (same total budget, so the same ε schedule) stops mid-episode
        let environment = EnvironmentConfig(id: "CartPole-v1", numEnvs: 2)
        let straight = try DQN(config: config, environment: environment, seed: 6)
        try straight.learn(totalSteps: 600, callbacks: [])
        let first = try DQN(config: config, environment: environment, seed: 6)
        try first.learn(totalSteps: 600, callbacks: [StopAtStep(300)])
        #expect(first.runner.stepCount >= 300 && first.runner.stepCount < 600)
        let checkpoint = try first.checkpoint()
        let saved = try #require(first.runner.state(extra: [:]).recorder)
        #expect(saved.pending.contains { !$0.isEmpty }, "no transition was pending at the checkpoint")
        let resumed = try DQN(checkpoint: checkpoint)
        try resumed.learn(totalSteps: 600, callbacks: [])
        #expect(straight.runner.buffer.count == resumed.runner.buffer.count)
        let observation: [Float] = [0.02, -0.1, 0.03, 0.2]
        #expect(straight.predict(observation) == resumed.predict(observation))
        let x = Tensor(observation, shape: [1, 4])
        #expect(straight.q(x).floats == resumed.q(x).floats)
    }

    @Test("SAC refuses a Discrete action space with a clear error")
    func sacDiscrete() {
        #expect(throws: (any Error).self) {
            _ = try SAC(config: SACConfig(), environment: EnvironmentConfig(id: "CartPole-v1"), seed: 1)
        }
    }
}

/// Asks training to stop at the first iteration report at or after `step` (an interrupted run).
final class StopAtStep: TrainingCallback {
    let step: Int
    init(_ step: Int) { self.step = step }
    func handle(_ event: TrainingEvent, algorithm: any Algorithm) throws -> CallbackDecision {
        if case let .iterationFinished(at, _) = event, at >= step { return .stop }
        return .continue
    }
}
