import Foundation
import Tensor

/// A collision tester for ``RevealingHardInstance``: per branch b it counts collisions `C_b = Σ_x C(n_x, 2)` among
/// the n_b episodes' keys x and standardises them against the null, `Z_b = (C_b − C(n_b, 2)/K)/sqrt(C(n_b, 2)/K)`
/// (K keys per branch); the statistic is `max_b Z_b` (large when some branch is non-uniform).
///
/// - ``Observations/twoStep``: the key is (pair, bit) — both revealing observations — so K = S and the
///   perturbation shows (collision probability `(1 + ε²)/S` instead of `1/S`).
/// - ``Observations/oneStep``: the key is the pair only (K = S/2): its law is the same under both hypotheses.
public struct CollisionTester: Sendable {
    /// Which observations the tester may use.
    public enum Observations: String, Codable, Sendable, CaseIterable {
        case oneStep = "one-step", twoStep = "two-step"
    }

    /// The observations used.
    public var observations: Observations

    /// A tester.
    public init(observations: Observations) { self.observations = observations }

    /// The statistic on `episodes` fresh episodes of `instance`; `scratch` is reused between calls (any contents).
    public func statistic(
        _ instance: RevealingHardInstance, episodes: Int, scratch: inout [Int32],
        using generator: inout some RandomNumberGenerator
    ) -> Double {
        let keys = observations == .twoStep ? instance.testStates : instance.testStates / 2
        let cells = keys * instance.branches
        if scratch.count < cells { scratch = [Int32](repeating: 0, count: cells) }
        var touched: [Int32] = []
        touched.reserveCapacity(episodes)
        var perBranch = [Double](repeating: 0, count: instance.branches)
        var collisions = [Double](repeating: 0, count: instance.branches)
        for _ in 0..<episodes {
            let (branch, pair, bit) = instance.sample(using: &generator)
            let key = observations == .twoStep ? 2 * pair + bit : pair
            let cell = branch * keys + key
            if scratch[cell] == 0 { touched.append(Int32(cell)) }
            collisions[branch] += Double(scratch[cell])
            scratch[cell] += 1
            perBranch[branch] += 1
        }
        for cell in touched { scratch[Int(cell)] = 0 }
        var best = -Double.infinity
        for branch in 0..<instance.branches {
            let n = perBranch[branch]
            let expected = n * (n - 1) / 2 / Double(keys)
            let z = expected > 0 ? (collisions[branch] - expected) / expected.squareRoot() : 0
            best = max(best, z)
        }
        return best
    }
}

/// The sample-complexity harness: the accuracy of a tester at telling the null instance from a planted one, and
/// N*, the fewest episodes at which it reaches a target accuracy.
///
/// Accuracy at N episodes: the tester's threshold is the `1 − falsePositiveRate` quantile of its statistic on
/// `calibrationTrials` fresh null runs; then `trials` null and `trials` planted runs (fresh b* and signs each) are
/// decided by `statistic > threshold`, and the accuracy is the fraction decided right. N* is found by doubling from
/// `initialEpisodes` and then bisection to a relative resolution of 1/32. Every random stream derives from the seed
/// and N, so an accuracy is a function of N.
public struct SampleComplexityHarness: Sendable {
    /// The tester.
    public var tester: CollisionTester
    /// Target accuracy, default 0.8 (the digest prototype's).
    public var targetAccuracy: Double
    /// Null and planted trials per accuracy, default 400.
    public var trials: Int
    /// Null runs for the threshold, default 400.
    public var calibrationTrials: Int
    /// The tester's false-positive rate, default 0.1.
    public var falsePositiveRate: Double
    /// Largest N the search tries.
    public var maximumEpisodes: Int

    /// A harness.
    public init(
        tester: CollisionTester, targetAccuracy: Double = 0.8, trials: Int = 400, calibrationTrials: Int = 400,
        falsePositiveRate: Double = 0.1, maximumEpisodes: Int = 1 << 24
    ) {
        self.tester = tester
        self.targetAccuracy = targetAccuracy
        self.trials = trials
        self.calibrationTrials = calibrationTrials
        self.falsePositiveRate = falsePositiveRate
        self.maximumEpisodes = maximumEpisodes
    }

    /// The accuracy at `episodes` episodes.
    /// - Throws: ``TabularError/invalidConfiguration(_:)`` for invalid sizes.
    public func accuracy(
        testStates: Int, branches: Int, epsilon: Double, episodes: Int, seed: UInt64
    ) throws(TabularError) -> Double {
        guard episodes >= 1, trials >= 1, calibrationTrials >= 1 else {
            throw .invalidConfiguration("harness: need episodes, trials and calibration trials ≥ 1")
        }
        let null = try RevealingHardInstance.null(testStates: testStates, branches: branches, epsilon: epsilon)
        var rng = Xoshiro256StarStar(seed: seed).derived("revealing/\(tester.observations.rawValue)/N\(episodes)")
        var scratch: [Int32] = []
        var calibration = (0..<calibrationTrials).map { _ in
            tester.statistic(null, episodes: episodes, scratch: &scratch, using: &rng)
        }
        calibration.sort()
        let index = min(calibration.count - 1, Int((1 - falsePositiveRate) * Double(calibration.count)))
        let threshold = calibration[index]
        var correct = 0
        for _ in 0..<trials {
            if tester.statistic(null, episodes: episodes, scratch: &scratch, using: &rng) <= threshold { correct += 1 }
            let planted = try RevealingHardInstance.planted(
                testStates: testStates, branches: branches, epsilon: epsilon, using: &rng)
            let alternative = tester.statistic(planted, episodes: episodes, scratch: &scratch, using: &rng)
            if alternative > threshold { correct += 1 }
        }
        return Double(correct) / Double(2 * trials)
    }

    /// N*: the fewest episodes (to 1/32 relative resolution) whose accuracy reaches the target, or nil when even
    /// ``maximumEpisodes`` does not.
    /// - Throws: ``TabularError/invalidConfiguration(_:)`` for invalid sizes.
    public func threshold(testStates: Int, branches: Int, epsilon: Double, seed: UInt64, initialEpisodes: Int = 4)
        throws(TabularError) -> Int?
    {
        func reaches(_ n: Int) throws(TabularError) -> Bool {
            try accuracy(testStates: testStates, branches: branches, epsilon: epsilon, episodes: n, seed: seed)
                >= targetAccuracy
        }
        var high = max(2, initialEpisodes)
        while try !reaches(high) {
            guard high < maximumEpisodes else { return nil }
            high = min(maximumEpisodes, high * 2)
        }
        var low = high / 2
        guard low >= 1, try !reaches(low) else { return low }
        while high - low > max(1, low / 32) {
            let middle = (low + high) / 2
            if try reaches(middle) { high = middle } else { low = middle }
        }
        return high
    }
}
