import Foundation
import Tensor

/// The slope of a log-log fit `log y = a + b log x`, with a bootstrap-over-seeds 95% interval: the rate exponent of
/// a quantity such as suboptimality against sample size.
public struct LogLogSlope: Codable, Equatable, Sendable {
    /// The ordinary-least-squares slope b on all seeds (−∞ when fewer than three points are positive: the quantity
    /// reached exactly 0, faster than any power).
    public var slope: Double
    /// 2.5% percentile of the bootstrap slopes.
    public var low: Double
    /// 97.5% percentile of the bootstrap slopes.
    public var high: Double
    /// Points with y > 0 used by the point estimate.
    public var points: Int

    /// OLS slope of `log y` on `log x` over the points with `x, y > 0`; nil with fewer than three.
    public static func fit(x: [Double], y: [Double]) -> Double? {
        let pairs = zip(x, y).filter { $0.0 > 0 && $0.1 > 0 }.map { (log($0.0), log($0.1)) }
        guard pairs.count >= 3 else { return nil }
        let mx = pairs.map(\.0).reduce(0, +) / Double(pairs.count)
        let my = pairs.map(\.1).reduce(0, +) / Double(pairs.count)
        let sxy = pairs.map { ($0.0 - mx) * ($0.1 - my) }.reduce(0, +)
        let sxx = pairs.map { ($0.0 - mx) * ($0.0 - mx) }.reduce(0, +)
        return sxx > 0 ? sxy / sxx : nil
    }

    /// Fits the curve of all seeds and of `resamples` bootstrap resamples of the seeds.
    /// - Parameters:
    ///   - x: the sample sizes.
    ///   - seeds: how many seeds `curve` can draw from.
    ///   - resamples: bootstrap replicates.
    ///   - seed: the bootstrap's own stream.
    ///   - curve: y at every x for a multiset of seed indices.
    public init(x: [Double], seeds: Int, resamples: Int, seed: UInt64, curve: ([Int]) -> [Double]) {
        let full = curve(Array(0..<seeds))
        slope = Self.fit(x: x, y: full) ?? -.infinity
        points = zip(x, full).filter { $0.0 > 0 && $0.1 > 0 }.count
        var rng = Xoshiro256StarStar(seed: seed)
        var slopes: [Double] = []
        for _ in 0..<max(1, resamples) {
            let picks = (0..<seeds).map { _ in rng.int(below: max(1, seeds)) }
            slopes.append(Self.fit(x: x, y: curve(picks)) ?? -.infinity)
        }
        slopes.sort()
        low = slopes[Int(0.025 * Double(slopes.count - 1))]
        high = slopes[Int((0.975 * Double(slopes.count - 1)).rounded(.up))]
    }

    /// `−0.52 [−0.60, −0.45]`, with −∞ shown as `−∞`.
    public var formatted: String {
        func text(_ v: Double) -> String { v == -.infinity ? "−∞" : String(format: "%.2f", v) }
        return "\(text(slope)) [\(text(low)), \(text(high))]"
    }
}
