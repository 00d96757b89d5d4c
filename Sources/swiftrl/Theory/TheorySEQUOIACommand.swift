import Algorithms
import ArgumentParser
import Foundation
import Optimization
import Tensor

/// `swiftrl theory sequoia`: SEQUOIA (DQN with a MILP argmax, GLPK) against myopic, random and null policies — and
/// the exact optimum for J ≤ 12 — on a coupled restless bandit with combinatorial constraints.
struct TheorySEQUOIACommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sequoia",
        abstract: "SEQUOIA (Q-network argmax as a MILP, GLPK) on a coupled restless bandit; needs --traits GLPK.",
        discussion: """
            Instances: `capacity` is the J = 8 two-worker instance of `swiftrl reproduce sequoia`; `budget` draws J
            random sticky arms with integer costs in 1…3 and a knapsack budget (limit = fraction · Σ costs).

            Examples:
              swiftrl theory sequoia --episodes 150
              swiftrl theory sequoia --instance budget --arms 10 --budget-fraction 0.3 --hidden 16 --seed 3
            """)

    @Option(help: "capacity (the reproduction's J 8 instance) or budget (random, --arms, --budget-fraction).")
    var instance = "capacity"
    @Option(help: "Arms J of the budget instance (1…16; the optimum is computed for J ≤ 12).") var arms = 8
    @Option(help: "Budget instance: limit = fraction · Σ costs.") var budgetFraction = 0.4
    @Option(help: "Training episodes.") var episodes = 150
    @Option(help: "Evaluation episodes (common random numbers for every policy).") var evalEpisodes = 300
    @Option(help: "Hidden widths of the ReLU Q-network, comma-separated (one layer keeps GLPK fast).")
    var hidden = "32"
    @Option(help: "Adam learning rate.") var learningRate = 1e-3
    @Flag(help: "Skip checking every MILP answer against enumeration of the feasible set.") var noVerify = false
    @Option(help: "Seed.") var seed: UInt64 = 0

    mutating func validate() throws {
        guard GLPKSolver.isAvailable else {
            throw ValidationError(OptimizationError.needsGLPK(feature: "swiftrl theory sequoia").description)
        }
        guard ["capacity", "budget"].contains(instance) else {
            throw ValidationError("--instance must be capacity or budget, got \(instance)")
        }
        guard episodes >= 1, evalEpisodes >= 1 else { throw ValidationError("--episodes and --eval-episodes ≥ 1") }
    }

    mutating func run() throws {
        var rng = Xoshiro256StarStar(seed: seed).derived("theory/sequoia/instance")
        let problem = instance == "capacity"
            ? try CoupledRMAB.capacityPrototype()
            : try CoupledRMAB.randomBudget(arms: arms, budgetFraction: budgetFraction, using: &rng)
        var config = SEQUOIAConfig()
        let widths = hidden.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !widths.isEmpty, widths.allSatisfy({ ($0 ?? 0) >= 1 }) else {
            throw ValidationError("--hidden must be comma-separated widths ≥ 1, got \(hidden)")
        }
        config.hidden = widths.compactMap { $0 }
        config.learningRate = learningRate
        config.verifyBruteForce = !noVerify
        let learner = try SEQUOIA(problem: problem, config: config, seed: seed)
        print("J \(problem.armCount), \(problem.feasibleActions.count) feasible actions, γ \(problem.gamma), "
            + "H \(problem.horizon); training \(episodes) episodes")
        _ = try learner.train(episodes: episodes) { episode, value in
            if (episode + 1) % 25 == 0 { print(String(format: "episode %d: return %.2f", episode + 1, value)) }
        }
        var evaluationStream = Xoshiro256StarStar(seed: seed).derived("theory/sequoia/evaluation")
        let evaluationSeed = evaluationStream.next()
        func mean(_ policy: ([Int], Int) throws -> [Int]) rethrows -> Double {
            let returns = try RMABPolicies.evaluate(
                problem, episodes: evalEpisodes, seed: evaluationSeed, policy: policy)
            return returns.reduce(0, +) / Double(returns.count)
        }
        let greedy = try learner.greedyPolicy()
        var rows: [(String, Double)] = [("SEQUOIA", try mean { state, _ in try greedy(state) })]
        rows.append(("myopic", mean { state, _ in RMABPolicies.myopic(problem, state: state) }))
        var policyRandom = Xoshiro256StarStar(seed: seed).derived("theory/sequoia/random")
        rows.append(("random feasible", mean { _, _ in RMABPolicies.random(problem, using: &policyRandom) }))
        rows.append(("null", mean { _, _ in RMABPolicies.null(problem) }))
        if problem.armCount <= 12 {
            let optimal = RMABPolicies.optimal(problem)
            rows.insert(("optimal", mean { state, step in
                problem.feasibleActions[optimal.actionIndex[step][CoupledRMAB.code(state)]]
            }), at: 0)
        }
        print("\n| policy | discounted return (\(evalEpisodes) episodes) |\n|---|---|")
        for (name, value) in rows { print("| \(name) | " + String(format: "%.2f", value) + " |") }
        let stats = learner.stats
        print(String(
            format: "\n%d MILP solves, %.0f solves/s, %d checked against enumeration, %d mismatches",
            stats.milpSolves, stats.solvesPerSecond, stats.verified, stats.mismatches))
    }
}
