import ArgumentParser
import Environments
import Foundation

/// `swiftrl marl`: multi-agent environments with PettingZoo's Parallel API, their checker, Nash gaps and MRA.
struct MARLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "marl",
        abstract: "Multi-agent (PettingZoo Parallel API) environments: list, check, Nash gaps, and MRA training.",
        discussion: """
            Examples:
              swiftrl marl list
              swiftrl marl check Foraging-v0 --option agents=5        (also: swiftrl env check Foraging-v0)
              swiftrl marl gap RockPaperScissors-v0 --strategy 1,0,0 --strategy 0.2,0.3,0.5
              swiftrl marl gap CapacityMeeting-v0 --option players=3 --strategy 0.4,0.3,0.2,0.1,0
              swiftrl marl train --train 2,3,4 --eval 5,6 --iterations 1500 --out runs/mra
            """,
        subcommands: [MARLListCommand.self, MARLCheckCommand.self, MARLGapCommand.self, MARLTrainCommand.self])
}

/// `swiftrl marl list`.
struct MARLListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "Print every multi-agent environment id, its agents, spaces and options.")

    func run() throws {
        for entry in ParallelEnvironmentRegistry.entries {
            let environment: any ParallelEnvironment
            do { environment = try ParallelEnvironmentRegistry.make(entry.id) } catch { throw EnvCommandError(error) }
            let first = environment.possibleAgents.first ?? ""
            print("\(entry.id.padding(toLength: 22, withPad: " ", startingAt: 0)) \(entry.summary)")
            print("    agents      \(environment.possibleAgents.joined(separator: ", ")) (defaults)")
            print("    observation \(environment.observationSpace(first)); action \(environment.actionSpace(first))")
            print("    options     \(entry.options.joined(separator: ", "))")
        }
    }
}

/// `swiftrl marl check <id>`: the parallel API checker (PettingZoo's `parallel_api_test`).
struct MARLCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Check a multi-agent environment against the Parallel API rules.")

    @Argument(help: "Multi-agent environment id, e.g. Foraging-v0 (see `swiftrl marl list`).")
    var id: String

    @Option(name: .customLong("option"), help: ArgumentHelp("Environment option.", valueName: "key=value"))
    var options: [String] = []

    func run() throws {
        try runParallelCheck(id: id, options: try parseEnvironmentOptions(options))
    }
}

/// Runs ``ParallelAPIChecker`` on a registered multi-agent id and prints one line per rule.
/// - Throws: ``EnvCommandError`` for an unknown id or option, `ExitCode(1)` when a rule fails.
func runParallelCheck(id: String, options: EnvironmentOptions) throws {
    do { _ = try ParallelEnvironmentRegistry.make(id, options: options) } catch { throw EnvCommandError(error) }
    let checker = ParallelAPIChecker { () throws(EnvironmentError) in
        try ParallelEnvironmentRegistry.make(id, options: options)
    }
    let results = checker.run()
    for result in results {
        print(
            "\(result.passed ? "pass" : "FAIL")  \(result.rule.rawValue)\(result.passed ? "" : ": \(result.message)")")
    }
    let failures = results.filter { !$0.passed }.count
    print(
        failures == 0
            ? "\(id): all \(results.count) parallel API rules hold"
            : "\(id): \(failures) of \(results.count) parallel API rules violated")
    if failures > 0 { throw ExitCode(1) }
}

/// `swiftrl marl gap <id> --strategy … --strategy …`: best responses and the Nash gap of a mixed profile.
struct MARLGapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gap",
        abstract: "Best responses, NashConv and exploitability of a mixed strategy profile in a matrix game.",
        discussion: """
            Give one --strategy per player (comma-separated probabilities), or one to use for every player.
            NashConv = Σ_i max_a u_i(a, σ_{-i}) − u_i(σ) is zero exactly at a Nash equilibrium; exploitability is
            NashConv / n.
            """)

    @Argument(help: "A repeated matrix game id, e.g. RockPaperScissors-v0 or CapacityMeeting-v0.")
    var id: String

    @Option(name: .customLong("option"), help: ArgumentHelp("Environment option.", valueName: "key=value"))
    var options: [String] = []

    @Option(help: "A player's mixed strategy, e.g. 0.2,0.3,0.5 (repeat per player).")
    var strategy: [String] = []

    func run() throws {
        let parsed = try parseEnvironmentOptions(options)
        let game: NormalFormGame
        do { game = try ParallelEnvironmentRegistry.stageGame(id, options: parsed) } catch {
            throw EnvCommandError(error)
        }
        var profile = try strategy.map { text -> [Double] in
            let values = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard !values.isEmpty, values.allSatisfy({ $0 != nil }) else {
                throw ValidationError("--strategy needs comma-separated numbers, got `\(text)`")
            }
            return values.compactMap { $0 }
        }
        if profile.count == 1 { profile = Array(repeating: profile[0], count: game.players) }
        if profile.isEmpty { profile = game.actionCounts.map { Array(repeating: 1 / Double($0), count: $0) } }
        do {
            let values = try game.expectedPayoffs(profile)
            for player in 0..<game.players {
                let response = try game.bestResponse(player: player, profile)
                let name = game.actionNames[player][response.action]
                print(
                    String(
                        format: "player_%d  value %+.4f  best response %@ (%+.4f)  gain %.4f", player,
                        values[player], name, response.value, response.value - values[player]))
            }
            print(
                String(
                    format: "NashConv %.6f  exploitability %.6f", try game.nashConv(profile),
                    try game.exploitability(profile)))
        } catch { throw EnvCommandError(error) }
    }
}
