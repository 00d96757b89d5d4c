import RLCore
import Tensor
import Testing
@testable import Algorithms

@Suite("DQN schedules match SB3 (target updates in environment steps, ε over the exploration fraction)")
struct DQNScheduleTests {
    /// Largest |Q(x) − Q_target(x)| on a fixed input.
    static func gap(_ dqn: DQN) -> Float {
        let x = Tensor([0.1, -0.2, 0.03, 0.4, -0.5, 0.2, 0.0, 0.1] as [Float], shape: [2, 4])
        return zip(dqn.q(x).floats, dqn.qTarget(x).floats).map { abs($0 - $1) }.max() ?? 0
    }

    @Test("with 2 environments and C = 6 env steps the target copies the online net every 3 vector steps")
    func targetUpdateCountsEnvironmentSteps() throws {
        var config = DQNConfig()
        config.targetUpdateInterval = 6
        config.hiddenSizes = [8]
        let dqn = try DQN(config: config, environment: EnvironmentConfig(id: "CartPole-v1", numEnvs: 2), seed: 3)
        var rng = Xoshiro256StarStar(seed: 9)
        let other = QNetwork(observationSize: 4, actionCount: 2, hidden: [8], dueling: false, using: &rng)
        #expect(Self.gap(dqn) == 0)
        for vectorSteps in 1...6 {
            try dqn.q.copyParameters(from: other)  // the online net moves away from the target...
            try dqn.q.softUpdate(from: dqn.qTarget, tau: 0.5)
            let moved = Self.gap(dqn)
            #expect(moved > 0)
            try dqn.environmentStepped(vectorSteps: vectorSteps, step: 2 * vectorSteps, totalSteps: 100)
            // ...and is copied only at vector steps 3 and 6 (= 6 and 12 environment steps).
            #expect((Self.gap(dqn) == 0) == (vectorSteps % 3 == 0), "vector step \(vectorSteps)")
        }
    }

    @Test("MountainCar preset: ε goes 1 → 0.07 over the first 20 % of 200k steps (SB3 get_linear_fn)")
    func mountainCarEpsilon() throws {
        let preset = try #require(DQN.preset(for: "MountainCar-v0"))
        let config = preset.config
        #expect(preset.totalSteps == 200_000)
        #expect(config.epsilon(step: 0, totalSteps: 200_000) == 1)
        #expect(abs(config.epsilon(step: 20_000, totalSteps: 200_000) - 0.535) < 1e-12)
        #expect(abs(config.epsilon(step: 40_000, totalSteps: 200_000) - 0.07) < 1e-12)
        #expect(abs(config.epsilon(step: 150_000, totalSteps: 200_000) - 0.07) < 1e-12)
    }

    @Test("ε-greedy draws once per vector step (SB3, CleanRL): all sub-environments explore together or none does")
    func oneExplorationDrawPerVectorStep() throws {
        var config = DQNConfig()
        config.hiddenSizes = [8]
        config.explorationInitial = 0.5
        config.explorationFinal = 0.5
        let dqn = try DQN(config: config, environment: EnvironmentConfig(id: "CartPole-v1", numEnvs: 8), seed: 4)
        try dqn.environmentStepped(vectorSteps: 1, step: 8, totalSteps: 1000)  // sets ε = 0.5
        let observations = (0..<32).map { Float($0 % 5) * 0.1 - 0.2 }
        var rng = Xoshiro256StarStar(seed: 5)
        let greedy = dqn.policyActions(observations: observations, count: 8, deterministic: true, using: &rng)
        var allGreedy = 0
        let steps = 600
        for step in 0..<steps {
            let actions = dqn.explorationActions(observations: observations, count: 8, step: step, using: &rng)
            if actions == greedy { allGreedy += 1 }
        }
        // one draw: P(all greedy) = 0.5 + 0.5 · 2⁻⁸ ≈ 0.50; a draw per environment would give 0.75⁸ ≈ 0.10
        let fraction = Double(allGreedy) / Double(steps)
        #expect(fraction > 0.42 && fraction < 0.58, "\(fraction)")
    }
}
