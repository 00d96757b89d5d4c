import Algorithms
import Environments
import Foundation
import Tensor

/// "When is Agnostic Reinforcement Learning Statistically Tractable?" (Jia, Li, Rakhlin, Sekhari & Srebro, NeurIPS
/// 2023, arXiv:2310.06113; the core chapter of Gene Li's thesis "Agnostic RL: foundations and algorithms", TTIC
/// 2025), digest §11: with a generative model, the spanning capacity C(Π) — not |S| or |Π| — sets the sample cost
/// of agnostic PAC learning.
///
/// Two arms per seed. **tree**: a complete binary tree (A 2, H 6, deterministic transitions, Bernoulli rewards with
/// means uniform in [0, 1) at every node) and three classes of equal size |Π| = 64 — singletons on the tree's 63
/// internal nodes (capacity H + 1), 64 threshold policies on a random state feature, 64 random tables — each learned
/// by ``GenerativeAgnosticLearner`` at ε ∈ {1, 0.5, 0.25, 0.125} (δ 0.1) over many trials. **scaling**: the full
/// singleton class Π_sing (|Π| = 1 + H·S) on random deterministic MDPs with S = 16 … 1024 states per layer (A 2,
/// H 6, one table per stage), ε 0.5.
///
/// Sources: verified from the abstract (ar5iv / aitopics) — spanning capacity depends only on Π, it characterises
/// generative-model PAC learnability, online learning can need superpolynomially many samples for bounded capacity,
/// POPLER with a sunflower structure. The capacity's definition (max over deterministic MDPs and layers of the
/// reachable `(s_h, a_h)` pairs) is the digest's recall of the paper's text (⚠️, the body was not reachable); the
/// learner is the digest's "policy-restricted trajectory tree" with this module's Hoeffding sample size
/// (``GenerativeAgnosticLearner``), not the paper's algorithm with its constants. POPLER (online access) is not
/// built.
public struct AgnosticRLReproduction: UnitReproduction {
    /// The registered reproduction.
    public init() { tiny = false }
    /// A tiny version for tests.
    init(tiny: Bool) { self.tiny = tiny }
    let tiny: Bool

    public var id: String { "agnostic-rl" }
    public var paper: String {
        "\"When is Agnostic Reinforcement Learning Statistically Tractable?\" (Jia, Li, Rakhlin, Sekhari & Srebro, "
            + "NeurIPS 2023, arXiv:2310.06113; Gene Li's thesis, TTIC 2025)"
    }
    public var claim: String {
        "With a generative model, the queries needed for an ε-optimal policy in Π scale with H·C(Π)·n (n ∝ "
            + "H log(|Π|/δ)/ε²), not with |S| or |Π|. Checks: (1) on the tree, at equal |Π| = 64, queries = "
            + "n·Σ_h C_h(Π; M) in every run and Σ_h C_h for 64 random policies is ≥ 2× that of the 64 singletons; "
            + "(2) for Π_sing on deterministic MDPs with S = 16 … 1024 (|Π| = 1 + 6S), Σ_h C_h ≤ H(H + 3)/2 = 27 at "
            + "every S and its seed-mean varies by ≤ 1.5× (max/min) across S; (3) the success rate "
            + "V^π̂ ≥ max_Π V^π − ε is ≥ 1 − δ = 0.9 in every class × ε cell; (4) the 90% quantile over trials of "
            + "sup_π |V̂^π − V^π| is ≤ ε/2 in every tree cell and its log-log slope against n is in [−0.6, −0.4] for "
            + "each tree class. Verdict: shown if all four hold; partly shown if (1) and (2) hold; otherwise not shown."
    }
    public var defaultSeeds: Int { 5 }

    static let horizon = 6, delta = 0.1
    func epsilons(quick: Bool) -> [Double] { tiny ? [1, 0.5] : quick ? [1, 0.5, 0.25] : [1, 0.5, 0.25, 0.125] }
    func scalingStates(quick: Bool) -> [Int] { tiny ? [16, 64] : quick ? [16, 64, 256] : [16, 64, 256, 1024] }
    func trials(quick: Bool) -> Int { tiny ? 8 : quick ? 60 : 200 }
    static let treeClasses = ["singletons", "thresholds", "random"]

    /// One `tree` and one `scaling` unit per seed.
    /// - Throws: ``ReproductionError/invalidSettings(_:)`` without seeds.
    public func units(_ context: ReproductionContext) throws -> [ReproductionUnit] {
        guard context.seeds >= 1 else { throw ReproductionError.invalidSettings("agnostic-rl needs a seed") }
        return context.seedList.flatMap { seed in
            ["tree", "scaling"].map { ReproductionUnit(key: "\($0)-seed\(seed)", arm: $0, seed: seed) }
        }
    }

    /// The cells of one arm and seed.
    /// - Throws: an unknown unit.
    public func runUnit(_ unit: ReproductionUnit, _ context: ReproductionContext) throws -> [AgnosticCell] {
        guard let seed = unit.seed, unit.key == "\(unit.arm)-seed\(seed)" else { throw unknown(unit, context) }
        var cells: [AgnosticCell] = []
        if unit.arm == "tree" {
            var rng = Xoshiro256StarStar(seed: seed).derived("agnostic/tree")
            let mdp = try Self.tree(using: &rng)
            for name in Self.treeClasses {
                let policies = Self.treeClass(name, mdp: mdp, using: &rng)
                for epsilon in epsilons(quick: context.quick) {
                    cells.append(try Self.measure(
                        policies, label: name, on: mdp, epsilon: epsilon, trials: trials(quick: context.quick),
                        seed: seed))
                }
            }
        } else if unit.arm == "scaling" {
            for states in scalingStates(quick: context.quick) {
                var rng = Xoshiro256StarStar(seed: seed).derived("agnostic/scaling/\(states)")
                var mdp = try EpisodicMDPSpec.deterministic(
                    states: states, actions: 2, horizon: Self.horizon, stationary: false
                ).generate(using: &rng)
                mdp.initialDistribution = (0..<states).map { $0 == 0 ? 1 : 0 }
                let policies = SingletonPolicyClass(states: states, actions: 2, horizon: Self.horizon)
                cells.append(try Self.measure(
                    policies, label: "singletons", on: mdp, epsilon: 0.5, trials: trials(quick: context.quick),
                    seed: seed))
            }
        } else {
            throw unknown(unit, context)
        }
        context.log("agnostic-rl: \(unit.key) done (\(cells.count) cells)")
        return cells
    }

    /// The complete binary tree of depth H with Bernoulli means uniform in [0, 1) at every internal `(s, a)`.
    static func tree(using rng: inout Xoshiro256StarStar) throws -> EpisodicMDP {
        var mdp = try EpisodicMDPSpec.tree(actions: 2, horizon: horizon).generate(using: &rng)
        mdp.rewards = [(0..<(mdp.stateCount * 2)).map { _ in Double.random(in: 0..<1, using: &rng) }]
        return mdp
    }

    /// One of the three equal-size (64) classes on the tree.
    static func treeClass(_ name: String, mdp: EpisodicMDP, using rng: inout Xoshiro256StarStar)
        -> EnumeratedPolicyClass
    {
        let states = mdp.stateCount
        switch name {
        case "singletons":
            // Internal node n at depth d is visited only at stage d: nodes 2^d − 1 ..< 2^{d+1} − 1.
            let cells = (0..<horizon).flatMap { depth in
                ((1 << depth) - 1..<(1 << (depth + 1)) - 1).map { (stage: depth, state: $0) }
            }
            return .singletons(cells: cells, states: states, horizon: horizon)
        case "thresholds":
            return .thresholds(count: 64, states: states, horizon: horizon, using: &rng)
        default:
            return .random(count: 64, states: states, actions: 2, horizon: horizon, using: &rng)
        }
    }

    /// Runs the learner `trials` times with fresh simulator streams and summarises.
    static func measure(
        _ policies: some PolicyClass, label: String, on mdp: EpisodicMDP, epsilon: Double, trials: Int, seed: UInt64
    ) throws -> AgnosticCell {
        let values = try Reachability.values(policies, on: mdp)
        let layers = try Reachability.cumulative(policies, on: mdp)
        let best = values.max() ?? 0
        let learner = GenerativeAgnosticLearner(epsilon: epsilon, delta: delta)
        var cell = AgnosticCell(
            label: label, states: mdp.stateCount, classSize: policies.count, layers: layers, epsilon: epsilon,
            samplesPerPair: learner.samplesPerPair(horizon: mdp.horizon, classSize: policies.count), trials: trials)
        var deviations: [Double] = []
        let simulator = try EpisodicSimulator(mdp: mdp, seed: seed)
        for trial in 0..<trials {
            var stream = Xoshiro256StarStar(seed: seed).derived("agnostic/\(label)/\(epsilon)/\(trial)")
            var model = simulator.reseeded(stream.next())
            let result = try learner.run(policies, model: &model)
            cell.queries = result.queries
            cell.queryMismatch = cell.queryMismatch || result.queries != result.samplesPerPair * layers.reduce(0, +)
            let gap = best - values[result.chosen]
            cell.gapTotal += gap
            if gap <= epsilon { cell.successes += 1 }
            deviations.append(zip(result.estimates, values).map { abs($0 - $1) }.max() ?? 0)
        }
        deviations.sort()
        cell.deviationQuantile = deviations[min(deviations.count - 1, Int((0.9 * Double(trials)).rounded(.up)) - 1)]
        return cell
    }

    /// Tables, checks and the verdict.
    /// - Throws: ``ReproductionUnitError/missingUnits(reproduction:keys:)``.
    public func report(_ results: [String: [AgnosticCell]], _ context: ReproductionContext) throws
        -> ReproductionReport
    {
        _ = try ordered(results, try units(context))
        let tree = results.filter { $0.key.hasPrefix("tree") }.values.flatMap { $0 }
        let scaling = results.filter { $0.key.hasPrefix("scaling") }.values.flatMap { $0 }
        var report = AgnosticRLAnalysis(
            tree: tree, scaling: scaling, epsilons: epsilons(quick: context.quick),
            states: scalingStates(quick: context.quick), horizon: Self.horizon, delta: Self.delta
        ).report(id: id, paper: paper, claim: claim, context: context)
        report.tables.insert(try AgnosticRLCapacity.table(), at: 0)
        return report
    }
}

/// One class × ε measurement of ``AgnosticRLReproduction`` (one seed).
public struct AgnosticCell: Codable, Sendable {
    var label: String
    var states: Int
    var classSize: Int
    /// `C_h(Π; M)` per layer.
    var layers: [Int]
    var epsilon: Double
    var samplesPerPair: Int
    var trials: Int
    var queries = 0
    /// Whether any run's queries differed from n·Σ_h C_h.
    var queryMismatch = false
    var successes = 0
    var gapTotal = 0.0
    /// 90% quantile over trials of sup_π |V̂^π − V^π|.
    var deviationQuantile = 0.0
}
