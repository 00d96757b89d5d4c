import Algorithms
import ArgumentParser
import Foundation
import RLCore
import Tracking

/// `swiftrl eval <run-dir|checkpoint>`: mean ± std return over fresh, seeded episodes.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate a trained policy: mean ± std return over N episodes.",
        discussion: """
            Loads the newest checkpoint of a run directory (or the given checkpoint file), runs the episodes on a
            freshly seeded copy of the environment and prints the mean ± standard deviation of the returns.

            Examples:
              swiftrl eval runs/CartPole-v1__ppo__1__1764230000
              swiftrl eval runs/CartPole-v1__ppo__1__1764230000/checkpoints/step_100000.safetensors --episodes 50
              swiftrl eval runs/CartPole-v1__ppo__1__1764230000 --no-deterministic --json
            """
    )

    @Argument(help: "A run directory or a checkpoint (.safetensors or .json).") var path: String
    @Option(help: "Number of episodes.") var episodes = 10
    @Flag(inversion: .prefixedNo, help: "Use the policy's mode instead of sampling.") var deterministic = true
    @Option(help: "Seed of the first evaluation episode.") var seed: UInt64 = 10_000
    @Flag(help: "Print the result as JSON.") var json = false

    func validate() throws {
        guard episodes > 0 else { throw ValidationError("--episodes must be positive, got \(episodes)") }
    }

    func run() throws {
        let algorithm = try AlgorithmRegistry.load(from: URL(fileURLWithPath: path))
        let result = try Evaluation.run(algorithm, episodes: episodes, seed: seed, deterministic: deterministic)
        let out = StandardTextOutput(.output)
        if json {
            let report = EvalReport(
                algorithm: type(of: algorithm).name, environment: algorithm.environment.id, step: algorithm.stepCount,
                mean: result.mean, std: result.standardDeviation, returns: result.returns, lengths: result.lengths,
                deterministic: deterministic)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            out.write(String(decoding: try encoder.encode(report), as: UTF8.self) + "\n")
        } else {
            out.write(
                String(
                    format: "%@ on %@ (step %d): %.2f ± %.2f over %d %@ episodes (mean length %.1f)\n",
                    type(of: algorithm).name, algorithm.environment.id, algorithm.stepCount, result.mean,
                    result.standardDeviation, episodes, deterministic ? "deterministic" : "stochastic", result.meanLength))
        }
    }
}

/// `eval --json` output.
struct EvalReport: Encodable {
    var algorithm: String
    var environment: String
    var step: Int
    var mean: Double
    var std: Double
    var returns: [Double]
    var lengths: [Int]
    var deterministic: Bool
}
