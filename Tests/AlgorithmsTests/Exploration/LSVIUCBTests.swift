import Environments
import Foundation
import Tensor
import Testing

@testable import Algorithms

@Suite("LSVI-UCB pieces and learning")
struct LSVIUCBTests {
    @Test("Sherman–Morrison updates equal the direct inverse of λI + Σ xxᵀ, by hand")
    func shermanMorrison() {
        var inverse = InverseGram(dimension: 2, lambda: 1)
        inverse.update(with: [1, 2])
        inverse.update(with: [3, -1])
        // Λ = [[11, −1], [−1, 6]], det 65, Λ⁻¹ = [[6, 1], [1, 11]] / 65.
        let expected = [6.0, 1, 1, 11].map { $0 / 65 }
        for (got, want) in zip(inverse.values, expected) { #expect(abs(got - want) < 1e-14) }
        var weighted = InverseGram(dimension: 2, lambda: 1)
        weighted.update(with: [1, 2], weight: 3)
        // λI + 3xxᵀ = [[4, 6], [6, 13]], det 16, inverse [[13, −6], [−6, 4]] / 16.
        for (got, want) in zip(weighted.values, [13.0, -6, -6, 4].map { $0 / 16 }) { #expect(abs(got - want) < 1e-14) }
    }

    @Test("Bonus β‖φ‖_{Λ⁻¹}: xᵀΛ⁻¹x = 6/65 for x = e₁, and Λ⁻¹v by hand")
    func bonus() {
        var inverse = InverseGram(dimension: 2, lambda: 1)
        inverse.update(with: [1, 2])
        inverse.update(with: [3, -1])
        #expect(abs(inverse.quadraticForm([1.0, 0][...]) - 6.0 / 65) < 1e-14)
        #expect(abs(inverse.quadraticForm([1.0, 1][...]) - 19.0 / 65) < 1e-14)
        let product = inverse.multiply([65, 0])
        #expect(abs(product[0] - 6) < 1e-12 && abs(product[1] - 1) < 1e-12)
        #expect(abs(LSVIUCB.bonusMultiplier(scale: 0.5, dimension: 2, horizon: 4, episodes: 10, delta: 0.1)
            - 2 * log(800).squareRoot()) < 1e-12)
    }

    @Test("One backup on a two-state MDP with one-hot features, by hand (β 0 and β 0.5)")
    func backup() throws {
        func learner(beta: Double) throws -> LSVIUCB {
            var learner = try LSVIUCB(
                features: .oneHot(stateCount: 2, actionCount: 1), horizon: 2, beta: beta, lambda: 1)
            learner.observe(stage: 1, state: 0, action: 0, reward: 1, utility: 0, next: 0)
            learner.observe(stage: 1, state: 1, action: 0, reward: 0, utility: 0, next: 1)
            learner.observe(stage: 0, state: 0, action: 0, reward: 0, utility: 0, next: 0)
            learner.observe(stage: 0, state: 0, action: 0, reward: 0, utility: 0, next: 1)
            return learner
        }
        let plain = try learner(beta: 0)
        let v1 = plain.actionValues(stage: 1, next: [0, 0])
        #expect(abs(v1[0] - 0.5) < 1e-12 && abs(v1[1]) < 1e-12)  // Λ₁ = diag(2, 2), Σφy = (1, 0)
        let v0 = plain.actionValues(stage: 0, next: v1)
        #expect(abs(v0[0] - 1.0 / 6) < 1e-12 && abs(v0[1]) < 1e-12)  // Λ₀ = diag(3, 1), Σφy = (0.5, 0)
        let optimistic = try learner(beta: 0.5)
        let q1 = optimistic.actionValues(stage: 1, next: [0, 0])
        #expect(abs(q1[0] - (0.5 + 0.5 * 0.5.squareRoot())) < 1e-12)
        #expect(abs(q1[1] - 0.5 * 0.5.squareRoot()) < 1e-12)
        let q0 = optimistic.actionValues(stage: 0, next: q1)
        #expect(abs(q0[0] - ((q1[0] + q1[1]) / 3 + 0.5 * (1.0 / 3).squareRoot())) < 1e-12)
        #expect(abs(q0[1] - 0.5) < 1e-12)  // unvisited: 0 + β·sqrt(1/λ)
        let capped = try learner(beta: 10)
        #expect(capped.actionValues(stage: 1, next: [0, 0]) == [1, 1])  // min(H − h, ·)
    }

    @Test("Replacing the features rebuilds Λ⁻¹ from the counts (same as observing with the new map)")
    func replaceFeatures() throws {
        let other = try FeatureMap(stateCount: 2, actionCount: 1, dimension: 2, values: [1, 0.5, 0.2, 1])
        var swapped = try LSVIUCB(features: .oneHot(stateCount: 2, actionCount: 1), horizon: 1, beta: 0.3)
        var direct = try LSVIUCB(features: other, horizon: 1, beta: 0.3)
        for (state, reward) in [(0, 1.0), (1, 0.0), (0, 0.0)] {
            swapped.observe(stage: 0, state: state, action: 0, reward: reward, utility: 0, next: 1 - state)
            direct.observe(stage: 0, state: state, action: 0, reward: reward, utility: 0, next: 1 - state)
        }
        try swapped.replaceFeatures(other)
        for (a, b) in zip(swapped.inverses[0].values, direct.inverses[0].values) { #expect(abs(a - b) < 1e-12) }
        #expect(throws: TabularError.self) { try swapped.replaceFeatures(.oneHot(stateCount: 3, actionCount: 1)) }
    }

    @Test("Rejects β < 0, λ ≤ 0 and bad feature tables")
    func validation() {
        #expect(throws: TabularError.self) {
            try LSVIUCB(features: .oneHot(stateCount: 2, actionCount: 1), horizon: 2, beta: -1)
        }
        #expect(throws: TabularError.self) {
            try LSVIUCB(features: .oneHot(stateCount: 2, actionCount: 1), horizon: 2, beta: 1, lambda: 0)
        }
        #expect(throws: TabularError.self) {
            try FeatureMap(stateCount: 2, actionCount: 1, dimension: 2, values: [1, 2, 3])
        }
    }

    @Test("Learns a low-rank MDP with its true features: late regret per episode far below early regret")
    func learnsLowRankMDP() throws {
        var rng = Xoshiro256StarStar(seed: 5)
        let instance = try LowRankMDP.generate(states: 10, actions: 3, horizon: 5, rank: 3, using: &rng)
        try instance.mdp.validate()
        let features = try FeatureMap(stateCount: 10, actionCount: 3, dimension: 3, values: instance.features)
        let episodes = 400
        let beta = LSVIUCB.bonusMultiplier(scale: 0.1, dimension: 3, horizon: 5, episodes: episodes, delta: 0.1)
        let learner = try LSVIUCB(features: features, horizon: 5, beta: beta)
        var play = Xoshiro256StarStar(seed: 6)
        let trace = ExplorationTrace.run(learner, in: instance.mdp, episodes: episodes, points: 4, using: &play)
        let perEpisode = zip(trace.cumulativeRegret, [0] + trace.cumulativeRegret.dropLast()).map { $0 - $1 }
        #expect(perEpisode.count == 4)
        #expect(perEpisode[3] < 0.5 * perEpisode[0])
        #expect(trace.regret / Double(episodes) < 0.1 * trace.optimalValue)
    }

    @Test("The contrastive loss: value by hand at one point, and its fit recovers the span of φ* from exact counts")
    func contrastiveRepresentation() throws {
        var rng = Xoshiro256StarStar(seed: 8)
        var single = try ContrastiveRepresentation(stateCount: 2, actionCount: 1, dimension: 1, using: &rng)
        // Counts (s = 0 → s' = 0 three times, s' = 1 once); s = 1 unvisited. With f(0, s') = φ₀ψ_{s'}:
        // L = Σ_{s'} (n(0, s')/4)·log(1 + 1/f) + (4·½/4)·log(1 + f).
        let counts = [3.0, 1, 0, 0]
        let f0 = single.score(pair: 0, next: 0), f1 = single.score(pair: 0, next: 1)
        let expected = 0.75 * log(1 + 1 / f0) + 0.25 * log(1 + 1 / f1) + 0.5 * (log(1 + f0) + log(1 + f1))
        #expect(abs(single.loss(counts: counts) - expected) < 1e-12)
        let before = single.loss(counts: counts)
        #expect(single.fit(counts: counts, steps: 200) < before)
        // At the optimum f = P/P⁻: f(0, 0) = 0.75·2 = 1.5, f(0, 1) = 0.5.
        #expect(abs(single.score(pair: 0, next: 0) - 1.5) < 0.05 && abs(single.score(pair: 0, next: 1) - 0.5) < 0.05)

        let instance = try LowRankMDP.generate(states: 12, actions: 3, horizon: 2, rank: 2, using: &rng)
        let (s, a) = (12, 3)
        let exact = (0..<(s * a * s)).map { 100 * instance.mdp.transitions[0][$0] }
        var representation = try ContrastiveRepresentation(stateCount: s, actionCount: a, dimension: 2, using: &rng)
        let start = SmallDenseLinearAlgebra.subspaceDistance(
            representation.phi, instance.features, rows: s * a, columnsA: 2, columnsB: 2)
        representation.fit(counts: exact, steps: 1500)
        let end = SmallDenseLinearAlgebra.subspaceDistance(
            representation.phi, instance.features, rows: s * a, columnsA: 2, columnsB: 2)
        #expect(end < 0.15)
        #expect(end < start)
    }
}
