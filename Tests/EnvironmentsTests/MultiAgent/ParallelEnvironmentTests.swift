import Testing

@testable import Environments

/// Matrix games, the capacity game and the foraging Markov game against hand values; the parallel API checker on
/// every registered multi-agent environment and on deliberately broken ones.
@Suite struct ParallelEnvironmentTests {
    @Test func rockPaperScissorsPayoffsAndNashGap() throws {
        let game = NormalFormGame.rockPaperScissors
        #expect(game.payoffs([0, 2]) == [1, -1])  // rock beats scissors
        #expect(game.payoffs([1, 0]) == [1, -1])  // paper beats rock
        #expect(game.payoffs([0, 1]) == [-1, 1])
        #expect(game.payoffs([2, 2]) == [0, 0])
        let uniform = [Double](repeating: 1.0 / 3, count: 3)
        #expect(abs(try game.nashConv([uniform, uniform])) < 1e-12)
        let rock: [Double] = [1, 0, 0]
        let response = try game.bestResponse(player: 1, [rock, uniform])
        #expect(response.action == 1 && response.value == 1)  // paper against rock
        // (rock, rock): each player gains 1 by switching to paper.
        #expect(try game.nashConv([rock, rock]) == 2)
        #expect(try game.exploitability([rock, rock]) == 1)
    }

    @Test func otherMatrixGames() throws {
        let pd = NormalFormGame.prisonersDilemma
        let cooperate: [Double] = [1, 0]
        let defect: [Double] = [0, 1]
        #expect(try pd.nashConv([defect, defect]) == 0)
        #expect(try pd.nashConv([cooperate, cooperate]) == 4)  // each gains T − R = 2
        let pennies = NormalFormGame.matchingPennies
        let half: [Double] = [0.5, 0.5]
        #expect(try pennies.nashConv([half, half]) == 0)
        #expect(try pennies.nashConv([[1, 0], half]) == 1)  // the column player gains 1 by always mismatching
        let coordination = NormalFormGame.coordination
        #expect(try coordination.nashConv([[1, 0], [1, 0]]) == 0)
        #expect(try coordination.nashConv([half, half]) == 0)  // the mixed equilibrium
        #expect(try coordination.nashConv([[1, 0], [0, 1]]) == 2)  // miscoordinated: each gains 1 by switching
        #expect(throws: EnvironmentError.self) { try pd.nashConv([[0.5, 0.6], defect]) }
    }

    @Test func capacityGameClosedFormMatchesEnumeration() throws {
        let two = try CapacityGame(players: 2)
        #expect(two.payoffs([0, 0]) == [0, 0])  // point 0 holds one player
        #expect(two.payoffs([0, 1]) == [1, 0.85])
        let allAtZero: [Double] = [1, 0, 0, 0, 0]
        #expect(abs(two.symmetricNashConv(allAtZero) - 1.7) < 1e-12)  // 2 · (0.85 − 0)
        #expect(abs(CapacityGame.binomialCDF(0, trials: 2, p: 0.5) - 0.25) < 1e-15)
        let three = try CapacityGame(players: 3)
        let strategy: [Double] = [0.3, 0.25, 0.2, 0.15, 0.1]
        let table = try three.normalForm()
        let profile = [strategy, strategy, strategy]
        #expect(abs(three.symmetricNashConv(strategy) - (try table.nashConv(profile))) < 1e-12)
        #expect(abs(three.symmetricPayoff(strategy) - (try table.expectedPayoffs(profile))[0]) < 1e-12)
    }

    @Test func repeatedRockPaperScissorsFollowsPettingZoo() throws {
        var env = try RepeatedGame(NormalFormGame.rockPaperScissors)
        #expect(env.agents.isEmpty)
        let start = try env.reset(seed: 0)
        #expect(env.agents == ["player_0", "player_1"])
        #expect(start.observations == ["player_0": .int(3), "player_1": .int(3)])  // 3 = none
        #expect(env.observationSpace("player_0") == .discrete(try DiscreteSpace(4)))
        let step = try env.step(["player_0": .int(0), "player_1": .int(1)])
        #expect(step.rewards == ["player_0": -1, "player_1": 1])
        #expect(step.observations == ["player_0": .int(1), "player_1": .int(0)])
        for _ in 1..<14 { _ = try env.step(["player_0": .int(2), "player_1": .int(2)]) }
        let last = try env.step(["player_0": .int(2), "player_1": .int(2)])
        #expect(last.truncations == ["player_0": true, "player_1": true])
        #expect(env.agents.isEmpty)
        #expect(throws: EnvironmentError.self) { try env.step([:]) }
    }

    @Test func foragerEatsFoodAndLeaves() throws {
        var env = try ForagingGrid(agents: 1, size: 3, food: 1, maxCycles: 20)
        let start = try env.reset(seed: 5)
        guard case .array(let values)? = start.observations["forager_0"] else {
            Issue.record("no observation")
            return
        }
        var x = Int(values[0] * 2)
        var y = Int(values[1] * 2)
        let foodCell = try #require((0..<9).first { values[2 + $0] == 1 })
        let fx = foodCell % 3
        let fy = foodCell / 3
        var total = 0.0
        var steps = 0
        while !env.agents.isEmpty {
            let action = x < fx ? 4 : x > fx ? 3 : y < fy ? 2 : 1
            if action == 4 { x += 1 } else if action == 3 { x -= 1 } else if action == 2 { y += 1 } else { y -= 1 }
            let step = try env.step(["forager_0": .int(action)])
            total += step.rewards["forager_0"] ?? 0
            steps += 1
            if env.agents.isEmpty { #expect(step.terminations["forager_0"] == true) }
        }
        #expect(steps == abs(fx - Int(values[0] * 2)) + abs(fy - Int(values[1] * 2)))
        #expect(abs(total - (1 - 0.01 * Double(steps))) < 1e-12)
    }

    @Test(arguments: ParallelEnvironmentRegistry.ids)
    func checkerPassesOnEveryRegisteredEnvironment(id: String) {
        let checker = ParallelAPIChecker { () throws(EnvironmentError) in try ParallelEnvironmentRegistry.make(id) }
        let failures = checker.run().filter { !$0.passed }
        #expect(failures.isEmpty, "\(id): \(failures.map { "\($0.rule.rawValue): \($0.message)" })")
    }

    @Test(arguments: [1, 2, 5, 8])
    func foragingPassesForEveryPopulation(agents: Int) throws {
        let checker = ParallelAPIChecker { () throws(EnvironmentError) in
            try ParallelEnvironmentRegistry.make("Foraging-v0", options: ["agents": "\(agents)"])
        }
        #expect(throws: Never.self) { try checker.validate() }
    }

    @Test func checkerNamesTheViolatedRule() {
        for (fault, rule) in [
            (BrokenGame.Fault.rewardForLeftAgent, ParallelAPIRule.stepKeys),
            (.neverLeaves, .agentsLeave), (.stepsBeforeReset, .stepBeforeReset), (.nonFiniteReward, .stepValues),
        ] {
            let checker = ParallelAPIChecker { () throws(EnvironmentError) in BrokenGame(fault: fault) }
            let failed = checker.run().filter { !$0.passed }.map(\.rule)
            #expect(failed.contains(rule), "\(fault) should fail \(rule), failed \(failed)")
            #expect(throws: ParallelAPIViolation.self) { try checker.validate() }
        }
    }

    @Test func unknownIdsAndOptionsAreExplained() {
        #expect(throws: EnvironmentError.self) { try ParallelEnvironmentRegistry.make("Chess-v9") }
        #expect(throws: EnvironmentError.self) {
            try ParallelEnvironmentRegistry.make("Foraging-v0", options: ["agentz": "3"])
        }
        #expect(throws: EnvironmentError.self) { try ForagingGrid(agents: 20, size: 3) }
    }
}

/// A two-agent environment that breaks one parallel-API rule on purpose.
private struct BrokenGame: ParallelEnvironment {
    enum Fault { case rewardForLeftAgent, neverLeaves, stepsBeforeReset, nonFiniteReward }
    let fault: Fault
    let possibleAgents = ["a", "b"]
    var agents: [String] = []
    var started = false
    var round = 0

    func observationSpace(_ agent: String) -> Space { .discrete(DiscreteSpace(validN: 2)) }
    func actionSpace(_ agent: String) -> Space { .discrete(DiscreteSpace(validN: 2)) }

    mutating func reset(seed: UInt64?, options: ResetOptions) throws(EnvironmentError) -> ParallelReset {
        agents = possibleAgents
        started = true
        round = 0
        return ParallelReset(observations: ["a": .int(0), "b": .int(0)], infos: ["a": [:], "b": [:]])
    }

    mutating func step(_ actions: [String: SpaceValue]) throws(EnvironmentError) -> ParallelStep {
        if fault != .stepsBeforeReset, !started || agents.isEmpty { throw .resetNeeded("reset first") }
        if started { try validateActions(actions) }
        round += 1
        let live = agents.isEmpty ? possibleAgents : agents
        // "a" terminates at round 2; "b" is truncated at round 4.
        var step = ParallelStep(observations: [:], rewards: [:], terminations: [:], truncations: [:], infos: [:])
        for agent in live {
            step.observations[agent] = .int(0)
            step.rewards[agent] = fault == .nonFiniteReward ? .nan : 0
            step.terminations[agent] = agent == "a" && round >= 2
            step.truncations[agent] = round >= 4
            step.infos[agent] = [:]
        }
        if fault == .rewardForLeftAgent, !live.contains("a") { step.rewards["a"] = 0 }
        if fault != .neverLeaves { agents = live.filter { !(step.terminations[$0] ?? false) && round < 4 } }
        if fault == .neverLeaves, round >= 6 { agents = [] }
        return step
    }
}
