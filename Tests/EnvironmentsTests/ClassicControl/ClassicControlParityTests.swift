import Testing
@testable import Environments

/// Replays trajectories recorded from Gymnasium (Scripts/fixtures/gymnasium_classic_control.py) through
/// `EnvironmentRegistry.standard.make` and requires identical float32 observations, rewards and flags.
@Suite("Classic control matches Gymnasium step for step")
struct ClassicControlParityTests {
    @Test(
        "Trajectories match the Gymnasium fixture",
        arguments: [
            "CartPole-v1", "MountainCar-v0", "MountainCarContinuous-v0", "Pendulum-v1", "Acrobot-v1",
        ])
    func trajectoriesMatch(id: String) throws {
        let fixture = try loadFixture("gymnasium_\(id)")
        let runs = try #require(fixture["runs"]?.array)
        var compared = 0
        var mismatches: [String] = []
        let resetTolerance = 0
        for run in runs {
            let seed = UInt64(try #require(run["seed"]?.int))
            var environment = try EnvironmentRegistry.standard.make(id)
            for (episodeIndex, episode) in (run["episodes"]?.array ?? []).enumerated() {
                let reset = try environment.reset(seed: episodeIndex == 0 ? seed : nil)
                let expectedReset = floatsFromBits(try #require(episode["reset_observation"]))
                let actualReset = (reset.observation.arrayValue ?? []).map { Float($0) }
                if zip(expectedReset, actualReset).contains(where: { ulpDistance($0, $1) > resetTolerance })
                    || expectedReset.count != actualReset.count
                {
                    mismatches.append("seed \(seed) episode \(episodeIndex) reset: \(actualReset) vs \(expectedReset)")
                }
                let actions = episode["actions"]?.array ?? []
                let observations = episode["observations"]?.array ?? []
                let rewards = episode["rewards"]?.doubles ?? []
                let terminated = episode["terminated"]?.bools ?? []
                let truncated = episode["truncated"]?.bools ?? []
                for index in actions.indices {
                    let number = try #require(actions[index].number)
                    let action: SpaceValue =
                        environment.actionSpace.typeName == "Discrete"
                        ? .int(Int(number)) : .array([Double(Float(number))])
                    let step = try environment.step(action)
                    compared += 1
                    let expected = floatsFromBits(observations[index])
                    let actual = (step.observation.arrayValue ?? []).map { Float($0) }
                    if actual != expected || step.reward != rewards[index] || step.terminated != terminated[index]
                        || step.truncated != truncated[index]
                    {
                        mismatches.append(
                            "seed \(seed) episode \(episodeIndex) step \(index): got \(actual) r=\(step.reward) "
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

/// Construction options (kwargs) and reset options give Gymnasium's trajectories too.
@Suite("Classic control options match Gymnasium")
struct ClassicControlOptionsTests {
    @Test("Options fixture cases match", arguments: 0..<5)
    func optionsCaseMatches(index: Int) throws {
        let fixture = try loadFixture("gymnasium_classic_options")
        let record = try #require(fixture["cases"]?.array?[index])
        let id = try #require(record["id"]?.string)
        var kwargs = EnvironmentOptions()
        if case let .object(pairs)? = record["kwargs"] {
            for (key, value) in pairs { kwargs.values[key] = value.string }
        }
        var resetOptions: ResetOptions = [:]
        if case let .object(pairs)? = record["options"] {
            for (key, value) in pairs { resetOptions[key] = value.number }
        }
        var environment = try EnvironmentRegistry.standard.make(id, options: kwargs)
        let reset = try environment.reset(seed: 11, options: resetOptions)
        let expectedReset = floatsFromBits(try #require(record["reset_observation"]))
        let actualReset = (reset.observation.arrayValue ?? []).map { Float($0) }
        #expect(zip(actualReset, expectedReset).allSatisfy { ulpDistance($0, $1) == 0 })
        let actions = record["actions"]?.doubles ?? []
        for step in actions.indices {
            let action: SpaceValue =
                environment.actionSpace.typeName == "Discrete"
                ? .int(Int(actions[step])) : .array([Double(Float(actions[step]))])
            let result = try environment.step(action)
            #expect(
                (result.observation.arrayValue ?? []).map { Float($0) }
                    == floatsFromBits(record["observations"]?.array?[step] ?? .null))
            #expect(result.reward == record["rewards"]?.doubles[step])
            #expect(result.terminated == record["terminated"]?.bools[step])
            #expect(result.truncated == record["truncated"]?.bools[step])
        }
    }
}

@Suite("NumPy float32 trigonometry")
struct NumPyFloat32TrigTests {
    @Test("cos and sin match np.cos/np.sin on float32 scalars bit for bit")
    func matchesNumPy() throws {
        let fixture = try loadFixture("numpy_float32_trig")
        let xs = floatsFromBits(try #require(fixture["x"])), cosines = floatsFromBits(try #require(fixture["cos"]))
        let sines = floatsFromBits(try #require(fixture["sin"]))
        let cosMismatches = xs.indices.filter { NumPyFloat32Trig.cos(xs[$0]).bitPattern != cosines[$0].bitPattern }
        let sinMismatches = xs.indices.filter { NumPyFloat32Trig.sin(xs[$0]).bitPattern != sines[$0].bitPattern }
        #expect(xs.count == 3000)
        #expect(cosMismatches.isEmpty && sinMismatches.isEmpty)
    }
}
