import Environments

/// A role-symmetric game of some population size that scores one shared (symmetric) strategy by its Nash gap.
///
/// MRA (Zhang, Shen, Han & Shen, arXiv:2108.12988) trains on a family of such games that differ only in the
/// population size n and is evaluated on an n it never saw.
public protocol PopulationGame: Sendable {
    /// n, the number of players.
    var playerCount: Int { get }
    /// Actions per player.
    var actionCount: Int { get }
    /// NashConv of the profile where every player plays `strategy`: `Σ_i max_{a_i} u_i(a_i, σ_{-i}) − u_i(σ)`
    /// (the paper's Nash-gap measure D_M(π), §2).
    func symmetricNashConv(_ strategy: [Double]) -> Double
}

extension CapacityGame: PopulationGame {
    /// K, the number of meeting points.
    public var actionCount: Int { points }
}
