import Environments
import Tensor
import Testing
@testable import Algorithms

@Suite("Value iteration and policy iteration")
struct TabularPlanningTests {
    static func garnet(seed: UInt64, states: Int = 10, actions: Int = 3) throws -> TabularMDP {
        var rng = Xoshiro256StarStar(seed: seed)
        return try Garnet.make(states: states, actions: actions, branching: 3, using: &rng)
    }

    @Test("value iteration and policy iteration agree on small Garnet MDPs", arguments: [1, 2, 3, 4, 5] as [UInt64])
    func viEqualsPi(seed: UInt64) throws {
        let mdp = try Self.garnet(seed: seed)
        let vi = try TabularPlanning.valueIteration(mdp, gamma: 0.9)
        let pi = try TabularPlanning.policyIteration(mdp, gamma: 0.9)
        #expect(vi.policy == pi.policy)
        for (a, b) in zip(vi.values, pi.values) { #expect(abs(a - b) < 1e-8) }
    }

    @Test("value iteration on a two-state chain gives the hand-computed values")
    func handComputed() throws {
        // state 0: action 0 stays (r 0), action 1 goes to 1 (r 1); state 1: both actions terminate with r 2
        var mdp = TabularMDP(stateCount: 2, actionCount: 2)
        mdp.addTransition(state: 0, action: 0, nextState: 0, probability: 1, reward: 0, terminated: false)
        mdp.addTransition(state: 0, action: 1, nextState: 1, probability: 1, reward: 1, terminated: false)
        for a in 0..<2 { mdp.addTransition(state: 1, action: a, nextState: 1, probability: 1, reward: 2, terminated: true) }
        let vi = try TabularPlanning.valueIteration(mdp, gamma: 0.5)
        #expect(abs(vi.values[1] - 2) < 1e-9)
        #expect(abs(vi.values[0] - 2) < 1e-9)  // 1 + 0.5·2
        #expect(vi.policy[0] == 1)
    }

    @Test("γ = 1 is rejected for planning")
    func gammaOne() throws {
        let mdp = try Self.garnet(seed: 1)
        #expect(throws: TabularError.self) { _ = try TabularPlanning.policyIteration(mdp, gamma: 1) }
    }
}
