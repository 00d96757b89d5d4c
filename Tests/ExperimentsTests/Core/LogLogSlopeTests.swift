import Testing

@testable import Experiments

@Suite("Log-log slope with a bootstrap interval")
struct LogLogSlopeTests {
    @Test("y = 3 x^−0.5 has slope −0.5 exactly, and the interval collapses on noiseless seeds")
    func exactPower() {
        let x = [10.0, 100, 1000, 10_000]
        let estimate = LogLogSlope(x: x, seeds: 5, resamples: 50, seed: 1) { _ in x.map { 3 / $0.squareRoot() } }
        #expect(abs(estimate.slope + 0.5) < 1e-12)
        #expect(abs(estimate.low + 0.5) < 1e-12 && abs(estimate.high + 0.5) < 1e-12)
        #expect(estimate.points == 4)
    }

    @Test("a curve that reaches 0 at all but two points has slope −∞")
    func zeroRisk() {
        let estimate = LogLogSlope(x: [1, 2, 3, 4], seeds: 2, resamples: 10, seed: 1) { _ in [0.5, 0.1, 0, 0] }
        #expect(estimate.slope == -.infinity)
        #expect(estimate.formatted.hasPrefix("−∞"))
    }
}
