import Algorithms
import ArgumentParser
import Environments
import Foundation
import Tensor

/// `swiftrl theory agnostic`: the generative-model agnostic learner on a deterministic MDP, with the class's
/// reachable pairs per layer (its spanning capacity on this MDP) and the queries spent.
struct TheoryAgnosticCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agnostic",
        abstract: "Agnostic PAC learning with a generative model: C_h(Π; M), queries and the chosen policy's gap.",
        discussion: """
            Learns π̂ ∈ Π with V^π̂ ≥ max_Π V^π − ε (probability ≥ 1 − δ) by querying only the (s_h, a_h) pairs
            some policy of Π reaches, n = ⌈2H log(2|Π|/δ)/ε²⌉ reward draws each (Jia et al., NeurIPS 2023,
            arXiv:2310.06113). The MDP needs deterministic transitions (tree or deterministic generators, or a
            file) and a deterministic start (--start sets one). Classes: singletons (Π_sing: the all-zero policy
            and one deviation per (h, s, a), 1 + H·S·(A − 1) policies, capacity H + 1), thresholds (--size
            threshold policies on a random state feature, A = 2), random (--size random tables).

            Examples:
              swiftrl theory agnostic --mdp tree:A=2,H=6 --class random --size 64 --epsilon 0.25
              swiftrl theory agnostic --mdp deterministic:S=256,A=2,H=6,stationary=false --start 0 --class singletons
              swiftrl theory agnostic --mdp tree:A=2,H=3 --class singletons --exact-capacity 3
            """)

    enum ClassKind: String, ExpressibleByArgument, CaseIterable { case singletons, thresholds, random }

    @Option(help: ArgumentHelp("The MDP.", discussion: TheoryMDPSource.help)) var mdp = "tree:A=2,H=6"
    @Option(help: "Seed of the MDP generator (ignored for files).") var mdpSeed: UInt64 = 0
    @Option(help: "Start state (replaces the MDP's start distribution).") var start: Int?
    @Option(name: .customLong("class"), help: "Policy class: singletons, thresholds, random.")
    var policyClass: ClassKind = .singletons
    @Option(help: "|Π| for thresholds and random.") var size = 64
    @Option(parsing: .unconditional, help: "ε, the target suboptimality against the best policy in Π.")
    var epsilon = 0.5
    @Option(parsing: .unconditional, help: "δ, the failure probability.") var delta = 0.1
    @Option(help: "Learner runs (fresh simulator draws each).") var trials = 1
    @Option(help: "Run seed (class draws and simulator streams).") var seed: UInt64 = 1
    @Option(help: "Also compute the exact C(Π) over all deterministic MDPs with this many states per layer (small).")
    var exactCapacity: Int?
    @Flag(help: "Print JSON instead of text.") var json = false

    /// What the command prints.
    struct Report: Codable {
        var states: Int, actions: Int, horizon: Int, classSize: Int
        var pairsPerLayer: [Int]
        var samplesPerPair: Int
        var queries: Int
        var tabularQueries: Int
        var bestValue: Double
        var chosenValues: [Double]
        var successRate: Double
        var exactCapacity: Int?
    }

    func validate() throws {
        guard size >= 1, trials >= 1 else { throw ValidationError("--size and --trials need to be ≥ 1") }
        guard epsilon > 0, delta > 0, delta < 1 else { throw ValidationError("need --epsilon > 0, 0 < --delta < 1") }
    }

    func run() throws {
        var model = try TheoryMDPSource.load(mdp, seed: mdpSeed)
        if let start {
            guard (0..<model.stateCount).contains(start) else {
                throw ValidationError("--start \(start) is not a state (S = \(model.stateCount))")
            }
            model.initialDistribution = (0..<model.stateCount).map { $0 == start ? 1 : 0 }
        } else if !model.initialDistribution.contains(1) {
            throw ValidationError("the MDP's start distribution is not a point mass; give --start <state>")
        }
        var rng = Xoshiro256StarStar(seed: seed).derived("theory/agnostic/class")
        switch policyClass {
        case .singletons:
            try report(SingletonPolicyClass(states: model.stateCount, actions: model.actionCount,
                                            horizon: model.horizon), on: model)
        case .thresholds:
            guard model.actionCount >= 2 else { throw ValidationError("threshold policies need A ≥ 2") }
            try report(EnumeratedPolicyClass.thresholds(count: size, states: model.stateCount, horizon: model.horizon,
                                                        using: &rng), on: model)
        case .random:
            try report(EnumeratedPolicyClass.random(count: size, states: model.stateCount, actions: model.actionCount,
                                                    horizon: model.horizon, using: &rng), on: model)
        }
    }

    func report(_ policies: some PolicyClass, on mdp: EpisodicMDP) throws {
        let values = try Reachability.values(policies, on: mdp)
        let best = values.max() ?? 0
        let learner = GenerativeAgnosticLearner(epsilon: epsilon, delta: delta)
        var chosen: [Double] = []
        var last: GenerativeAgnosticLearner.Result?
        let base = try EpisodicSimulator(mdp: mdp, seed: seed)
        for trial in 0..<trials {
            var stream = Xoshiro256StarStar(seed: seed).derived("theory/agnostic/\(trial)")
            var simulator = base.reseeded(stream.next())
            let result = try learner.run(policies, model: &simulator)
            chosen.append(values[result.chosen])
            last = result
        }
        guard let last else { return }
        let exact = try exactCapacity.map { states throws in
            try Reachability.exhaustiveCapacity(policies, states: states, actions: mdp.actionCount).capacity
        }
        let out = Report(
            states: mdp.stateCount, actions: mdp.actionCount, horizon: mdp.horizon, classSize: policies.count,
            pairsPerLayer: last.pairsPerLayer, samplesPerPair: last.samplesPerPair, queries: last.queries,
            tabularQueries: mdp.stateCount * mdp.actionCount * mdp.horizon * last.samplesPerPair, bestValue: best,
            chosenValues: chosen,
            successRate: Double(chosen.filter { $0 >= best - epsilon }.count) / Double(chosen.count),
            exactCapacity: exact)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(out), as: UTF8.self))
            return
        }
        print("MDP: S \(out.states), A \(out.actions), H \(out.horizon); |Π| \(out.classSize)")
        print("C_h(Π; M) per layer: \(out.pairsPerLayer.map(String.init).joined(separator: " ")) "
              + "(max \(out.pairsPerLayer.max() ?? 0))")
        if let exact {
            print("exact C(Π) over deterministic MDPs with \(exactCapacity ?? 0) states per layer: \(exact)")
        }
        print("n = \(out.samplesPerPair) per pair; queries \(out.queries) (a learner querying every (h, s, a): "
              + "\(out.tabularQueries))")
        print(String(format: "best V in Π %.4f; chosen V %.4f (mean over %d run(s)); success rate %.3f at ε %g",
                     best, chosen.reduce(0, +) / Double(chosen.count), chosen.count, out.successRate, epsilon))
    }
}
