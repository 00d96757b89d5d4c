import RLCore
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

    @Test("TD3 on Pendulum beats random play clearly within 3,000 steps (small networks)")
    func td3Pendulum() throws {
        var config = TD3Config()
        config.hiddenSizes = [64, 64]
        config.batchSize = 64
        config.gamma = 0.98
        config.learningStarts = 500
        let td3 = try TD3(config: config, environment: EnvironmentConfig(id: "Pendulum-v1"), seed: 1)
        try td3.learn(totalSteps: 3_000, callbacks: [])
        let result = try Evaluation.run(td3, episodes: 5, seed: 1000)
        print("td3 test mean", result.mean)
        #expect(result.mean > -700)
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

    @Test("SAC refuses a Discrete action space with a clear error")
    func sacDiscrete() {
        #expect(throws: (any Error).self) {
            _ = try SAC(config: SACConfig(), environment: EnvironmentConfig(id: "CartPole-v1"), seed: 1)
        }
    }
}
