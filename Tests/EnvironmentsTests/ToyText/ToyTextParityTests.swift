import Testing
@testable import Environments

/// Replays Gymnasium toy-text trajectories (Scripts/fixtures/gymnasium_toy_text.py) through the registry.
@Suite("Toy text matches Gymnasium")
struct ToyTextParityTests {
    @Test(
        "Trajectories match the Gymnasium fixture",
        arguments: [
            "frozenlake4_slippery", "frozenlake4_dry", "frozenlake8_slippery", "frozenlake8_dry", "cliffwalking",
            "cliffwalking_slippery", "taxi", "taxi_rainy", "taxi_fickle",
        ])
    func trajectoriesMatch(name: String) throws {
        let fixture = try loadFixture("gymnasium_toy_text")
        let record = try #require(fixture["cases"]?.array?.first { $0["name"]?.string == name })
        let id = try #require(record["id"]?.string)
        var options = EnvironmentOptions()
        if case let .object(pairs)? = record["kwargs"] {
            for (key, value) in pairs { options.values[key] = value.string }
        }
        var compared = 0
        for run in record["runs"]?.array ?? [] {
            let seed = UInt64(try #require(run["seed"]?.int))
            var environment = try EnvironmentRegistry.standard.make(
                id, options: options,
                maxEpisodeSteps: record["max_episode_steps"]?.int)
            for (episodeIndex, episode) in (run["episodes"]?.array ?? []).enumerated() {
                let reset = try environment.reset(seed: episodeIndex == 0 ? seed : nil)
                #expect(reset.observation == .int(try #require(episode["reset_observation"]?.int)))
                let actions = episode["actions"]?.doubles ?? []
                let observations = episode["observations"]?.doubles ?? []
                let rewards = episode["rewards"]?.doubles ?? []
                let terminated = episode["terminated"]?.bools ?? []
                let truncated = episode["truncated"]?.bools ?? []
                let probabilities = episode["prob"]?.doubles ?? []
                for index in actions.indices {
                    let step = try environment.step(.int(Int(actions[index])))
                    compared += 1
                    #expect(step.observation == .int(Int(observations[index])), "seed \(seed) step \(index)")
                    #expect(step.reward == rewards[index])
                    #expect(step.terminated == terminated[index])
                    #expect(step.truncated == truncated[index])
                    #expect(step.info["prob"]?.doubleValue == probabilities[index])
                }
            }
        }
        #expect(compared >= 600)
    }
}

@Suite("FrozenLake random maps match Gymnasium")
struct FrozenLakeRandomMapTests {
    @Test("generate_random_map(size, seed) is reproduced")
    func randomMapsMatch() throws {
        let fixture = try loadFixture("gymnasium_toy_text")
        let cases = try #require(fixture["random_maps"]?.array)
        for record in cases {
            let seed = UInt64(try #require(record["seed"]?.int)), size = try #require(record["size"]?.int)
            let expected = (record["map"]?.array ?? []).compactMap(\.string)
            #expect(FrozenLake.randomMap(size: size, seed: seed) == expected)
        }
    }
}
