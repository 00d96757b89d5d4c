extension Equilibria {
    /// Best-response gains of a mixed profile: per player, `BRᵢ(σ₋ᵢ) − uᵢ(σ)` with
    /// `uᵢ(σ) = Σ_a Πⱼ σⱼ(aⱼ)·uᵢ(a)` and `BRᵢ(σ₋ᵢ) = max_{aᵢ} uᵢ(aᵢ, σ₋ᵢ)`. Needs no solver.
    /// - Throws: ``OptimizationError/invalidModel(_:)`` when the profile does not have one distribution per player
    ///   over that player's actions.
    public static func bestResponseGains(_ game: Game, profile: [[Double]]) throws(OptimizationError) -> [Double] {
        guard profile.count == game.players else {
            throw .invalidModel("the profile has \(profile.count) strategies for \(game.players) players")
        }
        for player in 0..<game.players {
            try checkDistribution(profile[player], count: game.actionCounts[player], "player \(player)'s strategy")
        }
        var actionValues = game.actionCounts.map { [Double](repeating: 0, count: $0) }
        var values = [Double](repeating: 0, count: game.players)
        for joint in 0..<game.jointCount {
            let action = game.jointAction(joint)
            for player in 0..<game.players {
                var others = 1.0
                for other in 0..<game.players where other != player { others *= profile[other][action[other]] }
                guard others != 0 else { continue }
                let payoff = game.payoff(player, joint)
                actionValues[player][action[player]] += others * payoff
                values[player] += others * profile[player][action[player]] * payoff
            }
        }
        return (0..<game.players).map { (actionValues[$0].max() ?? 0) - values[$0] }
    }

    /// NashConv: the sum of the players' best-response gains, 0 exactly at a Nash equilibrium.
    /// - Throws: as ``bestResponseGains(_:profile:)``.
    public static func nashConv(_ game: Game, profile: [[Double]]) throws(OptimizationError) -> Double {
        try bestResponseGains(game, profile: profile).reduce(0, +)
    }

    /// The Nash gap: the largest best-response gain of any player (the ε of an ε-Nash equilibrium).
    /// - Throws: as ``bestResponseGains(_:profile:)``.
    public static func nashGap(_ game: Game, profile: [[Double]]) throws(OptimizationError) -> Double {
        try bestResponseGains(game, profile: profile).max() ?? 0
    }

    /// Exploitability in OpenSpiel's convention: NashConv / number of players.
    /// - Throws: as ``bestResponseGains(_:profile:)``.
    public static func exploitability(_ game: Game, profile: [[Double]]) throws(OptimizationError) -> Double {
        try nashConv(game, profile: profile) / Double(game.players)
    }
}
