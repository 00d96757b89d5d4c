import Testing
@testable import Environments
import Tensor

@Suite("Tabular MDPs")
struct TabularTests {
    @Test("Toy-text MDPs have normalised transition rows", arguments: ["FrozenLake", "CliffWalking", "Taxi"])
    func rowsNormalised(name: String) throws {
        let mdp: TabularMDP =
            switch name {
            case "FrozenLake": try FrozenLake(isSlippery: true).mdp
            case "CliffWalking": CliffWalking(isSlippery: true).mdp
            default: Taxi(isRainy: true).mdp
            }
        #expect(mdp.normalizationError < 1e-12)
    }

    @Test("Value iteration on deterministic FrozenLake gives γ^(steps−1) at the start")
    func frozenLakeValueIteration() throws {
        let mdp = try FrozenLake(isSlippery: false).mdp
        let (values, policy, _) = mdp.valueIteration(gamma: 0.9)
        // Shortest path from S to G is 6 moves; the reward 1 arrives on the 6th: V(S) = 0.9^5.
        #expect(abs(values[0] - 0.59049) < 1e-9)
        #expect(abs(mdp.evaluate(policy: policy, gamma: 0.9)[0] - values[0]) < 1e-9)
    }

    @Test("Garnet MDPs have the requested branching and valid rows")
    func garnetValid() throws {
        var generator = Xoshiro256StarStar(seed: 5)
        let mdp = try Garnet.make(states: 12, actions: 3, branching: 4, using: &generator)
        #expect(mdp.normalizationError < 1e-12)
        for row in 0..<(12 * 3) {
            let support = (0..<12).filter { mdp.transitions[row * 12 + $0] > 0 }.count
            #expect(support <= 4 && support >= 1)
        }
    }

    @Test("Garnet rejects a branching factor above the state count")
    func garnetRejects() {
        var generator = Xoshiro256StarStar(seed: 5)
        #expect(throws: EnvironmentError.self) {
            try Garnet.make(states: 3, actions: 2, branching: 4, using: &generator)
        }
    }

    @Test("TabularEnvironment visits next states with the MDP's frequencies")
    func tabularSampling() throws {
        var mdp = TabularMDP(stateCount: 2, actionCount: 1)
        mdp.addTransition(state: 0, action: 0, nextState: 0, probability: 0.25, reward: 1, terminated: false)
        mdp.addTransition(state: 0, action: 0, nextState: 1, probability: 0.75, reward: 1, terminated: false)
        mdp.addTransition(state: 1, action: 0, nextState: 0, probability: 1, reward: 0, terminated: false)
        mdp.initialDistribution = [1, 0]
        var environment = try TabularEnvironment(mdp: mdp)
        var toOne = 0, fromZero = 0
        for episode in 0..<4000 {
            _ = try environment.reset(seed: episode == 0 ? 1 : nil)
            fromZero += 1
            if try environment.step(0).observation == 1 { toOne += 1 }
        }
        #expect(abs(Double(toOne) / Double(fromZero) - 0.75) < 0.03)
    }
}
