import Testing
@testable import Environments

@Suite("Grid worlds, point maze and bandits")
struct GridWorldTests {
    @Test("Walking into lava terminates with the lava reward")
    func lavaTerminates() throws {
        var world = try GridWorld(layout: ["SL", ".G"])
        _ = try world.reset(seed: 0)
        let step = try world.step(1)
        #expect(step.terminated && step.reward == -1)
    }

    @Test("Walls block movement")
    func wallsBlock() throws {
        var world = try GridWorld(layout: ["S#", ".G"])
        _ = try world.reset(seed: 0)
        #expect(try world.step(1).observation == 0)
    }

    @Test("FourRooms value iteration reaches the goal")
    func fourRoomsSolvable() throws {
        let mdp = try GridWorld(layout: GridWorld.layouts["fourrooms"] ?? []).mdp
        let start = mdp.initialDistribution.firstIndex(of: 1) ?? 0
        #expect(mdp.valueIteration(gamma: 0.99).values[start] > 0.8)
    }

    @Test("The partial view is (2r+1)² cell codes centred on the agent")
    func partialView() throws {
        var partial = try PartialGridWorld(try GridWorld(layout: ["S#", "LG"]), viewRadius: 1)
        let view = try partial.reset(seed: 0).observation
        #expect(view == [1, 1, 1, 1, 0, 1, 1, 2, 3])
    }

    @Test("A point mass pushed towards the open maze's goal reaches it and earns sparse reward")
    func pointMazeReachesGoal() throws {
        var maze = try PointMaze(layout: PointMaze.layouts["open"] ?? [], rewardType: .sparse)
        var observation = try maze.reset(seed: 3).observation
        var rewarded = false
        for _ in 0..<150 {
            let toGoal = SIMD2<Float>(Float(maze.goal.x) - observation.x, Float(maze.goal.y) - observation.y)
            let action = toGoal * 2 - SIMD2(observation.z, observation.w) * 0.5
            let step = try maze.step(action)
            observation = step.observation
            if step.reward == 1 { rewarded = true }
        }
        #expect(rewarded)
    }

    @Test("The point mass never enters a wall cell")
    func pointMazeWalls() throws {
        var maze = try PointMaze(layout: PointMaze.layouts["umaze"] ?? [])
        _ = try maze.reset(seed: 1)
        for index in 0..<300 {
            let observation = try maze.step(SIMD2(index % 50 < 25 ? 1 : -1, index % 30 < 15 ? 1 : -1)).observation
            let cell = maze.cells[Int(observation.y)][Int(observation.x)]
            #expect(cell != "#")
        }
    }

    @Test("Bandit regret is zero for the best arm and positive otherwise")
    func banditRegret() throws {
        var bandit = try MultiArmedBandit(arms: .bernoulli([0.2, 0.8]))
        _ = try bandit.reset(seed: 0)
        _ = try bandit.step(1)
        #expect(bandit.cumulativeRegret == 0)
        _ = try bandit.step(0)
        #expect(abs(bandit.cumulativeRegret - 0.6) < 1e-12)
    }

    @Test("Linear contextual bandit regret matches θᵀx")
    func contextualRegret() throws {
        var bandit = try LinearContextualBandit(arms: 4, dimension: 3, noise: 0)
        _ = try bandit.reset(seed: 2)
        let expected = bandit.expectedRewards
        let best = expected.indices.max { expected[$0] < expected[$1] } ?? 0
        let step = try bandit.step(best)
        #expect(step.info["regret"] == .double(0))
        #expect(abs(step.reward - expected[best]) < 1e-12)
    }
}
