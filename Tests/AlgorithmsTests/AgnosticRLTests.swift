import Environments
import Tensor
import Testing

@testable import Algorithms

/// Policy classes, reachability, exact spanning capacity and the generative agnostic learner against hand values.
@Suite struct AgnosticRLTests {
    /// The complete binary tree of depth `h` with deterministic 0/1 rewards: only `(root, 1)` then `(node, 0)` pay.
    func tree(horizon: Int, rewards: (Int, Int) -> Double) throws -> EpisodicMDP {
        var rng = Xoshiro256StarStar(seed: 1)
        var mdp = try EpisodicMDPSpec.tree(actions: 2, horizon: horizon).generate(using: &rng)
        mdp.rewards = [(0..<(mdp.stateCount * 2)).map { rewards($0 / 2, $0 % 2) }]
        return mdp
    }

    @Test func singletonClassIndexing() {
        let policies = SingletonPolicyClass(states: 3, actions: 3, horizon: 2)
        #expect(policies.count == 13)
        #expect(policies.action(0, stage: 1, state: 2) == 0)
        // Policy 1 plays action 1 at (h 0, s 0), policy 2 action 2 there, policy 3 action 1 at (h 0, s 1).
        #expect(policies.action(1, stage: 0, state: 0) == 1 && policies.action(1, stage: 0, state: 1) == 0)
        #expect(policies.action(2, stage: 0, state: 0) == 2)
        #expect(policies.action(3, stage: 0, state: 1) == 1 && policies.action(3, stage: 1, state: 1) == 0)
        // The last one deviates at (h 1, s 2) with action 2.
        #expect(policies.action(12, stage: 1, state: 2) == 2)
        let other = SingletonPolicyClass(states: 2, actions: 3, horizon: 1, defaultAction: 1)
        #expect((1..<other.count).map { other.action($0, stage: 0, state: $0 <= 2 ? 0 : 1) } == [0, 2, 0, 2])
    }

    @Test func thresholdClassIsMonotone() {
        var rng = Xoshiro256StarStar(seed: 4)
        let policies = EnumeratedPolicyClass.thresholds(count: 16, states: 10, horizon: 3, using: &rng)
        #expect(policies.count == 16)
        for state in 0..<10 {
            let actions = (0..<16).map { policies.action($0, stage: 2, state: state) }
            #expect(actions == actions.sorted(by: >))
        }
    }

    @Test func allPoliciesEnumeratesEveryTable() throws {
        let policies = try EnumeratedPolicyClass.all(states: 2, actions: 2, horizon: 2)
        #expect(policies.count == 16 && Set(policies.actions).count == 16)
        #expect(throws: TabularError.self) { try EnumeratedPolicyClass.all(states: 9, actions: 2, horizon: 2) }
    }

    @Test func cumulativeReachabilityOnTheTree() throws {
        let mdp = try tree(horizon: 3) { _, _ in 0 }
        let cells = [(stage: 0, state: 0), (stage: 1, state: 1), (stage: 1, state: 2)]
            + (3..<7).map { (stage: 2, state: $0) }
        let singletons = EnumeratedPolicyClass.singletons(cells: cells, states: mdp.stateCount, horizon: 3)
        #expect(try Reachability.cumulative(singletons, on: mdp) == [2, 3, 4])
        // All 2^(3·15) tables are too many; the eight open-loop paths reach 2, 4, 8 pairs.
        let openLoop = EnumeratedPolicyClass(
            actions: (0..<8).map { code in
                let bits = [code & 1, (code >> 1) & 1, (code >> 2) & 1]
                return bits.map { [Int](repeating: $0, count: mdp.stateCount) }
            }, horizon: 3)
        #expect(try Reachability.cumulative(openLoop, on: mdp) == [2, 4, 8])
        // Paths: the open-loop policy 1,1,1 (code 7) visits nodes 0, 2, 6.
        #expect(try Reachability.paths(openLoop, on: mdp)[7] == [0, 2, 6])
    }

    @Test func exhaustiveCapacityMatchesClosedForms() throws {
        // Π_sing: H + 1 when S ≥ H.
        let sing = try Reachability.exhaustiveCapacity(SingletonPolicyClass(states: 3, actions: 2, horizon: 3),
                                                       states: 3, actions: 2)
        #expect(sing.capacity == 4 && sing.perLayer == [2, 3, 4])
        // All policies: min(A^h, S·A) per layer.
        let all = try Reachability.exhaustiveCapacity(try EnumeratedPolicyClass.all(states: 2, actions: 2, horizon: 3),
                                                      states: 2, actions: 2)
        #expect(all.perLayer == [2, 4, 4])
        // One policy reaches one pair per layer.
        let one = EnumeratedPolicyClass(actions: [[[0, 1], [1, 0]]], horizon: 2)
        #expect(try Reachability.exhaustiveCapacity(one, states: 2, actions: 2).perLayer == [1, 1])
        #expect(throws: TabularError.self) {
            try Reachability.exhaustiveCapacity(SingletonPolicyClass(states: 3, actions: 2, horizon: 3),
                                                states: 3, actions: 2, maxNodes: 5)
        }
    }

    @Test func sampleSizeByHand() {
        // n = ⌈2·6·ln(2·64/0.1)/0.5²⌉ = ⌈343.42⌉.
        #expect(GenerativeAgnosticLearner(epsilon: 0.5, delta: 0.1).samplesPerPair(horizon: 6, classSize: 64) == 344)
    }

    @Test func learnerFindsTheBestPolicyAndCountsQueries() throws {
        // Rewards: action 1 at the root pays 1; action 0 at node 2 pays 1 (so "1 then 0" earns 2).
        let mdp = try tree(horizon: 2) { state, action in
            (state == 0 && action == 1) || (state == 2 && action == 0) ? 1 : 0
        }
        let policies = EnumeratedPolicyClass.singletons(
            cells: [(stage: 0, state: 0), (stage: 1, state: 1), (stage: 1, state: 2)], states: mdp.stateCount,
            horizon: 2)
        #expect(try Reachability.values(policies, on: mdp) == [0, 2, 0, 0])
        var model = try EpisodicSimulator(mdp: mdp, seed: 3)
        let learner = GenerativeAgnosticLearner(epsilon: 1, delta: 0.1)
        let result = try learner.run(policies, model: &model)
        #expect(result.chosen == 1)
        #expect(result.estimates == [0, 2, 0, 0])
        #expect(result.pairsPerLayer == [2, 3])
        #expect(result.queries == 5 * result.samplesPerPair && model.queries == result.queries)
    }

    @Test func learnerIsEpsilonOptimalOnStochasticRewards() throws {
        var rng = Xoshiro256StarStar(seed: 9)
        var mdp = try EpisodicMDPSpec.tree(actions: 2, horizon: 4).generate(using: &rng)
        mdp.rewards = [(0..<(mdp.stateCount * 2)).map { _ in Double.random(in: 0..<1, using: &rng) }]
        let policies = EnumeratedPolicyClass.random(count: 20, states: mdp.stateCount, actions: 2, horizon: 4,
                                                    using: &rng)
        let values = try Reachability.values(policies, on: mdp)
        let learner = GenerativeAgnosticLearner(epsilon: 0.5, delta: 0.1)
        var successes = 0
        for trial in 0..<20 {
            var model = try EpisodicSimulator(mdp: mdp, seed: UInt64(trial))
            let result = try learner.run(policies, model: &model)
            if values[result.chosen] >= (values.max() ?? 0) - 0.5 { successes += 1 }
            #expect(zip(result.estimates, values).allSatisfy { abs($0 - $1) <= 0.5 })
        }
        #expect(successes == 20)
    }

    @Test func simulatorReseedsAndCountsQueries() throws {
        let mdp = try tree(horizon: 2) { state, _ in state == 0 ? 0.5 : 0 }
        var fresh = try EpisodicSimulator(mdp: mdp, seed: 8)
        var used = try EpisodicSimulator(mdp: mdp, seed: 1)
        for _ in 0..<5 { _ = used.sample(stage: 0, state: 0, action: 1) }
        var reseeded = used.reseeded(8)
        #expect(reseeded.queries == 0)
        for _ in 0..<50 {
            let a = fresh.sample(stage: 0, state: 0, action: 1), b = reseeded.sample(stage: 0, state: 0, action: 1)
            #expect(a.reward == b.reward && a.next == 2 && b.next == 2)
        }
        #expect(reseeded.queries == 50)
        // Bernoulli(0.5) at the root: about half of 2000 draws pay.
        let paid = (0..<2000).map { _ in fresh.sample(stage: 0, state: 0, action: 0).reward }.reduce(0, +)
        #expect(abs(paid - 1000) < 120)
    }

    @Test func invalidInputsThrowClearErrors() throws {
        var mdp = try tree(horizon: 2) { _, _ in 0 }
        let policies = SingletonPolicyClass(states: mdp.stateCount, actions: 2, horizon: 2)
        var model = try EpisodicSimulator(mdp: mdp, seed: 0)
        #expect(throws: TabularError.self) { try GenerativeAgnosticLearner(epsilon: 0).run(policies, model: &model) }
        let wrongHorizon = SingletonPolicyClass(states: mdp.stateCount, actions: 2, horizon: 3)
        #expect(throws: TabularError.self) { try GenerativeAgnosticLearner().run(wrongHorizon, model: &model) }
        let outOfRange = EnumeratedPolicyClass(actions: [[[Int]](repeating: [Int](repeating: 5, count: 7), count: 2)],
                                               horizon: 2)
        #expect(throws: TabularError.self) { try Reachability.cumulative(outOfRange, on: mdp) }
        // Stochastic transitions are refused by the reachability analysis and by the learner.
        var garnetRNG = Xoshiro256StarStar(seed: 2)
        var garnet = try EpisodicMDPSpec.garnet(states: 7, actions: 2, horizon: 2, branching: 3, stationary: true)
            .generate(using: &garnetRNG)
        garnet.initialDistribution = (0..<7).map { $0 == 0 ? 1 : 0 }
        #expect(throws: TabularError.self) { try Reachability.cumulative(policies, on: garnet) }
        var stochastic = try EpisodicSimulator(mdp: garnet, seed: 1)
        #expect(throws: TabularError.self) { try GenerativeAgnosticLearner().run(policies, model: &stochastic) }
        mdp.initialDistribution = [Double](repeating: 1 / 7, count: 7)
        #expect(throws: TabularError.self) { try EpisodicSimulator(mdp: mdp, seed: 0) }
    }
}
