import Foundation

/// The LCB penalties of Rashidinejad et al. (2021): how far below the empirical mean a value is lowered.
public enum Pessimism {
    /// The bandit penalty `b(a) = sqrt(log(2·pairs/δ) / (2N(a)))` (Hoeffding for rewards in [0, 1]; `pairs` = |A|
    /// for a multi-armed bandit, |S||A| for a contextual one, a union bound); 1 when `N(a) = 0`.
    /// - Parameters:
    ///   - count: N(a).
    ///   - pairs: the number of (context, arm) pairs in the union bound.
    ///   - delta: δ.
    public static func bandit(count: Int, pairs: Int, delta: Double) -> Double {
        guard count > 0 else { return 1 }
        return (log(2 * Double(pairs) / delta) / (2 * Double(count))).squareRoot()
    }

    /// The VI-LCB log term `L = c · log(2(T+1)|S||A|/δ)`.
    public static func logTerm(scale: Double, folds: Int, pairs: Int, delta: Double) -> Double {
        scale * log(2 * Double(folds) * Double(pairs) / delta)
    }

    /// The VI-LCB penalty `b = V_max · sqrt(L / max(m, 1))`.
    public static func valueIteration(count: Int, maxValue: Double, logTerm: Double) -> Double {
        maxValue * (logTerm / Double(max(count, 1))).squareRoot()
    }
}
