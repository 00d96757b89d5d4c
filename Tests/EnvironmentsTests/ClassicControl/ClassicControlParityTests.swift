import Testing
@testable import Environments

/// Replays trajectories recorded from Gymnasium (Scripts/fixtures/gymnasium_classic_control.py) through
/// `EnvironmentRegistry.standard.make` and requires identical float32 observations, rewards and flags.
@Suite("Classic control matches Gymnasium step for step")
struct ClassicControlParityTests {
    @Test("Trajectories match the Gymnasium fixture", arguments: [
        "CartPole-v1", "MountainCar-v0", "MountainCarContinuous-v0", "Pendulum-v1", "Acrobot-v1",
    ])
    func trajectoriesMatch(id: String) throws {
        let fixture = try loadFixture("gymnasium_\(id)")
        let runs = try #require(fixture["runs"]?.array)
        var compared = 0
        var mismatches: [String] = []
        // Acrobot's reset observation takes cos/sin of float32 angles, which NumPy computes with its own
        // float32 kernels (≤ 1 ulp from the C library); everything after the first step is float64 and exact.
        let resetTolerance = id == "Acrobot-v1" ? 1 : 0
        for run in runs {
            let seed = UInt64(try #require(run["seed"]?.int))
            var environment = try EnvironmentRegistry.standard.make(id)
            for (episodeIndex, episode) in (run["episodes"]?.array ?? []).enumerated() {
                let reset = try environment.reset(seed: episodeIndex == 0 ? seed : nil)
                let expectedReset = floatsFromBits(try #require(episode["reset_observation"]))
                let actualReset = (reset.observation.arrayValue ?? []).map { Float($0) }
                if zip(expectedReset, actualReset).contains(where: { ulpDistance($0, $1) > resetTolerance })
                    || expectedReset.count != actualReset.count {
                    mismatches.append("seed \(seed) episode \(episodeIndex) reset: \(actualReset) vs \(expectedReset)")
                }
                let actions = episode["actions"]?.array ?? []
                let observations = episode["observations"]?.array ?? []
                let rewards = episode["rewards"]?.doubles ?? []
                let terminated = episode["terminated"]?.bools ?? []
                let truncated = episode["truncated"]?.bools ?? []
                for index in actions.indices {
                    let number = try #require(actions[index].number)
                    let action: SpaceValue = environment.actionSpace.typeName == "Discrete"
                        ? .int(Int(number)) : .array([Double(Float(number))])
                    let step = try environment.step(action)
                    compared += 1
                    let expected = floatsFromBits(observations[index])
                    let actual = (step.observation.arrayValue ?? []).map { Float($0) }
                    if actual != expected || step.reward != rewards[index] || step.terminated != terminated[index]
                        || step.truncated != truncated[index] {
                        mismatches.append("seed \(seed) episode \(episodeIndex) step \(index): got \(actual) r=\(step.reward) "
                            + "term=\(step.terminated) trunc=\(step.truncated); expected \(expected) r=\(rewards[index]) "
                            + "term=\(terminated[index]) trunc=\(truncated[index])")
                    }
                }
            }
        }
        #expect(compared > 1000)
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches; first: \(mismatches.prefix(3))")
    }
}
