import Testing

@testable import Environments

/// An environment whose observations turn NaN after `healthySteps` steps (unbounded Box, so bounds alone would
/// not catch it).
private struct NaNAfterSteps: Environment, Sendable {
    let observationSpace: Space
    let actionSpace: Space
    let healthySteps: Int
    private var steps = 0

    init(healthySteps: Int) throws(EnvironmentError) {
        observationSpace = .box(try BoxSpace(low: -.infinity, high: .infinity, shape: [2]))
        actionSpace = .discrete(try DiscreteSpace(2))
        self.healthySteps = healthySteps
    }

    mutating func reset(seed: UInt64?, options: ResetOptions) throws(EnvironmentError) -> Reset<[Float]> {
        steps = 0
        return Reset(observation: healthySteps < 0 ? [.nan, 0] : [0, 0])
    }

    mutating func step(_ action: Int) throws(EnvironmentError) -> Step<[Float]> {
        steps += 1
        let value = steps > healthySteps ? Float.nan : Float(steps)
        return Step(observation: [value, 1], reward: 0, terminated: false, truncated: false)
    }
}

@Suite("NaN observations")
struct NaNObservationTests {
    @Test func checkerReportsNaNObservationsOnStepAndReset() throws {
        for healthy in [-1, 0, 5] {
            let checker = EnvironmentChecker { () throws(EnvironmentError) in
                AnyEnvironment(try NaNAfterSteps(healthySteps: healthy))
            }
            let failures = checker.run().filter { !$0.passed }
            #expect(failures.contains { $0.message.contains("NaN") }, "healthy \(healthy): \(failures)")
        }
    }

    @Test func passiveCheckerWarnsAboutNaN() throws {
        var reset = PassiveEnvChecker(try NaNAfterSteps(healthySteps: -1))
        _ = try reset.reset(seed: 1, options: [:])
        #expect(reset.warnings.contains { $0.contains("NaN") })
        var stepped = PassiveEnvChecker(try NaNAfterSteps(healthySteps: 0))
        _ = try stepped.reset(seed: 1, options: [:])
        _ = try stepped.step(0)
        #expect(stepped.warnings.contains { $0.contains("NaN") }, "\(stepped.warnings)")
    }
}
