/// A symmetric n-player congestion game over K meeting points with capacities (the population-varying game of
/// the `mra` reproduction).
///
/// Every player picks a point k; a player at k receives `values[k]` when at most `capacities[k]` players chose k,
/// and `overflow` otherwise. With the population size n the crowding changes, so the symmetric equilibrium moves:
/// the same values and capacities give a different game for every n (the paper's population-varying Markov games,
/// here with one state). For a symmetric mixed profile σ (every player plays σ) the deviation payoffs are in
/// closed form: `U(k) = overflow + (values[k] − overflow)·P[Bin(n − 1, σ_k) ≤ capacities[k] − 1]`, and the Nash
/// gap (NashConv) is `n·(max_k U(k) − Σ_k σ_k U(k))`.
public struct CapacityGame: StageGame, Equatable {
    /// n, the number of players.
    public let playerCount: Int
    /// Payoff of a point when it is not over capacity.
    public let values: [Double]
    /// The largest number of players a point pays in full.
    public let capacities: [Int]
    /// Payoff of a point over capacity.
    public let overflow: Double

    /// The default points of the `mra` reproduction: values 1, 0.85, 0.7, 0.55, 0.4 and capacities 1…5.
    public static let defaultValues: [Double] = [1.0, 0.85, 0.7, 0.55, 0.4]
    /// Capacities of ``defaultValues``' points.
    public static let defaultCapacities: [Int] = [1, 2, 3, 4, 5]

    /// A game with `players` players.
    /// - Throws: ``EnvironmentError/invalidOption(_:)`` for fewer than two players, mismatched or empty point
    ///   lists, capacities below 1 or non-finite payoffs.
    public init(
        players: Int, values: [Double] = CapacityGame.defaultValues,
        capacities: [Int] = CapacityGame.defaultCapacities, overflow: Double = 0
    ) throws(EnvironmentError) {
        guard players >= 2 else { throw .invalidOption("a capacity game needs at least 2 players, got \(players)") }
        guard !values.isEmpty, values.count == capacities.count else {
            throw .invalidOption(
                "values (\(values.count)) and capacities (\(capacities.count)) need one entry per point")
        }
        guard capacities.allSatisfy({ $0 >= 1 }) else {
            throw .invalidOption("capacities must be ≥ 1, got \(capacities)")
        }
        guard values.allSatisfy(\.isFinite), overflow.isFinite else {
            throw .invalidOption("payoffs must be finite, got values \(values) and overflow \(overflow)")
        }
        playerCount = players
        self.values = values
        self.capacities = capacities
        self.overflow = overflow
    }

    /// K, the number of points.
    public var points: Int { values.count }
    /// Every player has ``points`` actions.
    public var actionCounts: [Int] { Array(repeating: points, count: playerCount) }
    /// `capacity-n<players>`.
    public var name: String { "capacity-n\(playerCount)" }

    /// Payoff of every player at `joint`.
    public func payoffs(_ joint: [Int]) -> [Double] {
        var counts = [Int](repeating: 0, count: points)
        for action in joint { counts[action] += 1 }
        return joint.map { counts[$0] <= capacities[$0] ? values[$0] : overflow }
    }

    /// `U(k)`: one player's expected payoff for point k when the other n − 1 players each play `strategy`.
    public func deviationPayoffs(_ strategy: [Double]) -> [Double] {
        (0..<points).map { k in
            let fits = Self.binomialCDF(capacities[k] - 1, trials: playerCount - 1, p: strategy[k])
            return overflow + (values[k] - overflow) * fits
        }
    }

    /// A player's expected payoff when every player plays `strategy`.
    public func symmetricPayoff(_ strategy: [Double]) -> Double {
        zip(strategy, deviationPayoffs(strategy)).reduce(0) { $0 + $1.0 * $1.1 }
    }

    /// NashConv of the symmetric profile: `n·(max_k U(k) − Σ_k σ_k U(k))` (≥ 0).
    public func symmetricNashConv(_ strategy: [Double]) -> Double {
        let deviations = deviationPayoffs(strategy)
        let best = deviations.max() ?? 0
        let value = zip(strategy, deviations).reduce(0) { $0 + $1.0 * $1.1 }
        return max(0, Double(playerCount) * (best - value))
    }

    /// The same game as a payoff table (for small n: Kⁿ joint actions).
    /// - Throws: ``EnvironmentError/invalidOption(_:)`` when Kⁿ exceeds 10⁶.
    public func normalForm() throws(EnvironmentError) -> NormalFormGame {
        try NormalFormGame(name: name, actionCounts: actionCounts) { payoffs($0) }
    }

    /// `P[Bin(trials, p) ≤ k]`.
    static func binomialCDF(_ k: Int, trials: Int, p: Double) -> Double {
        if k < 0 { return 0 }
        if k >= trials { return 1 }
        var term = pow1(1 - p, trials)  // P[X = 0]
        var total = term
        guard k >= 1 else { return total }
        for i in 1...k {
            if p >= 1 {
                term = i == trials ? 1 : 0
            } else {
                term *= Double(trials - i + 1) / Double(i) * p / (1 - p)
            }
            total += term
        }
        return min(1, max(0, total))
    }

    private static func pow1(_ x: Double, _ n: Int) -> Double {
        var result = 1.0
        for _ in 0..<n { result *= x }
        return result
    }
}
