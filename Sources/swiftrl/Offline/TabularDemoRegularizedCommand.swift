import Algorithms
import ArgumentParser
import Foundation
import Tensor

/// `swiftrl offline tabular demo-regularized`: BC from expert demonstrations, then UCBVI and the
/// demonstration-regularised optimistic agent online (Tiapkin et al. 2024, arXiv:2310.17303).
struct TabularDemoRegularizedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo-regularized",
        abstract: "Demonstration-regularised RL vs UCBVI and BC on a finite-horizon tabular problem.",
        discussion: """
            Samples --demonstrations trajectories of the optimal H-step policy, fits the Laplace-smoothed π^BC
            (κ), then runs UCBVI and the KL-regularised optimistic agent toward π^BC (λ) for --episodes online
            episodes, and prints each agent's episodes until its recommendation is ε-optimal and its final value.

            Examples:
              swiftrl offline tabular demo-regularized --env garnet:20,4,3 --demonstrations 16
              swiftrl offline tabular demo-regularized --env FrozenLake-v1 --horizon 20 --lambda 0.05 --json
            """)

    @Option(help: ArgumentHelp("Problem.", discussion: TabularProblem.help)) var env = "garnet:20,4,3"
    @Option(help: "Seed of the Garnet generator.") var mdpSeed: UInt64 = 0
    @Option(parsing: .unconditional, help: "H, the episode length.") var horizon = 10
    @Option(parsing: .unconditional, help: "N^E, expert demonstrations.") var demonstrations = 16
    @Option(parsing: .unconditional, help: "κ, Laplace smoothing of π^BC.") var kappa = 1.0
    @Option(parsing: .unconditional, help: "λ, the KL weight (default ε·N^E/(S·A·H)).") var lambda: Double?
    @Option(parsing: .unconditional, help: "β, the bonus scale.") var bonusScale = 1.0
    @Option(parsing: .unconditional, help: "ε of the ε-optimality target.") var epsilon = 0.5
    @Option(parsing: .unconditional, help: "Online episodes K.") var episodes = 1000
    @Option(parsing: .unconditional, help: "Episodes between exact evaluations of the recommendation.")
    var evalEvery = 10
    @Option(help: "Run seed.") var seed: UInt64 = 1
    @Flag(help: "Print JSON instead of a table.") var json = false

    /// What the command prints.
    struct Report: Codable, Equatable {
        var env: String
        var optimalValue: Double
        var bcValue: Double
        var lambda: Double
        /// Episodes to ε-optimality (the budget when not reached) and final values, by agent.
        var episodesToEpsilon: [String: Int]
        var reached: [String: Bool]
        var finalValue: [String: Double]
    }

    func validate() throws {
        guard horizon > 0, demonstrations >= 0, episodes > 0, evalEvery > 0 else {
            throw ValidationError("--horizon, --episodes and --eval-every must be positive, --demonstrations ≥ 0")
        }
        guard epsilon > 0 else { throw ValidationError("--epsilon must be positive, got \(epsilon)") }
    }

    func evaluate() throws -> Report {
        let mdp = try TabularProblem(env, mdpSeed: mdpSeed).mdp
        let s = mdp.stateCount, a = mdp.actionCount
        let (expert, optimum) = EpisodicPolicy.optimal(in: mdp, horizon: horizon)
        let root = Xoshiro256StarStar(seed: seed)
        var demoRNG = root.derived("demos")
        let demos = (0..<demonstrations).map { _ in EpisodesToEpsilon.rollout(expert, in: mdp, using: &demoRNG) }
        let bc = try LaplaceBehaviorCloning(kappa: kappa).policy(
            demonstrations: demos, stateCount: s, actionCount: a, horizon: horizon)
        let weight = lambda ?? epsilon * Double(max(demonstrations, 1)) / Double(s * a * horizon)
        let agents = [
            ("ucbvi", try OptimisticEpisodicAgent(
                config: DemoRegularizedConfig(horizon: horizon, bonusScale: bonusScale), stateCount: s,
                actionCount: a)),
            ("regularized", try OptimisticEpisodicAgent(
                config: DemoRegularizedConfig(horizon: horizon, lambda: weight, bonusScale: bonusScale),
                stateCount: s, actionCount: a, reference: bc)),
        ]
        var report = Report(
            env: env, optimalValue: optimum, bcValue: bc.value(in: mdp), lambda: weight, episodesToEpsilon: [:],
            reached: [:], finalValue: [:])
        for (name, agent) in agents {
            var rng = root.derived(name)
            let outcome = EpisodesToEpsilon.measure(
                agent, in: mdp, optimum: optimum, epsilon: epsilon, budget: episodes, every: evalEvery, using: &rng)
            report.episodesToEpsilon[name] = outcome.episodes
            report.reached[name] = outcome.reached
            report.finalValue[name] = outcome.finalValue
        }
        return report
    }

    func run() throws {
        let report = try evaluate()
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
            return
        }
        print(String(format: "V* %.4f, BC value %.4f (N^E %d, κ %.2f), λ %.4g, ε %.2f", report.optimalValue,
                     report.bcValue, demonstrations, kappa, report.lambda, epsilon))
        for name in ["ucbvi", "regularized"] {
            let reached = report.reached[name] ?? false
            print(
                name.padding(toLength: 12, withPad: " ", startingAt: 0)
                    + "episodes to ε: \(reached ? "" : "≥ ")\(report.episodesToEpsilon[name] ?? 0)"
                    + String(format: ", final value %.4f", report.finalValue[name] ?? .nan))
        }
    }
}
