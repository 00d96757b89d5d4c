import Foundation
import Testing
@testable import Environments

@Suite("Wrappers")
struct WrapperTests {
    @Test("TimeLimit truncates at the limit and restarts the count on reset")
    func timeLimitTruncates() throws {
        var environment = try TimeLimit(Pendulum(), maxEpisodeSteps: 3)
        _ = try environment.reset(seed: 0)
        let flags = try (0..<3).map { _ in try environment.step(0).truncated }
        #expect(flags == [false, false, true])
        _ = try environment.reset(seed: nil)
        #expect(try environment.step(0).truncated == false)
    }

    @Test("OrderEnforcing throws resetNeeded before the first reset")
    func orderEnforcingThrows() {
        var environment = OrderEnforcing(CartPole())
        #expect(throws: EnvironmentError.self) { try environment.step(0) }
    }

    @Test("Stepping an unwrapped environment before reset throws resetNeeded")
    func unwrappedStepBeforeReset() {
        var environment = CartPole()
        #expect(throws: EnvironmentError.resetNeeded("CartPole-v1: call reset(seed:) before step(_:)")) {
            try environment.step(1)
        }
    }

    @Test("Invalid discrete action throws invalidAction")
    func invalidActionThrows() throws {
        var environment = CartPole()
        _ = try environment.reset(seed: 0)
        #expect(throws: EnvironmentError.self) { try environment.step(2) }
    }

    @Test("RecordEpisodeStatistics reports return and length when the episode ends")
    func recordsEpisode() throws {
        var environment = RecordEpisodeStatistics(try TimeLimit(CartPole(), maxEpisodeSteps: 5))
        _ = try environment.reset(seed: 0)
        var last: Step<SIMD4<Float>>?
        for _ in 0..<5 { last = try environment.step(0) }
        guard case let .dictionary(episode)? = last?.info["episode"] else {
            Issue.record("missing episode info")
            return
        }
        #expect(episode["l"] == .int(5))
        #expect(episode["r"] == .double(5))
        #expect(environment.returnQueue == [5])
    }

    @Test("Autoreset returns the reset observation with reward 0 on the step after the episode ends")
    func autoresetNextStep() throws {
        var environment = Autoreset(try TimeLimit(CartPole(), maxEpisodeSteps: 2))
        _ = try environment.reset(seed: 3)
        _ = try environment.step(0)
        let last = try environment.step(0)
        #expect(last.truncated)
        var reference = CartPole()
        _ = try reference.reset(seed: 3)
        let resetObservation = try reference.reset(seed: nil).observation
        let afterEnd = try environment.step(1)
        #expect(afterEnd.reward == 0 && !afterEnd.terminated && !afterEnd.truncated)
        #expect(afterEnd.observation == resetObservation)
    }

    @Test("ClipAction clips torques into the Box")
    func clipActionClips() throws {
        var clipped = try ClipAction(Pendulum())
        var plain = Pendulum()
        _ = try clipped.reset(seed: 1)
        _ = try plain.reset(seed: 1)
        #expect(try clipped.step(7).observation == plain.step(2).observation)
        #expect(clipped.actionSpace.contains(.array([100])))
    }

    @Test("RescaleAction maps [-1, 1] onto [-2, 2]")
    func rescaleActionMaps() throws {
        var rescaled = try RescaleAction(Pendulum(), minAction: -1, maxAction: 1)
        var plain = Pendulum()
        _ = try rescaled.reset(seed: 4)
        _ = try plain.reset(seed: 4)
        #expect(try rescaled.step(0.5).observation == plain.step(1).observation)
    }

    @Test("NormalizeObservation uses Gymnasium's running statistics and can be frozen")
    func normalizeObservation() throws {
        var environment = try NormalizeObservation(CartPole())
        let first = try environment.reset(seed: 0).observation
        // After one sample: mean = x · 1/(1 + 1e-4), var = 1e-4/(1+1e-4) + x²·1e-4/(1+1e-4)² ⇒ ≈ ±1e-4·x/√(1e-4·(1+x²))
        #expect(abs(first.x) < 0.01)
        environment.updatesStatistics = false
        let frozen = environment.statistics
        _ = try environment.step(1)
        #expect(environment.statistics == frozen)
    }

    @Test("NormalizeReward divides by the running std of the discounted return")
    func normalizeReward() throws {
        var environment = try NormalizeReward(CartPole(), gamma: 0.99)
        _ = try environment.reset(seed: 0)
        let step = try environment.step(0)
        var statistics = RunningMeanStd(size: 1)
        statistics.update([1])
        #expect(step.reward == 1 / (statistics.variance[0] + 1e-8).squareRoot())
    }

    @Test("FlattenObservation one-hot encodes discrete observations")
    func flattenOneHot() throws {
        var environment = try FlattenObservation(FrozenLake(isSlippery: false))
        let observation = try environment.reset(seed: 0).observation
        #expect(observation.count == 16 && observation[0] == 1 && observation.reduce(0, +) == 1)
    }

    @Test("FrameStackObservation pads with the reset observation and shifts")
    func frameStack() throws {
        var environment = try FrameStackObservation(CartPole(), stackSize: 3)
        let first = try environment.reset(seed: 0).observation
        #expect(first.count == 12 && Array(first[0..<4]) == Array(first[8..<12]))
        let next = try environment.step(1).observation
        #expect(Array(next[0..<8]) == Array(first[4..<12]))
        #expect(environment.observationSpace.flatObservationSize == 12)
    }

    @Test("TimeAwareObservation appends the step count")
    func timeAware() throws {
        var environment = try TimeAwareObservation(CartPole(), maxEpisodeSteps: 500)
        #expect(try environment.reset(seed: 0).observation.last == 0)
        #expect(try environment.step(0).observation.last == 1)
    }

    @Test("DiscretizeAction maps indices to a grid over the Box")
    func discretize() throws {
        let environment = try DiscretizeAction(Pendulum(), bins: 5)
        #expect(environment.actionSpace == .discrete(try DiscreteSpace(5)))
        #expect(environment.continuousAction(0) == [-2] && environment.continuousAction(4) == [2])
    }

    @Test("StickyAction with probability 0 never repeats")
    func stickyNever() throws {
        var sticky = try StickyAction(CartPole(), repeatProbability: 0)
        var plain = CartPole()
        _ = try sticky.reset(seed: 2)
        _ = try plain.reset(seed: 2)
        for action in [0, 1, 1, 0] { #expect(try sticky.step(action).observation == plain.step(action).observation) }
    }

    @Test("Transform wrappers map rewards and observations")
    func transforms() throws {
        var environment = TransformReward(CartPole()) { $0 * 2 }
        _ = try environment.reset(seed: 0)
        #expect(try environment.step(0).reward == 2)
        var observed = TransformObservation(CartPole(), observationSpace: .discrete(try DiscreteSpace(2))) {
            $0.x > 0 ? 1 : 0
        }
        _ = try observed.reset(seed: 0)
        #expect([0, 1].contains(try observed.step(0).observation))
    }
}

@Suite("Normalisation statistics files and the benchmark suite")
struct StatisticsAndBenchmarkTests {
    @Test("RunningMeanStd round-trips through a JSON file")
    func statisticsRoundTrip() throws {
        var statistics = RunningMeanStd(size: 2)
        statistics.update([1, 2])
        statistics.update([3, -1])
        let url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(
            "rms-\(UInt32.random(in: 0...UInt32.max)).json")
        try statistics.save(to: url)
        #expect(try RunningMeanStd.load(from: url) == statistics)
        try? FileManager.default.removeItem(at: url)
    }

    @Test("Loading a missing statistics file throws")
    func missingStatisticsThrows() {
        #expect(throws: EnvironmentError.self) {
            try RunningMeanStd.load(from: URL(fileURLWithPath: "/nonexistent/rms.json"))
        }
    }

    @Test("A benchmark case reports a positive step rate in the JSON-lines format")
    func benchmarkCase() throws {
        let result = EnvBenchmark.single(
            name: "cartpole_1env", rounds: 1, seconds: 0.01,
            make: { () throws(EnvironmentError) in try TimeLimit(CartPole(), maxEpisodeSteps: 500) },
            action: { Int($0 & 1) })
        #expect(result.median > 0 && result.unit == "steps/s")
        #expect(result.suite == "env" && result.case == "cartpole_1env")
        #expect(result.jsonLine.contains(#""unit":"steps\/s""#) || result.jsonLine.contains(#""unit":"steps/s""#))
    }
}
