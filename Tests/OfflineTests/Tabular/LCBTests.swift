import Environments
import Foundation
import Tensor
import Testing

@testable import Offline

@Suite("LCB, greedy plug-in and BC on tabular offline data")
struct LCBTests {
    static func bandit(_ pulls: [(arm: Int, reward: Double)], arms: Int = 3) throws -> TabularOfflineDataset {
        try TabularOfflineDataset(
            stateCount: 1, actionCount: arms,
            transitions: pulls.map {
                TabularTransition(state: 0, action: $0.arm, reward: $0.reward, nextState: 0, terminated: true)
            })
    }

    /// arm 0: 4 pulls, r̂ 0.75; arm 1: 1 pull, r̂ 1; arm 2: 9 pulls, r̂ 1/9.
    static func handBandit() throws -> TabularOfflineDataset {
        try bandit(
            [(0, 1), (0, 0), (0, 1), (0, 1), (1, 1)] + [(2, 1)] + Array(repeating: (2, 0), count: 8))
    }

    @Test("counts → penalties → LCB arm, by hand (δ 0.1, |A| 3)")
    func banditByHand() throws {
        let model = EmpiricalModel(try Self.handBandit())
        #expect(model.counts == [4, 1, 9])
        #expect(abs(model.meanReward(0, 0) - 0.75) < 1e-12)
        let log60 = log(60.0)  // log(2|A|/δ)
        #expect(abs(Pessimism.bandit(count: 4, pairs: 3, delta: 0.1) - (log60 / 8).squareRoot()) < 1e-12)
        #expect(abs(Pessimism.bandit(count: 4, pairs: 3, delta: 0.1) - 0.715398) < 1e-6)
        #expect(Pessimism.bandit(count: 0, pairs: 3, delta: 0.1) == 1)
        let scores = try LCBBandit(delta: 0.1).scores(model)
        #expect(abs(scores[0] - (0.75 - 0.715398)) < 1e-6)
        #expect(abs(scores[1] - (1 - 1.430796)) < 1e-5)
        #expect(abs(scores[2] - (1.0 / 9 - (log60 / 18).squareRoot())) < 1e-12)
        #expect(try LCBBandit(delta: 0.1).policy(model) == [0])
    }

    @Test("greedy takes the lucky rare arm, BC the most played, LCB neither")
    func threeMethodsDiffer() throws {
        let data = try Self.handBandit()
        #expect(try TabularOfflineMethod.greedy.policy(from: data, gamma: 0) == [1])
        #expect(try TabularOfflineMethod.behaviorCloning.policy(from: data, gamma: 0) == [2])
        #expect(try TabularOfflineMethod.lcb(LCBConfig()).policy(from: data, gamma: 0) == [0])
    }

    @Test("an unseen arm scores r̂ − b = −1")
    func unseenArm() throws {
        let model = EmpiricalModel(try Self.bandit([(0, 0)], arms: 2))
        #expect(try LCBBandit().scores(model)[1] == -1)
    }

    /// s0: a0 ×4 (r 1 → s1), a1 ×1 (r 1 → s0); s1: a0 ×4 (r 0.5 → s1), a1 unseen.
    static func twoStateData() throws -> TabularOfflineDataset {
        let a = Array(
            repeating: TabularTransition(state: 0, action: 0, reward: 1, nextState: 1, terminated: false), count: 4)
        let b = [TabularTransition(state: 0, action: 1, reward: 1, nextState: 0, terminated: false)]
        let c = Array(
            repeating: TabularTransition(state: 1, action: 0, reward: 0.5, nextState: 1, terminated: false), count: 4)
        return try TabularOfflineDataset(stateCount: 2, actionCount: 2, transitions: a + b + c)
    }

    @Test("VI-LCB on a two-state MDP, two updates by hand (γ 0.5, L 0.01, no splitting)")
    func viLCBByHand() throws {
        // L = c·log(2(T+1)|S||A|/δ) = 0.01 with T = 1, so b(4) = 2·sqrt(0.01/4) = 0.1 and b(1) = b(0) = 0.2.
        let config = LCBConfig(delta: 0.1, penaltyScale: 0.01 / log(160.0), iterations: 1, dataSplitting: false)
        let solution = try VILCB(config: config, gamma: 0.5).solve(try Self.twoStateData())
        #expect(abs(solution.logTerm - 0.01) < 1e-12)
        #expect(solution.updates == 2)
        // update 1: Q = (0.9, 0.8 | 0.4, −0.2) → V (0.9, 0.4), π (0, 0);
        // update 2: Q = (1.1, 1.25 | 0.6, −0.2) → V (1.25, 0.6), π (1, 0).
        #expect(solution.policy == [1, 0])
        #expect(abs(solution.values[0] - 1.25) < 1e-12)
        #expect(abs(solution.values[1] - 0.6) < 1e-12)
        // One update (T = 0): L = c·log(2·1·4/δ) = 0.01 again with c = 0.01 / log 80.
        let single = LCBConfig(delta: 0.1, penaltyScale: 0.01 / log(80.0), iterations: 0, dataSplitting: false)
        let one = try VILCB(config: single, gamma: 0.5).solve(try Self.twoStateData())
        #expect(one.policy == [0, 0])
        #expect(abs(one.values[0] - 0.9) < 1e-12)
    }

    @Test("the monotone update never lowers V: a fully pessimistic penalty keeps V = 0 and π = action 0")
    func monotone() throws {
        let solution = try VILCB(config: LCBConfig(penaltyScale: 100), gamma: 0.5).solve(try Self.twoStateData())
        #expect(solution.values == [0, 0])
        #expect(solution.policy == [0, 0])
    }

    @Test("folds are contiguous and differ in size by at most one")
    func folds() throws {
        let parts = try Self.twoStateData().folds(4)
        #expect(parts.map(\.count) == [3, 2, 2, 2])
        #expect(parts[0].transitions == Array(try Self.twoStateData().transitions[0..<3]))
    }

    @Test(
        "C* is 1 for expert data and |A| for uniform bandit data",
        arguments: [(1.0, 1.0), (0.0, 10.0), (0.5, 1 / 0.55)])
    func concentrability(p: Double, expected: Double) throws {
        let mdp = try TabularMDP.contextualBandit(means: [(0..<10).map { Double($0) / 10 }])
        let data = try ExpertMixtureData(mdp: mdp, gamma: 0, expertFraction: p)
        #expect(data.expertPolicy == [9])
        #expect(abs(data.concentrability - expected) < 1e-9)
    }

    @Test("the discounted occupancy is a distribution supported on π's actions")
    func occupancy() throws {
        var rng = Xoshiro256StarStar(seed: 3)
        let mdp = try Garnet.make(states: 6, actions: 3, branching: 2, using: &rng)
        let policy = [0, 1, 2, 0, 1, 2]
        let d = Occupancy.discounted(mdp, policy: policy, gamma: 0.9)
        #expect(abs(d.reduce(0, +) - 1) < 1e-9)
        for state in 0..<6 { for action in 0..<3 where action != policy[state] { #expect(d[state * 3 + action] == 0) } }
    }

    @Test("invalid inputs are rejected with the field's name")
    func invalid() throws {
        #expect(throws: TabularOfflineError.self) { _ = try LCBBandit(delta: 0) }
        #expect(throws: TabularOfflineError.self) { _ = try Self.bandit([(0, 1.5)]) }
        #expect(throws: TabularOfflineError.self) { _ = try Self.bandit([(3, 1)]) }
        let mdp = try TabularMDP.contextualBandit(means: [[0.1, 0.2]])
        #expect(throws: TabularOfflineError.self) { _ = try ExpertMixtureData(mdp: mdp, gamma: 0, expertFraction: 2) }
        do {
            _ = try VILCB(config: LCBConfig(delta: 1.5), gamma: 0.9)
            Issue.record("expected an error")
        } catch { #expect(error.description.contains("lcb.delta")) }
    }

    @Test("LCB's mean suboptimality falls with N (K = 10 Bernoulli bandit, p 0.5, 100 seeds)")
    func fallsWithN() throws {
        let mdp = try TabularMDP.contextualBandit(means: [[0.7, 0.65, 0.6, 0.55, 0.5, 0.45, 0.4, 0.35, 0.3, 0.8]])
        let source = try ExpertMixtureData(mdp: mdp, gamma: 0, expertFraction: 0.5)
        let gap = PolicyGap(mdp: mdp, gamma: 0)
        func risk(_ n: Int) throws -> Double {
            var total = 0.0
            for seed in 0..<100 {
                var rng = Xoshiro256StarStar(seed: UInt64(seed))
                let data = source.sample(count: n, using: &rng)
                total += gap.suboptimality(try TabularOfflineMethod.lcb(LCBConfig()).policy(from: data, gamma: 0))
            }
            return total / 100
        }
        let small = try risk(10), large = try risk(1000)
        #expect(small > 0.01)
        #expect(large < small / 4)
    }

    @Test("VI-LCB's suboptimality on a Garnet MDP falls with N (no splitting)")
    func viLCBFallsWithN() throws {
        var rng = Xoshiro256StarStar(seed: 11)
        let mdp = try Garnet.make(states: 8, actions: 3, branching: 3, using: &rng)
        let source = try ExpertMixtureData(mdp: mdp, gamma: 0.9, expertFraction: 0.5)
        let gap = PolicyGap(mdp: mdp, gamma: 0.9)
        let method = TabularOfflineMethod.lcb(LCBConfig(dataSplitting: false))
        func risk(_ n: Int) throws -> Double {
            var total = 0.0
            for seed in 0..<20 {
                var stream = Xoshiro256StarStar(seed: UInt64(100 + seed))
                total += gap.suboptimality(try method.policy(from: source.sample(count: n, using: &stream), gamma: 0.9))
            }
            return total / 20
        }
        #expect(try risk(3000) < risk(30))
    }
}
