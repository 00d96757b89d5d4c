import Foundation
import Tensor
import Testing

@testable import Offline

/// The forward–backward pieces against hand-computed values and finite differences.
@Suite struct FBLossTests {
    static func close(_ a: [Float], _ b: [Float], _ tolerance: Float = 1e-5) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tolerance }
    }

    @Test("orthonormality loss on 2 × 2 matrices: mean_{i≠j} C_ij² − 2 mean_i C_ii")
    func orthonormality() {
        // B = diag(1, 2): C = diag(1, 4), no off-diagonal, −2 · 2.5 = −5.
        #expect(FBLoss.orthonormality(Tensor([1, 0, 0, 2] as [Float], shape: [2, 2])).item() == -5)
        // B = [[1, 1], [1, 0]]: C = [[2, 1], [1, 1]], (1 + 1)/2 − 2 · 1.5 = −2.
        #expect(FBLoss.orthonormality(Tensor([1, 1, 1, 0] as [Float], shape: [2, 2])).item() == -2)
    }

    @Test("measure loss: ½ mean_{i≠j}(M − b_i M̄)² and −mean_i M_ii")
    func measureLoss() {
        let m = Tensor([1, 2, 3, 4] as [Float], shape: [2, 2])
        let target = Tensor([0, 1, 2, 0] as [Float], shape: [2, 2])
        let parts = FBLoss.measureLoss(m, target: target, discounts: [0.5, 1])
        // off-diagonal residuals 2 − 0.5 · 1 = 1.5 and 3 − 1 · 2 = 1: ½ · (2.25 + 1)/2 = 0.8125; diagonal −(1 + 4)/2.
        #expect(abs(parts.offDiagonal.item() - 0.8125) < 1e-6)
        #expect(parts.diagonal.item() == -2.5)
    }

    @Test("VC penalty on a 2-action example: mean logsumexp_a Q − mean Q(s, a_data)")
    func valuePenalty() {
        // Row 1: F(s, ·) = [1], [2], z = 1 → Q = [1, 2], data action 0. Row 2: F = 0, z = 3 → Q = [0, 0], action 1.
        let f = Tensor([1, 2, 0, 0] as [Float], shape: [2, 2, 1])
        let z = Tensor([1, 3] as [Float], shape: [2, 1])
        let lse1 = Foundation.log(exp(1.0) + exp(2.0)), lse2 = Foundation.log(2.0)
        let expected = (lse1 + lse2) / 2 - (1 + 0) / 2
        #expect(abs(Double(FBLoss.valuePenalty(f, z: z, actions: [0, 1]).item()) - expected) < 1e-5)
        #expect(FBLoss.values(f, z: z).floats == [1, 2, 0, 0])
        #expect(FBLoss.chosen(f, actions: [1, 0]).floats == [2, 0])
    }

    @Test("MC penalty on a 2-action example: mean_ij logsumexp_a F(s_i, a)ᵀB_j − mean_ij M_ij")
    func measurePenalty() {
        // F(s, a₀) = 1, F(s, a₁) = 2 (d = 1); B(s′₁) = 1, B(s′₂) = −1; data action a₀.
        let f = Tensor([1, 2] as [Float], shape: [1, 2, 1])
        let b = Tensor([1, -1] as [Float], shape: [2, 1])
        let lse = (Foundation.log(exp(1.0) + exp(2.0)) + Foundation.log(exp(-1.0) + exp(-2.0))) / 2
        #expect(abs(Double(FBLoss.measurePenalty(f, backward: b, actions: [0]).item()) - (lse - 0)) < 1e-5)
    }

    @Test("task inference: z_r = √d · normalize(Σ r_i B(s_i) / N); z on the sphere of radius √d")
    func taskInference() {
        let z = FBLoss.inferZ(rewards: [1, 0, 2], backward: [1, 0, 5, 5, 0, 1], dimension: 2)
        // Σ r B = [1, 2] → √2 · [1, 2]/√5.
        let expected = [Float(2.0.squareRoot() / 5.0.squareRoot()), Float(2 * 2.0.squareRoot() / 5.0.squareRoot())]
        #expect(Self.close(z, expected))
        var rng = Xoshiro256StarStar(seed: 7)
        let zs = FBLoss.sampleZ(count: 3, dimension: 8, using: &rng)
        for i in 0..<3 {
            let norm = zs[i * 8..<(i + 1) * 8].reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
            #expect(abs(norm - Float(8).squareRoot()) < 1e-4)
        }
        #expect(FBLoss.logAlphaGradient(alpha: 2, penalty: 10, target: 50) == 40)
    }

    @Test("gradients of the orthonormality loss and both penalties match central finite differences")
    func finiteDifferences() {
        var rng = Xoshiro256StarStar(seed: 3)
        let values = (0..<12).map { _ in rng.normal() }
        let bValues = (0..<6).map { _ in rng.normal() }
        let zValues = (0..<4).map { _ in rng.normal() }
        let cases: [(name: String, count: Int, f: ([Double]) -> Tensor)] = [
            ("ortho", 6, { FBLoss.orthonormality(Tensor($0, shape: [3, 2])) }),
            ("vc", 12, {
                FBLoss.valuePenalty(Tensor($0, shape: [2, 3, 2]), z: Tensor(zValues, shape: [2, 2]), actions: [2, 0])
            }),
            ("mc", 12, {
                FBLoss.measurePenalty(
                    Tensor($0, shape: [2, 3, 2]), backward: Tensor(bValues, shape: [3, 2]), actions: [1, 2])
            }),
        ]
        for c in cases {
            let point = Array(values.prefix(c.count))
            let variable = Tensor(point, shape: [c.count])
            let g = grad([variable]) { () -> Tensor in
                switch c.name {
                case "ortho": return FBLoss.orthonormality(variable.reshaped([3, 2]))
                case "vc":
                    return FBLoss.valuePenalty(
                        variable.reshaped([2, 3, 2]), z: Tensor(zValues, shape: [2, 2]), actions: [2, 0])
                default:
                    return FBLoss.measurePenalty(
                        variable.reshaped([2, 3, 2]), backward: Tensor(bValues, shape: [3, 2]), actions: [1, 2])
                }
            }[0].doubles
            for k in 0..<c.count {
                var up = point, down = point
                up[k] += 1e-6
                down[k] -= 1e-6
                let numeric = (c.f(up).doubles[0] - c.f(down).doubles[0]) / 2e-6
                #expect(abs(numeric - g[k]) < 1e-5, "\(c.name) entry \(k): \(numeric) vs \(g[k])")
            }
        }
    }
}
