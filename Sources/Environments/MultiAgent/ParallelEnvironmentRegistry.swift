/// The registered multi-agent (parallel API) environments, by id: matrix games played repeatedly, the capacity
/// game with n players and the foraging Markov game with n agents.
///
/// ```swift
/// var env = try ParallelEnvironmentRegistry.make("Foraging-v0", options: ["agents": "4"])
/// let start = try env.reset(seed: 0)
/// ```
public enum ParallelEnvironmentRegistry {
    /// One registered environment.
    public struct Entry: Sendable {
        /// The id, e.g. `RockPaperScissors-v0`.
        public var id: String
        /// One line on what it is.
        public var summary: String
        /// Accepted option keys.
        public var options: [String]
        let make: @Sendable (EnvironmentOptions) throws(EnvironmentError) -> any ParallelEnvironment
    }

    /// Every entry, in listing order.
    public static let entries: [Entry] = [
        matrix("RockPaperScissors-v0", .rockPaperScissors, "rock-paper-scissors, 2 players (PettingZoo rps_v2)"),
        matrix("MatchingPennies-v0", .matchingPennies, "matching pennies, 2 players, zero-sum"),
        matrix("PrisonersDilemma-v0", .prisonersDilemma, "prisoner's dilemma, T 5, R 3, P 1, S 0"),
        matrix("Coordination-v0", .coordination, "pure coordination on two actions"),
        Entry(
            id: "CapacityMeeting-v0",
            summary: "n players pick one of 5 meeting points with capacities 1…5 (values 1 … 0.4), repeated",
            options: ["players", "max_cycles"]
        ) { (options: EnvironmentOptions) throws(EnvironmentError) -> any ParallelEnvironment in
            let game = try CapacityGame(players: try options.int("players", default: 3))
            return try RepeatedGame(game, maxCycles: try options.int("max_cycles", default: 15))
        },
        Entry(
            id: "Foraging-v0",
            summary: "n foragers on a grid eat food and leave (Markov game, variable population)",
            options: ["agents", "size", "food", "max_cycles", "step_cost"]
        ) { (options: EnvironmentOptions) throws(EnvironmentError) -> any ParallelEnvironment in
            let agents = try options.int("agents", default: 3)
            return try ForagingGrid(
                agents: agents, size: try options.int("size", default: 5),
                food: try options.int("food", default: agents),
                maxCycles: try options.int("max_cycles", default: 25),
                stepCost: try options.double("step_cost", default: 0.01))
        },
    ]

    /// Every id.
    public static var ids: [String] { entries.map(\.id) }

    /// Whether `id` is a registered multi-agent id.
    public static func contains(_ id: String) -> Bool { entries.contains { $0.id == id } }

    /// A fresh environment.
    /// - Throws: ``EnvironmentError/unknownEnvironment(_:)`` listing the ids, or ``EnvironmentError/invalidOption(_:)``
    ///   for an unknown or malformed option.
    public static func make(_ id: String, options: EnvironmentOptions = [:]) throws(EnvironmentError)
        -> any ParallelEnvironment
    {
        guard let entry = entries.first(where: { $0.id == id }) else {
            throw .unknownEnvironment(
                "no multi-agent environment '\(id)'; known: \(ids.joined(separator: ", "))")
        }
        try options.validate(known: entry.options, id: id)
        return try entry.make(options)
    }

    /// The stage game of a registered repeated game as a payoff table (for best responses and Nash gaps).
    /// - Throws: ``EnvironmentError/unsupported(_:)`` for a Markov game such as `Foraging-v0`, or the errors of
    ///   ``make(_:options:)``.
    public static func stageGame(_ id: String, options: EnvironmentOptions = [:]) throws(EnvironmentError)
        -> NormalFormGame
    {
        let environment = try make(id, options: options)
        if let repeated = environment as? RepeatedGame<NormalFormGame> { return repeated.game }
        if let repeated = environment as? RepeatedGame<CapacityGame> { return try repeated.game.normalForm() }
        throw .unsupported("\(id) is a Markov game with no single stage game; Nash gaps need a matrix game id")
    }

    private static func matrix(_ id: String, _ game: NormalFormGame, _ summary: String) -> Entry {
        Entry(id: id, summary: summary, options: ["max_cycles"]) {
            (options: EnvironmentOptions) throws(EnvironmentError) -> any ParallelEnvironment in
            try RepeatedGame(game, maxCycles: try options.int("max_cycles", default: 15))
        }
    }
}
