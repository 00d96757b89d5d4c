import Foundation

/// Empirical-support comparison of a base model and an RLVR-trained model ("The Invisible Leash:
/// Why RLVR May or May Not Escape Its Origin", arXiv:2507.14843, Defs. 3.2–3.3 and §3.2).
///
/// Each item (a problem's correct answer class, or any finer unit the caller chooses) is in a model's ε-support when
/// its probability exceeds ε (§3.1; with k samples, "seen at least once", ε ≈ −ln ζ / k, App. C.4). Items are then
/// Preserved (both), Expanded (trained only), Shrunk (base only) or Out of support (neither), and
/// `SRR = P/(P+S)`, `NDR = E/(P+E)`, `SDS = 2·SRR·NDR/(SRR+NDR)`, `NSCR = (E−S)/(P+E+S)`.
public struct SupportComparison: Codable, Equatable, Sendable {
    /// Items in both supports.
    public var preserved: Int
    /// Items only in the trained model's support.
    public var expanded: Int
    /// Items only in the base model's support.
    public var shrunk: Int
    /// Items in neither.
    public var outOfSupport: Int

    /// Counts the categories from per-item membership.
    /// - Precondition: `base` and `trained` have the same length.
    public init(base: [Bool], trained: [Bool]) {
        precondition(base.count == trained.count, "SupportComparison: base and trained need one entry per item")
        var p = 0, e = 0, s = 0, o = 0
        for (b, t) in zip(base, trained) {
            switch (b, t) {
            case (true, true): p += 1
            case (false, true): e += 1
            case (true, false): s += 1
            case (false, false): o += 1
            }
        }
        preserved = p
        expanded = e
        shrunk = s
        outOfSupport = o
    }

    /// Counts the categories from per-item probabilities (or empirical frequencies) and the threshold ε.
    public init(baseProbabilities: [Double], trainedProbabilities: [Double], epsilon: Double) {
        self.init(base: baseProbabilities.map { $0 > epsilon }, trained: trainedProbabilities.map { $0 > epsilon })
    }

    /// ε for a sampling budget of `k` samples at confidence 1 − ζ: an item never seen in k samples has probability
    /// at most −ln ζ / k (App. C.4; k 8192, ζ 0.05 gives 3.66e-4).
    public static func epsilon(samples k: Int, confidence zeta: Double = 0.05) -> Double {
        -Foundation.log(zeta) / Double(k)
    }

    /// SRR = P / (P + S), the support retention rate (NaN without base support).
    public var retentionRate: Double { ratio(preserved, preserved + shrunk) }
    /// NDR = E / (P + E), the net discovery rate.
    public var discoveryRate: Double { ratio(expanded, preserved + expanded) }
    /// SDS, the harmonic mean of SRR and NDR (0 when both are 0).
    public var dynamicScore: Double {
        let a = retentionRate, b = discoveryRate
        return a + b > 0 ? 2 * a * b / (a + b) : 0
    }
    /// NSCR = (E − S) / (P + E + S), net support change; negative means shrinkage outweighs expansion.
    public var netChangeRate: Double { ratio(expanded - shrunk, preserved + expanded + shrunk) }

    private func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? .nan : Double(a) / Double(b) }
}
