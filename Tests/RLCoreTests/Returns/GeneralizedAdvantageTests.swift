import Testing
@testable import RLCore

@Suite("GAE(λ) with Gymnasium termination/truncation semantics")
struct GeneralizedAdvantageTests {
    @Test("λ = 1 gives discounted return minus V; termination does not bootstrap", arguments: [0.9, 0.99])
    func monteCarlo(gamma: Double) {
        let r = generalizedAdvantages(
            rewards: [1, 1, 1], values: [0.5, 0.25, 0.125], terminated: [false, false, true],
            truncated: [false, false, false], truncatedValues: [0, 0, 0], lastValues: [100],
            numEnvs: 1, gamma: gamma, lambda: 1)
        let g0: Double = 1 + gamma + gamma * gamma
        #expect(Swift.abs(r.advantages[0] - (g0 - 0.5)) < 1e-12)
        #expect(Swift.abs(r.returns[2] - 1) < 1e-12)
    }

    @Test("λ = 0 gives one-step TD errors; the rollout end bootstraps from lastValues")
    func tdZero() {
        let r = generalizedAdvantages(
            rewards: [1, 2], values: [3, 4], terminated: [false, false], truncated: [false, false],
            truncatedValues: [0, 0], lastValues: [5], numEnvs: 1, gamma: 0.5, lambda: 0)
        let expected: [Double] = [1 + 0.5 * 4 - 3, 2 + 0.5 * 5 - 4]
        #expect(r.advantages == expected)
    }

    @Test("truncation bootstraps from the final observation's value and cuts the trace")
    func truncation() {
        // env steps: t0 normal, t1 truncated (V(final) = 10), t2 reset step (invalid), t3 normal
        let r = generalizedAdvantages(
            rewards: [1, 1, 0, 1], values: [2, 2, 7, 2], terminated: [false, false, false, false],
            truncated: [false, true, false, false], truncatedValues: [0, 10, 0, 0],
            valid: [true, true, false, true], lastValues: [4], numEnvs: 1, gamma: 0.9, lambda: 0.95)
        let a1: Double = 1 + 0.9 * 10 - 2
        let a0: Double = (1 + 0.9 * 2 - 2) + 0.9 * 0.95 * a1
        let a3: Double = 1 + 0.9 * 4 - 2
        #expect(Swift.abs(r.advantages[1] - a1) < 1e-12)
        #expect(Swift.abs(r.advantages[0] - a0) < 1e-12)
        #expect(r.advantages[2] == 0 && r.returns[2] == 0)
        #expect(Swift.abs(r.advantages[3] - a3) < 1e-12)
    }

    @Test("parallel environments are independent (time-major layout)")
    func parallel() {
        let r = generalizedAdvantages(
            rewards: [1, 0, 1, 0], values: [0, 0, 0, 0], terminated: [false, false, true, false],
            truncated: [false, false, false, false], truncatedValues: [0, 0, 0, 0], lastValues: [0, 3],
            numEnvs: 2, gamma: 1, lambda: 1)
        #expect(r.advantages == [2, 3, 1, 3])
    }
}
