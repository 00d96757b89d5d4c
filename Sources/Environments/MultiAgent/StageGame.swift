/// A one-shot game among `players` players: each picks an action at once and gets a payoff.
///
/// Repeated play of a stage game is the ``RepeatedGame`` parallel environment; mixed-strategy evaluation and best
/// responses are in ``NormalFormGame`` (any game, by enumeration) and ``CapacityGame`` (symmetric, in closed form).
public protocol StageGame: Sendable {
    /// Actions per player.
    var actionCounts: [Int] { get }
    /// The payoff of every player for the joint action `joint` (one action index per player).
    func payoffs(_ joint: [Int]) -> [Double]
    /// Short name used in agent-facing descriptions.
    var name: String { get }
}

extension StageGame {
    /// The number of players.
    public var players: Int { actionCounts.count }
}
