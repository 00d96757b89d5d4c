import RLCore
import Testing
@testable import Algorithms

@Suite("SAC learns")
struct SACLearningTests {
    @Test("SAC on Pendulum beats random play clearly within 2,500 steps (small networks)")
    func pendulumImproves() throws {
        var config = SACConfig()
        config.learningRate = 1e-3
        config.hiddenSizes = [64, 64]
        config.batchSize = 64
        let sac = try SAC(config: config, environment: EnvironmentConfig(id: "Pendulum-v1"), seed: 1)
        try sac.learn(totalSteps: 2_500, callbacks: [])
        let result = try Evaluation.run(sac, episodes: 5, seed: 1000)
        // a uniformly random policy scores about −1,200 on Pendulum
        #expect(result.mean > -700)
    }
}
