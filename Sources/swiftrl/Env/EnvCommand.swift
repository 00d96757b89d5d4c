import ArgumentParser
import Environments

/// `swiftrl env`: list, check and roll out registered environments.
struct EnvCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "env",
        abstract: "List, check and roll out environments (Gymnasium-compatible ids).",
        discussion: """
            Examples:
              swiftrl env list
              swiftrl env check CartPole-v1
              swiftrl env check Foraging-v0 --option agents=4   (multi-agent ids: the Parallel API checker)
              swiftrl env rollout CartPole-v1 --seed 42 --actions 0,1,1,0 --json
              swiftrl env rollout Pendulum-v1 --seed 0 --policy random --steps 200 --json
            """,
        subcommands: [EnvListCommand.self, EnvCheckCommand.self, EnvRolloutCommand.self]
    )
}

/// Parses repeated `--option key=value` arguments into environment options.
func parseEnvironmentOptions(_ pairs: [String]) throws -> EnvironmentOptions {
    var values: [String: String] = [:]
    for pair in pairs {
        let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty else {
            throw ValidationError("--option needs key=value, e.g. --option is_slippery=false; got `\(pair)`")
        }
        values[parts[0]] = parts[1]
    }
    return EnvironmentOptions(values)
}

/// Turns an `EnvironmentError` into a command-line error with the same message.
struct EnvCommandError: Error, CustomStringConvertible {
    var description: String
    init(_ error: EnvironmentError) { description = error.description }
}
