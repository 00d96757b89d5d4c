import Environments
import Foundation
import Tensor
import Testing

@testable import Algorithms

/// Two latent states, two observations: `O(· | 0) = (0.8, 0.2)`, `O(· | 1) = (0.3, 0.7)`,
/// `T = [[0.9, 0.1], [0.2, 0.8]]`.
private func noisyPOMDP(horizon: Int) -> EpisodicPOMDP {
    EpisodicPOMDP(
        stateCount: 2, actionCount: 1, observationCount: 2, horizon: horizon, transitions: [[0.9, 0.1, 0.2, 0.8]],
        emissions: [[0.8, 0.2, 0.3, 0.7]], initialDistribution: [0.5, 0.5])
}

@Suite("Revealing POMDPs: emission matrices, revealing constant, hard instance, testers")
struct RevealingPOMDPTests {
    @Test("Singular values and subspace distance on hand-made matrices")
    func linearAlgebra() {
        let sv = SmallDenseLinearAlgebra.singularValues([0.8, 0.3, 0.2, 0.7], rows: 2, columns: 2)
        #expect(abs(sv[0] - 1.00661579) < 1e-8 && abs(sv[1] - 0.49671384) < 1e-8)
        let eig = SmallDenseLinearAlgebra.symmetricEigenvalues([2, 1, 0, 1, 2, 0, 0, 0, 5], n: 3)
        #expect(zip(eig, [1.0, 3, 5]).allSatisfy { abs($0 - $1) < 1e-12 })
        // span{e1} vs span{(cos t, sin t)}: distance sin t.
        let t = 0.3
        let d = SmallDenseLinearAlgebra.subspaceDistance([1, 0], [cos(t), sin(t)], rows: 2, columnsA: 1, columnsB: 1)
        #expect(abs(d - sin(t)) < 1e-12)
        // The same plane in R³ under a change of basis: distance 0; a different plane: 1 (e3 ⟂ the other).
        let plane = [1.0, 0, 0, 1, 0, 0], mixed = [1.0, 2, 3, -1, 0, 0]
        #expect(SmallDenseLinearAlgebra.subspaceDistance(plane, mixed, rows: 3, columnsA: 2, columnsB: 2) < 1e-12)
        let other = [1.0, 0, 0, 0, 0, 1]
        #expect(abs(SmallDenseLinearAlgebra.subspaceDistance(plane, other, rows: 3, columnsA: 2, columnsB: 2) - 1)
            < 1e-12)
    }

    @Test("1- and 2-step emission matrices and revealing constants of a noisy two-state POMDP, by hand")
    func emissionMatrices() throws {
        let pomdp = noisyPOMDP(horizon: 2)
        try pomdp.validate()
        let one = try pomdp.emissionMatrix(stage: 0, steps: 1)
        #expect(one.rows == 2 && one.values == [0.8, 0.3, 0.2, 0.7])
        #expect(abs(try pomdp.revealingConstant(stage: 0, steps: 1) - 0.49671384) < 1e-8)
        let two = try pomdp.emissionMatrix(stage: 0, steps: 2)
        let expected = [0.6, 0.12, 0.2, 0.18, 0.15, 0.28, 0.05, 0.42]
        #expect(two.rows == 4 && zip(two.values, expected).allSatisfy { abs($0 - $1) < 1e-12 })
        #expect(abs(try pomdp.revealingConstant(stage: 0, steps: 2) - 0.4260389813794237) < 1e-10)
        #expect(throws: EnvironmentError.self) { try pomdp.emissionMatrix(stage: 1, steps: 2) }
        var broken = pomdp
        broken.emissions = [[0.8, 0.3, 0.3, 0.7]]
        #expect(throws: EnvironmentError.self) { try broken.validate() }
    }

    @Test("Hard instance: valid tables, 1-step constant 0, 2-step constant 1, observation law = closed form")
    func hardInstance() throws {
        var rng = Xoshiro256StarStar(seed: 3)
        let instance = try RevealingHardInstance.planted(testStates: 8, branches: 3, epsilon: 0.5, using: &rng)
        let pomdp = try instance.pomdp()
        try pomdp.validate()
        #expect(try pomdp.revealingConstant(stage: 1, steps: 1) < 1e-9)
        #expect(abs(try pomdp.revealingConstant(stage: 1, steps: 2) - 1) < 1e-9)
        // P(o0, o1, o2) = Σ_s ρ(s)·𝕄_{0,3}[(o0, o1, o2), s] against (1/B)·p_b(2i + j).
        let (matrix, rows) = try pomdp.emissionMatrix(stage: 0, steps: 3)
        let o = pomdp.observationCount, n = pomdp.stateCount
        var total = 0.0
        for branch in 0..<3 {
            for pair in 0..<4 {
                for bit in 0..<2 {
                    let row = (branch * o + (3 + pair)) * o + (3 + 4 + bit)
                    var p = 0.0
                    for s in 0..<n { p += pomdp.initialDistribution[s] * matrix[row * n + s] }
                    total += p
                    #expect(abs(p - instance.gateProbability(branch: branch, state: 2 * pair + bit) / 3) < 1e-12)
                }
            }
        }
        #expect(rows == o * o * o && abs(total - 1) < 1e-12)
        #expect(throws: TabularError.self) { try RevealingHardInstance.null(testStates: 7, epsilon: 0.5) }
        #expect(throws: TabularError.self) { try RevealingHardInstance.null(testStates: 8, epsilon: 0) }
    }

    @Test("The closed-form sampler matches the gate law (pair uniform, bit tilted by ε on the planted branch)")
    func sampler() throws {
        var rng = Xoshiro256StarStar(seed: 4)
        let instance = try RevealingHardInstance.planted(testStates: 4, branches: 1, epsilon: 0.6, using: &rng)
        var counts = [Double](repeating: 0, count: 4)
        let n = 40_000
        for _ in 0..<n {
            let (_, pair, bit) = instance.sample(using: &rng)
            counts[2 * pair + bit] += 1
        }
        for state in 0..<4 {
            #expect(abs(counts[state] / Double(n) - instance.gateProbability(branch: 0, state: state)) < 0.01)
        }
    }

    @Test("Two-step tester separates the hypotheses, the one-step tester stays at chance; N* is found")
    func testers() throws {
        let fast = SampleComplexityHarness(
            tester: CollisionTester(observations: .twoStep), trials: 60, calibrationTrials: 60)
        let blind = SampleComplexityHarness(
            tester: CollisionTester(observations: .oneStep), trials: 100, calibrationTrials: 100)
        let strong = try fast.accuracy(testStates: 16, branches: 1, epsilon: 0.5, episodes: 400, seed: 1)
        #expect(strong > 0.85)
        let chance = try blind.accuracy(testStates: 16, branches: 1, epsilon: 0.5, episodes: 400, seed: 1)
        #expect(abs(chance - 0.5) < 0.1)
        let found = try #require(try fast.threshold(testStates: 16, branches: 1, epsilon: 0.5, seed: 2))
        #expect(found >= 8 && found <= 400)
    }
}
