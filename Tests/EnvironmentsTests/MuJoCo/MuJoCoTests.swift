import Foundation
import Testing
@testable import Environments

@Suite("MuJoCo environments", .enabled(if: MuJoCoSupport.isAvailable))
struct MuJoCoTests {
    @Test("The checker passes on every MuJoCo id", arguments: MuJoCoTask.allCases.map(\.id))
    func checkerPasses(id: String) {
        var checker = EnvironmentChecker(id: id, registry: .standard)
        checker.rolloutSteps = 300
        let failures = checker.run().filter { !$0.passed }
        #expect(failures.isEmpty, "\(id): \(failures.map { "\($0.name): \($0.message)" })")
    }

    @Test("Spaces, dt and the 1000-step limit follow Gymnasium v5")
    func spacesAndLimits() throws {
        let expected: [(MuJoCoTask, observation: Int, action: Int, dt: Double)] = [
            (.invertedPendulum, 4, 1, 0.04), (.hopper, 11, 3, 0.008), (.halfCheetah, 17, 6, 0.05),
            (.walker2d, 17, 6, 0.008), (.ant, 105, 8, 0.05),
        ]
        for (task, observation, action, dt) in expected {
            let environment = try MuJoCoLocomotion(task)
            #expect(environment.observationSpace.flatDimension == observation, "\(task.id)")
            #expect(environment.actionSpace.flatDimension == action, "\(task.id)")
            #expect(abs(environment.dt - dt) < 1e-12, "\(task.id)")
            #expect(try EnvironmentRegistry.standard.spec(task.id).maxEpisodeSteps == 1000)
        }
        var withPositions = MuJoCoParameters.defaults(for: .hopper)
        withPositions.excludeCurrentPositionsFromObservation = false
        #expect(try MuJoCoLocomotion(.hopper, parameters: withPositions).observationSpace.flatDimension == 12)
        var antWithout = MuJoCoParameters.defaults(for: .ant)
        antWithout.includeCfrcExtInObservation = false
        #expect(try MuJoCoLocomotion(.ant, parameters: antWithout).observationSpace.flatDimension == 27)
    }

    @Test("A time limit of 1000 steps truncates a HalfCheetah episode")
    func truncatesAtThousand() throws {
        var environment = try EnvironmentRegistry.standard.make("HalfCheetah-v5")
        _ = try environment.reset(seed: 3)
        var steps = 0, truncated = false
        while !truncated {
            let step = try environment.step(.array([0, 0, 0, 0, 0, 0]))
            steps += 1
            truncated = step.truncated
            #expect(!step.terminated)
        }
        #expect(steps == 1000)
    }

    @Test("Hopper's reward terms and info on a set state, checked by hand")
    func hopperRewardTerms() throws {
        var environment = try MuJoCoLocomotion(.hopper)
        _ = try environment.reset(seed: 0)
        try environment.setState(qpos: [0.3, 1.25, 0.05, -0.1, -0.1, 0.1], qvel: [1, 0, 0, 0, 0, 0])
        let action: [Float] = [0.5, -0.5, 1]
        let before = environment.qpos[0]
        let step = try environment.step(action)
        let after = environment.qpos[0]
        let velocity = (after - before) / 0.008
        #expect(abs((step.info["x_velocity"]?.doubleValue ?? .nan) - velocity) < 1e-12)
        #expect(abs((step.info["reward_ctrl"]?.doubleValue ?? .nan) - -1.5e-3) < 1e-9)
        #expect(step.info["reward_survive"]?.doubleValue == 1)
        #expect(abs(step.reward - (velocity + 1 - 1.5e-3)) < 1e-9)
        #expect(abs((step.info["z_distance_from_origin"]?.doubleValue ?? .nan) - (environment.qpos[1] - 1.25)) < 1e-12)
        #expect(step.observation.count == 11)
        #expect(abs(Double(step.observation[0]) - environment.qpos[1]) < 1e-6)
    }

    @Test("Health and termination rules")
    func healthRules() throws {
        func healthy(_ task: MuJoCoTask, qpos: [Double]) throws -> Bool {
            var environment = try MuJoCoLocomotion(task)
            _ = try environment.reset(seed: 0)
            try environment.setState(qpos: qpos, qvel: [Double](repeating: 0, count: environment.qvel.count))
            return environment.isHealthy
        }
        let hopper = [0, 1.25, 0, 0, 0, 0.0]
        #expect(try healthy(.hopper, qpos: hopper))
        #expect(try !healthy(.hopper, qpos: [0, 0.7, 0, 0, 0, 0]))  // z must exceed 0.7 (open bound)
        #expect(try !healthy(.hopper, qpos: [0, 1.25, 0.2, 0, 0, 0]))  // |angle| must stay below 0.2
        #expect(try !healthy(.hopper, qpos: [0, 1.25, 0, 0, 0, 101]))  // state within (-100, 100)
        let walker = [0, 1.25, 0, 0, 0, 0, 0, 0, 0.0]
        #expect(try healthy(.walker2d, qpos: walker))
        #expect(try !healthy(.walker2d, qpos: [0, 2.0, 0, 0, 0, 0, 0, 0, 0]))  // z in (0.8, 2.0)
        #expect(try !healthy(.walker2d, qpos: [0, 1.25, -1.0, 0, 0, 0, 0, 0, 0]))  // angle in (-1, 1)
        var ant = [0, 0, 1.0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.0]
        #expect(try healthy(.ant, qpos: ant))  // closed range [0.2, 1.0]
        ant[2] = 1.01
        #expect(try !healthy(.ant, qpos: ant))

        var pendulum = try MuJoCoLocomotion(.invertedPendulum)
        _ = try pendulum.reset(seed: 0)
        try pendulum.setState(qpos: [0, 0.3], qvel: [0, 0])
        let fallen = try pendulum.step([0])
        #expect(fallen.terminated && fallen.reward == 0 && fallen.info["reward_survive"] == .int(0))
        var cheetah = try MuJoCoLocomotion(.halfCheetah)
        _ = try cheetah.reset(seed: 0)
        try cheetah.setState(qpos: [0, -5, 3, 0, 0, 0, 0, 0, 0], qvel: [Double](repeating: 0, count: 9))
        #expect(try !cheetah.step([0, 0, 0, 0, 0, 0]).terminated)
    }

    @Test("Reset noise is drawn from the seeded stream: the same seed gives the same state")
    func seededReset() throws {
        var first = try MuJoCoLocomotion(.ant), second = try MuJoCoLocomotion(.ant)
        let a = try first.reset(seed: 7), b = try second.reset(seed: 7)
        #expect(a.observation == b.observation)
        #expect(try first.reset(seed: 8).observation != a.observation)
    }

    @Test("A copy steps independently (copy on write of the MuJoCo state)")
    func valueSemantics() throws {
        var environment = try MuJoCoLocomotion(.hopper)
        _ = try environment.reset(seed: 1)
        let copy = environment
        _ = try environment.step([1, 1, 1])
        #expect(copy.qpos != environment.qpos)
    }
}

@Test("Without the MuJoCo trait the ids are listed as unavailable with the install hint")
func mujocoUnavailableWithoutTrait() throws {
    let spec = try EnvironmentRegistry.standard.spec("Hopper-v5")
    if MuJoCoSupport.isAvailable {
        #expect(spec.unavailableReason == nil)
        #expect(EnvironmentRegistry.standard.availableIds.contains("Hopper-v5"))
    } else {
        #expect(spec.unavailableReason?.contains("MuJoCo trait") == true)
        #expect(!EnvironmentRegistry.standard.availableIds.contains("Hopper-v5"))
        #expect(throws: EnvironmentError.self) { try EnvironmentRegistry.standard.make("Hopper-v5") }
    }
}

@Test("Reward sums round like numpy.sum (pairwise, eight accumulators), not like a sequential loop")
func numpyPairwiseSumMatchesNumPy() {
    // Nine float32 squares whose numpy.sum (2.715674638748169) differs from the sequential sum (2.715674877166748).
    let values: [Float] = [
        0.6867464780807495, 0.2770748436450958, 0.363065242767334, 0.027002401649951935, 0.658926248550415,
        0.01788802444934845, 0.0017553925281390548, 0.46311038732528687, 0.22010575234889984,
    ]
    #expect(numpyPairwiseSum(values[...]) == Float(2.715674638748169))
    #expect(values.reduce(0, +) == Float(2.715674877166748))
    #expect(numpyPairwiseSum([Double]([1, 2, 3])[...]) == 6)
}
