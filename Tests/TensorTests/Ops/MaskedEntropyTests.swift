import Foundation
import Testing

@testable import Tensor

/// `maskedEntropy(logProbabilities:mask:)`: values and gradients.
@Suite struct MaskedEntropyTests {
    @Test func valuesMatchTheRenormalisedEntropy() {
        let p: [Double] = [0.3, 0.5, 0.05, 0.15, 0.4, 0.4, 0.1, 0.1]
        let mask: [Double] = [1, 1, 0, 0, 0, 0, 0, 0]  // second row: empty mask
        let h = maskedEntropy(logProbabilities: Tensor(p.map { log($0) }, shape: [2, 4]), mask: Tensor(mask, shape: [2, 4]))
        #expect(h.shape == [2])
        #expect(abs(h.doubles[0] - -(0.375 * log(0.375) + 0.625 * log(0.625))) < 1e-12)
        #expect(h.doubles[1] == 0)
        let all = maskedEntropy(
            logProbabilities: Tensor(p.map { log($0) }, shape: [2, 4]), mask: Tensor(repeating: 1, shape: [2, 4], dtype: .float64))
        #expect(abs(all.doubles[1] - -(2 * 0.4 * log(0.4) + 2 * 0.1 * log(0.1))) < 1e-12)
    }

    @Test func gradientMatchesFiniteDifferences() {
        let l: [Double] = [-0.4, -1.3, -2.2, -0.9, -1.0, -3.0]
        let mask: [Double] = [1, 1, 0, 1, 0, 1]
        let weights: [Double] = [0.7, -1.3]
        func value(_ x: [Double]) -> Double {
            let h = maskedEntropy(logProbabilities: Tensor(x, shape: [2, 3]), mask: Tensor(mask, shape: [2, 3])).doubles
            return h[0] * weights[0] + h[1] * weights[1]
        }
        let variable = Tensor(l, shape: [2, 3])
        let (_, grads) = valueAndGrad([variable]) {
            (maskedEntropy(logProbabilities: variable, mask: Tensor(mask, shape: [2, 3])) * Tensor(weights, shape: [2])).sum()
        }
        for i in l.indices {
            var plus = l, minus = l
            plus[i] += 1e-6
            minus[i] -= 1e-6
            #expect(abs((value(plus) - value(minus)) / 2e-6 - grads[0].doubles[i]) < 1e-7, "input \(i)")
        }
    }
}
