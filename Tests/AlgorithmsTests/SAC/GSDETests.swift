import Foundation
import RLCore
import Tensor
import Testing
@testable import Algorithms

@Suite("gSDE squashed-Gaussian actor")
struct GSDETests {
    private func actor(seed: UInt64 = 3) -> SquashedGaussianActor {
        var rng = Xoshiro256StarStar(seed: seed)
        return SquashedGaussianActor(observationSize: 2, actionSize: 2, hidden: [3], logStdMin: -20, logStdMax: 2,
                                     sdeLogStdInit: -1, clipMean: 2, using: &rng)
    }

    @Test("log σ is a [features, actions] parameter initialised to log_std_init, with no log σ head")
    func parameters() {
        let a = actor()
        #expect(a.usesSDE && a.logStd == nil)
        #expect(a.explorationLogStd?.shape == [3, 2])
        #expect(a.explorationLogStd?.floats == [Float](repeating: -1, count: 6))
        #expect(a.namedParameters().map(\.path).contains("explorationLogStd"))
    }

    @Test("the pre-squash variance is z²·σ² + ε per action (hand-computed), μ clipped to ±clip_mean")
    func variance() throws {
        let a = actor()
        let x = Tensor([Float]([0.5, -1, 2, 0.25]), shape: [2, 2])
        let (distribution, z) = a.distributionAndFeatures(x)
        let zf = z.floats, sigma2 = Float(exp(-2.0))
        let std = distribution.base.std.floats
        for row in 0..<2 {
            let sumZ2 = (0..<3).map { zf[row * 3 + $0] * zf[row * 3 + $0] }.reduce(0, +)
            let expected = (sumZ2 * sigma2 + 1e-6).squareRoot()
            for j in 0..<2 { #expect(abs(std[row * 2 + j] - expected) < 1e-5) }
        }
        #expect(distribution.base.mean.floats.allSatisfy { abs($0) <= 2 })
    }

    @Test("a sampled action is tanh(μ + z·(σ⊙ε)) with log π of that Gaussian minus the tanh correction")
    func sampleAndLogProb() throws {
        let a = actor()
        let x = Tensor([Float]([0.5, -1, 2, 0.25]), shape: [2, 2])
        var rng = Xoshiro256StarStar(seed: 9)
        var replay = rng
        let (action, logProb) = a.sampleWithLogProb(x, using: &rng)
        let epsilon = Tensor.normal([3, 2], using: &replay).floats
        let (distribution, z) = a.distributionAndFeatures(x)
        let mu = distribution.base.mean.floats, std = distribution.base.std.floats, zf = z.floats
        let sigma = Float(exp(-1.0))
        for row in 0..<2 {
            var expectedLogProb: Float = 0
            for j in 0..<2 {
                let noise = (0..<3).map { zf[row * 3 + $0] * sigma * epsilon[$0 * 2 + j] }.reduce(0, +)
                let u = mu[row * 2 + j] + noise
                #expect(abs(action.floats[row * 2 + j] - Foundation.tanh(u)) < 1e-5)
                let s = std[row * 2 + j]
                let gaussian = -0.5 * (noise / s) * (noise / s) - Foundation.log(s) - 0.5 * Foundation.log(2 * Float.pi)
                expectedLogProb += gaussian - Foundation.log(1 - Foundation.tanh(u) * Foundation.tanh(u))
            }
            #expect(abs(logProb.floats[row] - expectedLogProb) < 1e-3)
        }
    }

    @Test("the gradient of log π reaches log σ (through θ_ε and the variance)")
    func gradientReachesLogStd() throws {
        let a = actor()
        let x = Tensor([Float]([0.5, -1, 2, 0.25]), shape: [2, 2])
        var rng = Xoshiro256StarStar(seed: 1)
        let (_, gradients) = valueAndGrad(a) { actor in actor.sampleWithLogProb(x, using: &rng).logProb.mean() }
        let g = try #require(gradients["explorationLogStd"])
        #expect(g.floats.contains { $0 != 0 })
    }

    @Test("the features z(s) are learned (SB3 SAC learn_features=True): the gSDE σ(s) and noise reach the trunk")
    func featuresAreLearned() throws {
        let a = actor()
        let x = Tensor([Float]([0.5, -1, 2, 0.25]), shape: [2, 2])
        // σ(s) = sqrt(z²·σ² + ε) does not involve μ, so trunk gradients can only come through z(s).
        let (_, gradients) = valueAndGrad(a) { actor in actor.distribution(x).base.std.sum() }
        let trunk = zip(gradients.paths, gradients.tensors).filter { $0.0.hasPrefix("trunk") }.map(\.1)
        #expect(!trunk.isEmpty)
        #expect(trunk.contains { $0.floats.contains { $0 != 0 } })
    }

    @Test("behaviour actions with one exploration matrix are a deterministic function of the state (held noise)")
    func heldNoise() {
        let a = actor()
        var rng = Xoshiro256StarStar(seed: 4)
        let matrix = a.sampleExplorationMatrix(using: &rng)
        let x = Tensor([Float]([0.3, 0.7]), shape: [1, 2])
        #expect(a.explorationAction(x, matrix: matrix).floats == a.explorationAction(x, matrix: matrix).floats)
        let other = a.sampleExplorationMatrix(using: &rng)
        #expect(a.explorationAction(x, matrix: matrix).floats != a.explorationAction(x, matrix: other).floats)
    }

    @Test("SAC with gSDE: same seed twice gives identical metrics, and a checkpoint resumes identically")
    func sacWithSDEDeterministicAndResumable() throws {
        var config = SACConfig()
        config.hiddenSizes = [16]
        config.batchSize = 16
        config.learningStarts = 0
        config.trainFrequency = 8
        config.gradientSteps = 8
        config.useSDE = true
        config.logInterval = 100
        let environment = EnvironmentConfig(id: "Pendulum-v1")
        let straight = try SAC(config: config, environment: environment, seed: 5)
        try straight.learn(totalSteps: 300, callbacks: [])
        let first = try SAC(config: config, environment: environment, seed: 5)
        try first.learn(totalSteps: 150, callbacks: [])
        let resumed = try SAC(checkpoint: try first.checkpoint())
        try resumed.learn(totalSteps: 300, callbacks: [])
        let again = try SAC(config: config, environment: environment, seed: 5)
        try again.learn(totalSteps: 300, callbacks: [])
        let observation: [Float] = [0.5, -0.5, 1]
        #expect(straight.predict(observation) == resumed.predict(observation))
        #expect(straight.predict(observation) == again.predict(observation))
    }
}
