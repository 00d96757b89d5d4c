import RLCore
import Tensor
import Testing
@testable import Algorithms

@Suite("TD3 exploration noise")
struct ExplorationNoiseTests {
    @Test("Ornstein–Uhlenbeck: x ← x + θ(0 − x)dt + σ√dt·n, added to the action and clipped; reset on episode end")
    func ornsteinUhlenbeck() {
        var noise = ExplorationNoise(kind: .ornsteinUhlenbeck, sigma: 0.5, count: 2, actionSize: 1)
        var rng = Xoshiro256StarStar(seed: 7)
        var replay = rng
        var x: [Float] = [0, 0]
        for _ in 0..<3 {
            let out = noise.perturb([0.1, 0.95], using: &rng)
            for i in 0..<2 {
                x[i] += 0.15 * (0 - x[i]) * 0.01 + 0.5 * Float(0.01).squareRoot() * Float(replay.normal())
                let expected = min(max([0.1, 0.95][i] + x[i], -1), 1)
                #expect(abs(out[i] - expected) < 1e-6)
            }
        }
        #expect(noise.state == x)
        noise.reset(done: [true, false])
        #expect(noise.state == [0, x[1]])
    }

    @Test("Gaussian noise is σ·n per step, independent of history (the paper's)")
    func gaussian() {
        var noise = ExplorationNoise(kind: .gaussian, sigma: 0.1, count: 1, actionSize: 2)
        var rng = Xoshiro256StarStar(seed: 3)
        var replay = rng
        let out = noise.perturb([0, 0.5], using: &rng)
        let expected = [Float(0.1) * Float(replay.normal()), 0.5 + Float(0.1) * Float(replay.normal())]
        #expect(zip(out, expected).allSatisfy { abs($0 - $1) < 1e-6 })
    }

    @Test("TD3 with OU noise: a checkpoint resumes identically (the OU state is saved)")
    func td3OUResume() throws {
        var config = TD3Config()
        config.hiddenSizes = [16]
        config.batchSize = 16
        config.learningStarts = 50
        config.explorationNoiseKind = .ornsteinUhlenbeck
        config.explorationNoise = 0.5
        config.logInterval = 100
        let environment = EnvironmentConfig(id: "MountainCarContinuous-v0")
        let straight = try TD3(config: config, environment: environment, seed: 2)
        try straight.learn(totalSteps: 300, callbacks: [])
        let first = try TD3(config: config, environment: environment, seed: 2)
        try first.learn(totalSteps: 150, callbacks: [])
        let resumed = try TD3(checkpoint: try first.checkpoint())
        try resumed.learn(totalSteps: 300, callbacks: [])
        let observation: [Float] = [-0.5, 0.01]
        #expect(straight.predict(observation) == resumed.predict(observation))
    }
}
