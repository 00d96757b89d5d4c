import Foundation

/// The exploration bonus `b_h(s, a)` of optimistic tabular algorithms, with `L = log(S·A·H·K/δ)` and `n = n_h(s, a)`.
public enum ExplorationBonus: Codable, Equatable, Sendable {
    /// Hoeffding (UCBVI-CH, Azar, Osband & Munos 2017, Alg. 3): `b = c·H·sqrt(L / n)`. The theory constant is
    /// c = 7; SwiftRL's default scale is 1 (the same formula as the demo-regularised agent's bonus).
    case hoeffding(scale: Double)
    /// Empirical Bernstein (the first two terms of UCBVI-BF, Azar et al. 2017, Alg. 4; Maurer & Pontil 2009):
    /// `b = c·(sqrt(2·L·Var_{P̂}(V_{h+1}) / n) + 7·H·L / (3·max(n − 1, 1)))`. The correction term of UCBVI-BF
    /// for the error in `V_{h+1}` is left out. Default scale 1.
    case bernstein(scale: Double)

    /// Hoeffding with scale 1.
    public static let hoeffding = ExplorationBonus.hoeffding(scale: 1)
    /// Bernstein with scale 1.
    public static let bernstein = ExplorationBonus.bernstein(scale: 1)

    /// The scale c.
    public var scale: Double {
        switch self {
        case .hoeffding(let scale), .bernstein(let scale): scale
        }
    }

    /// `L = log(S·A·H·K/δ)`.
    public static func logTerm(states: Int, actions: Int, horizon: Int, episodes: Int, delta: Double) -> Double {
        log(Double(states) * Double(actions) * Double(horizon) * Double(max(episodes, 1)) / delta)
    }

    /// The bonus for `n ≥ 1` visits; `variance` is `Var_{P̂}(V_{h+1})` (ignored by Hoeffding).
    /// - Complexity: O(1).
    @inline(__always) public func width(count n: Double, horizon: Int, logTerm: Double, variance: Double) -> Double {
        switch self {
        case .hoeffding(let c):
            return c * Double(horizon) * (logTerm / n).squareRoot()
        case .bernstein(let c):
            let spread = (2 * logTerm * max(variance, 0) / n).squareRoot()
            return c * (spread + 7 * Double(horizon) * logTerm / (3 * max(n - 1, 1)))
        }
    }

    /// Checks the scale.
    /// - Throws: ``TabularError/invalidConfiguration(_:)`` unless c ≥ 0 and finite.
    public func validate() throws(TabularError) {
        guard scale >= 0, scale.isFinite else {
            throw .invalidConfiguration("exploration.bonus scale must be ≥ 0, got \(scale)")
        }
    }
}
