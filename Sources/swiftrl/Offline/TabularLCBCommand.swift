import ArgumentParser
import Foundation
import Offline
import Tensor

/// `swiftrl offline tabular lcb`: LCB, greedy plug-in and BC on expert-mixture data from a finite problem.
struct TabularLCBCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lcb",
        abstract: "Compare LCB, greedy plug-in and BC on offline data from a bandit or finite MDP.",
        discussion: """
            Draws --samples transitions with (s, a) ~ μ = p·d^{π*} + (1 − p)·Uniform(S × A) (p = --expert-fraction,
            π* the optimal policy), rewards ~ Bernoulli(R[s, a]), and prints each method's normalised suboptimality
            (1 − γ)·E_ρ[V* − V^π] and the data's concentrability C* (Rashidinejad et al. 2021, arXiv:2103.12021).
            LCB is the bandit LCB for bandits and VI-LCB otherwise.

            Examples:
              swiftrl offline tabular lcb --env bandit:0.5,0.5,0.6 --expert-fraction 0.9 --samples 100
              swiftrl offline tabular lcb --env garnet:10,4,3 --expert-fraction 0.3 --samples 2000 --no-split --json
              swiftrl offline tabular lcb --env FrozenLake-v1 --gamma 0.95 --samples 5000
            """)

    @Option(help: ArgumentHelp("Problem.", discussion: TabularProblem.help)) var env = "garnet:10,4,3"
    @Option(help: "Seed of the Garnet generator.") var mdpSeed: UInt64 = 0
    @Option(parsing: .unconditional, help: "Expert fraction p in [0, 1].") var expertFraction = 0.5
    @Option(parsing: .unconditional, help: "Number of transitions N.") var samples = 1000
    @Option(parsing: .unconditional, help: "Discount γ for MDPs (bandits use 0).") var gamma = 0.9
    @Option(parsing: .unconditional, help: "δ, failure probability of the LCB penalty.") var delta = 0.1
    @Option(parsing: .unconditional, help: "VI-LCB pessimism scale c (default (1 − γ)²/2).")
    var penaltyScale: Double?
    @Flag(inversion: .prefixedNo, help: "VI-LCB data splitting into T + 1 folds (the paper's).") var split = true
    @Option(help: "Seed of the data stream.") var seed: UInt64 = 1
    @Flag(help: "Print JSON instead of a table.") var json = false

    /// What the command prints.
    struct Report: Codable, Equatable {
        var env: String
        var gamma: Double
        var expertFraction: Double
        var samples: Int
        var seed: UInt64
        var concentrability: Double
        var suboptimality: [String: Double]
    }

    func validate() throws {
        guard (0...1).contains(expertFraction) else {
            throw ValidationError("--expert-fraction must be in [0, 1], got \(expertFraction)")
        }
        guard samples > 0 else { throw ValidationError("--samples must be positive, got \(samples)") }
        guard gamma > 0, gamma < 1 else { throw ValidationError("--gamma must be in (0, 1), got \(gamma)") }
        guard delta > 0, delta < 1 else { throw ValidationError("--delta must be in (0, 1), got \(delta)") }
    }

    /// Samples the data and scores the three methods.
    func evaluate() throws -> Report {
        let problem = try TabularProblem(env, mdpSeed: mdpSeed)
        let gamma = problem.isBandit ? 0 : self.gamma
        let source = try ExpertMixtureData(mdp: problem.mdp, gamma: gamma, expertFraction: expertFraction)
        var rng = Xoshiro256StarStar(seed: seed).derived("offline-tabular")
        let data = source.sample(count: samples, using: &rng)
        let gap = PolicyGap(mdp: problem.mdp, gamma: gamma)
        let lcb = LCBConfig(delta: delta, penaltyScale: penaltyScale, dataSplitting: split)
        var result: [String: Double] = [:]
        for method in [TabularOfflineMethod.lcb(lcb), .greedy, .behaviorCloning] {
            result[method.name] = gap.suboptimality(try method.policy(from: data, gamma: gamma))
        }
        return Report(
            env: env, gamma: gamma, expertFraction: expertFraction, samples: samples, seed: seed,
            concentrability: source.concentrability, suboptimality: result)
    }

    func run() throws {
        let report = try evaluate()
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
            return
        }
        print(
            String(
                format: "%@: N %d, p %.2f, C* %.3f, γ %.2f, seed %llu", env, samples, expertFraction,
                report.concentrability, report.gamma, seed))
        print("method   suboptimality (1 − γ)·E_ρ[V* − V^π]")
        for name in ["lcb", "greedy", "bc"] {
            let value = String(format: "%.5f", report.suboptimality[name] ?? .nan)
            print(name.padding(toLength: 9, withPad: " ", startingAt: 0) + value)
        }
    }
}
