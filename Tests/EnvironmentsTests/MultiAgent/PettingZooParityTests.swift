import Foundation
import Testing

@testable import Environments

/// RepeatedGame(rock-paper-scissors) replays PettingZoo `rps_v2` parallel rollouts recorded by
/// `Scripts/fixtures/pettingzoo_rps_parallel.py`; skipped when the fixture is absent.
@Suite struct PettingZooParityTests {
    static var fixturePresent: Bool {
        Bundle.module.url(forResource: "pettingzoo_rps_parallel", withExtension: "json", subdirectory: "Fixtures")
            != nil
    }

    @Test(.enabled(if: fixturePresent, "run Scripts/fixtures/pettingzoo_rps_parallel.py to record the fixture"))
    func rockPaperScissorsMatchesPettingZoo() throws {
        let fixture = try loadFixture("pettingzoo_rps_parallel")
        let runs = try #require(fixture["runs"]?.array)
        #expect(runs.count == 3)
        for run in runs {
            var env = try RepeatedGame(NormalFormGame.rockPaperScissors)
            let possible = run["possible_agents"]?.array?.compactMap(\.string) ?? []
            #expect(env.possibleAgents == possible)
            for agent in possible {
                #expect(
                    env.observationSpace(agent)
                        == .discrete(try DiscreteSpace(run["observation_space_n"]?[agent]?.int ?? 0)))
                #expect(env.actionSpace(agent) == .discrete(try DiscreteSpace(run["action_space_n"]?[agent]?.int ?? 0)))
            }
            let reset = try env.reset(seed: UInt64(run["seed"]?.int ?? 0))
            #expect(env.agents == run["reset_agents"]?.array?.compactMap(\.string))
            for agent in possible {
                #expect(reset.observations[agent] == .int(run["reset_observations"]?[agent]?.int ?? -1))
            }
            for (index, recorded) in (run["steps"]?.array ?? []).enumerated() {
                var actions: [String: SpaceValue] = [:]
                for agent in env.agents { actions[agent] = .int(recorded["actions"]?[agent]?.int ?? -1) }
                let step = try env.step(actions)
                for agent in possible {
                    #expect(
                        step.observations[agent] == .int(recorded["observations"]?[agent]?.int ?? -1), "step \(index)")
                    #expect(step.rewards[agent] == recorded["rewards"]?[agent]?.number, "step \(index)")
                    #expect(step.terminations[agent] == Self.flag(recorded["terminations"]?[agent]), "step \(index)")
                    #expect(step.truncations[agent] == Self.flag(recorded["truncations"]?[agent]), "step \(index)")
                }
                #expect(env.agents == recorded["agents_after"]?.array?.compactMap(\.string), "step \(index)")
            }
            #expect(env.agents.isEmpty)
        }
    }

    static func flag(_ value: JSONValue?) -> Bool? {
        if case .bool(let flag)? = value { return flag }
        return nil
    }
}
