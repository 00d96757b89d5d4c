import Algorithms
import ArgumentParser
import Environments
import Experiments
import Foundation
import Tensor

/// `swiftrl theory run`: UCBVI / EpsMix / StepMix / LSVI-UCB / Contrastive UCB online on one MDP with exact regret
/// and violation accounting.
struct TheoryRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run UCBVI, EpsMix, StepMix, LSVI-UCB or Contrastive UCB on an episodic MDP; print regret.",
        discussion: """
            Every episode's policy is evaluated exactly in the true MDP: regret Σ_k V* − V^{π_k} and the number of
            episodes whose policy violates the constraint. The constraint is V_u^{π_k} ≥ --utility-threshold on the
            MDP's utility signal when given, otherwise the conservative one V^{π_k} ≥ (1 − κ)V^b with the baseline
            π^b (--baseline). StepMix and EpsMix (Li et al., ICML 2023, arXiv:2306.06265) keep to
            (1 − κ)V^b; V^b is computed exactly from the MDP (the paper assumes it known).
            LSVI-UCB (Jin et al. 2020) uses the features of --features (a JSON file {"dimension": d, "values":
            [S·A·d numbers, row s·A + a]}) or one-hot features, with β = c·H·sqrt(log(dHK/δ)) and c = --bonus-scale.
            Contrastive UCB (Qiu et al. 2022) learns d = --rank features by a contrastive loss every 10 episodes and
            runs LSVI-UCB on them.
            Writes <out>/regret.svg, <out>/violations.svg and <out>/results.json.

            Examples:
              swiftrl theory run --algo ucbvi --mdp garnet:S=20,A=4,H=10 --episodes 2000 --out runs/ucbvi
              swiftrl theory run --algo ucbvi --algo epsmix --algo stepmix --mdp my.json --bonus-scale 0.1 --out r
              swiftrl theory run --algo ucbvi --algo lsvi-ucb --algo contrastive-ucb --mdp lowrank:S=50,A=4,H=10,d=5 \
                --rank 5 --bonus-scale 0.1 --episodes 2000 --out runs/linear
            """)

    @Option(
        name: .customLong("algo"),
        help: "Algorithm (repeat to compare): ucbvi, epsmix, stepmix, lsvi-ucb, contrastive-ucb.")
    var algorithms: [TheoryAlgorithm] = [.ucbvi]
    @Option(help: ArgumentHelp("The MDP.", discussion: TheoryMDPSource.help)) var mdp = "garnet:S=20,A=4,H=10"
    @Option(help: "Seed of the MDP generator (ignored for files).") var mdpSeed: UInt64 = 0
    @Option(parsing: .unconditional, help: "K, the number of episodes.") var episodes = 1000
    @Option(help: "Run seed; every random stream derives from it.") var seed: UInt64 = 1
    @Option(help: "Output directory.") var out = "runs/theory"
    @Option(help: "Bonus: hoeffding or bernstein.") var bonus: BonusKind = .hoeffding
    @Option(parsing: .unconditional, help: "c, the bonus scale (UCBVI's theory constant is 7).") var bonusScale = 1.0
    @Option(parsing: .unconditional, help: "δ, the failure probability in L = log(SAHK/δ).") var delta = 0.1
    @Option(parsing: .unconditional, help: "κ, the conservatism budget: V^{π_k} ≥ (1 − κ)V^b.") var kappa = 0.1
    @Option(help: "Baseline π^b: perturbed (0.7·greedy on noisy rewards + 0.3·uniform) or uniform.")
    var baseline: BaselineKind = .perturbed
    @Option(parsing: .unconditional, help: "Count violations of V_u ≥ this on the MDP's utility signal instead.")
    var utilityThreshold: Double?
    @Option(help: "LSVI-UCB features: a JSON file {\"dimension\": d, \"values\": [...]} (default: one-hot).")
    var features: String?
    @Option(parsing: .unconditional, help: "λ, LSVI-UCB's ridge.") var lambda = 1.0
    @Option(help: "d, the representation dimension of contrastive-ucb.") var rank = 5
    @Flag(help: "Print JSON instead of a table.") var json = false

    enum BonusKind: String, ExpressibleByArgument, CaseIterable { case hoeffding, bernstein }
    enum BaselineKind: String, ExpressibleByArgument, CaseIterable { case perturbed, uniform }

    /// What the command prints and writes.
    struct Report: Codable {
        var mdp: String
        var states: Int
        var actions: Int
        var horizon: Int
        var optimalValue: Double
        var baselineValue: Double
        var constraint: EpisodeConstraint
        var traces: [String: ExplorationTrace]
        var seconds: [String: Double]
    }

    func validate() throws {
        guard episodes > 0, episodes <= 10_000_000 else {
            throw ValidationError("--episodes must be in 1…10000000, got \(episodes)")
        }
        guard bonusScale >= 0, bonusScale.isFinite else {
            throw ValidationError("--bonus-scale must be ≥ 0, got \(bonusScale)")
        }
        guard delta > 0, delta < 1 else { throw ValidationError("--delta must be in (0, 1), got \(delta)") }
        guard kappa > 0, kappa <= 1 else { throw ValidationError("--kappa must be in (0, 1], got \(kappa)") }
        guard !algorithms.isEmpty else { throw ValidationError("give at least one --algo") }
        guard lambda > 0, lambda.isFinite else { throw ValidationError("--lambda must be > 0, got \(lambda)") }
        guard (1...1024).contains(rank) else { throw ValidationError("--rank must be in 1…1024, got \(rank)") }
    }

    func evaluate() throws -> Report {
        let model = try TheoryMDPSource.load(mdp, seed: mdpSeed)
        if utilityThreshold != nil && model.utilities == nil {
            throw ValidationError("--utility-threshold needs an MDP file with a `utilities` table")
        }
        var baselineRNG = Xoshiro256StarStar(seed: seed).derived("theory/baseline")
        let policy: EpisodicPolicy =
            switch baseline {
            case .perturbed: BaselinePolicy.perturbedGreedy(model, using: &baselineRNG)
            case .uniform:
                BaselinePolicy.uniform(
                    stateCount: model.stateCount, actionCount: model.actionCount, horizon: model.horizon)
            }
        let baselineValue = model.value(of: policy)
        let constraint =
            utilityThreshold.map { EpisodeConstraint(signal: .utility, threshold: $0) }
            ?? EpisodeConstraint(signal: .reward, threshold: (1 - kappa) * baselineValue)
        let planner = UCBVI(
            bonus: bonus == .hoeffding ? .hoeffding(scale: bonusScale) : .bernstein(scale: bonusScale), delta: delta)
        var report = Report(
            mdp: mdp, states: model.stateCount, actions: model.actionCount, horizon: model.horizon,
            optimalValue: model.optimal().value, baselineValue: baselineValue, constraint: constraint, traces: [:],
            seconds: [:])
        for algorithm in algorithms {
            var rng = Xoshiro256StarStar(seed: seed).derived("theory/\(algorithm.rawValue)")
            let start = Date()
            switch algorithm.exploration {
            case .some(let tabular):
                let explorer = try tabular.explorer(for: model, planner: planner, kappa: kappa, baseline: policy)
                report.traces[algorithm.rawValue] = ExplorationTrace.run(
                    explorer, in: model, episodes: episodes, constraint: constraint, using: &rng)
            case .none where algorithm == .lsviucb:
                let map = try features.map { try TheoryFeatureFile.load($0, stateCount: model.stateCount,
                                                                         actionCount: model.actionCount) }
                    ?? .oneHot(stateCount: model.stateCount, actionCount: model.actionCount)
                let beta = LSVIUCB.bonusMultiplier(
                    scale: bonusScale, dimension: map.dimension, horizon: model.horizon, episodes: episodes,
                    delta: delta)
                let learner = try LSVIUCB(features: map, horizon: model.horizon, beta: beta, lambda: lambda)
                report.traces[algorithm.rawValue] = ExplorationTrace.run(
                    learner, in: model, episodes: episodes, constraint: constraint, using: &rng)
            case .none:
                let beta = LSVIUCB.bonusMultiplier(
                    scale: bonusScale, dimension: rank, horizon: model.horizon, episodes: episodes, delta: delta)
                var initRNG = Xoshiro256StarStar(seed: seed).derived("theory/contrastive-ucb/init")
                let learner = try ContrastiveUCB(
                    stateCount: model.stateCount, actionCount: model.actionCount, horizon: model.horizon,
                    dimension: rank, beta: beta, lambda: lambda, using: &initRNG)
                report.traces[algorithm.rawValue] = ExplorationTrace.run(
                    learner, in: model, episodes: episodes, constraint: constraint, using: &rng)
            }
            report.seconds[algorithm.rawValue] = Date().timeIntervalSince(start)
        }
        return report
    }

    func run() throws {
        let report = try evaluate()
        let directory = URL(fileURLWithPath: out)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let data = try encoder.encode(report)
        try AtomicFile.write(data, to: directory.appendingPathComponent("results.json"))
        let order = algorithms.map(\.rawValue).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        for (name, metric) in [("regret", "cumulative regret"), ("violations", "cumulative violations")] {
            var plot = CurvePlot(
                name: name, title: "\(report.mdp): \(metric)", xLabel: "episodes", yLabel: metric)
            for key in order {
                guard let trace = report.traces[key] else { continue }
                plot.series.append(CurvePlot.Series(
                    label: TheoryAlgorithm(rawValue: key)?.label ?? key, run: "seed \(seed)",
                    steps: trace.checkpoints.map(Double.init),
                    values: name == "regret" ? trace.cumulativeRegret : trace.cumulativeViolations.map(Double.init)))
            }
            try AtomicFile.write(plot.svg, to: directory.appendingPathComponent("\(name).svg"))
        }
        if json {
            print(String(decoding: data, as: UTF8.self))
            return
        }
        print(String(
            format: "%@: S %d, A %d, H %d, V* %.4f, V^b %.4f; constraint V_%@ ≥ %.4f; K %d, seed %llu",
            report.mdp, report.states, report.actions, report.horizon, report.optimalValue, report.baselineValue,
            report.constraint.signal.rawValue, report.constraint.threshold, episodes, seed))
        print("algorithm  regret at K  regret at K/2  violations  rate      worst margin  exploration  seconds")
        for key in order {
            guard let trace = report.traces[key] else { continue }
            let half = trace.checkpoints.firstIndex { $0 >= episodes / 2 }.map { trace.cumulativeRegret[$0] } ?? .nan
            print(String(
                format: "%-9@  %11.2f  %13.2f  %10d  %6.3f%%  %+12.4f  %11.3f  %7.2f",
                (TheoryAlgorithm(rawValue: key)?.label ?? key) as NSString, trace.regret, half,
                trace.violations, 100 * Double(trace.violations) / Double(episodes),
                trace.minimumConstrainedValue - report.constraint.threshold, trace.meanExploration,
                report.seconds[key] ?? 0))
        }
        print("wrote \(out)/results.json, \(out)/regret.svg, \(out)/violations.svg")
    }
}

/// The algorithms `swiftrl theory run` offers: the tabular explorers and the linear ones.
enum TheoryAlgorithm: String, CaseIterable, ExpressibleByArgument {
    case ucbvi, epsmix, stepmix
    case lsviucb = "lsvi-ucb"
    case contrastiveucb = "contrastive-ucb"

    /// The tabular explorer, or nil for the linear learners.
    var exploration: ExplorationAlgorithm? { ExplorationAlgorithm(rawValue: rawValue) }

    var label: String {
        switch self {
        case .lsviucb: "LSVI-UCB"
        case .contrastiveucb: "ContrastiveUCB"
        default: exploration?.label ?? rawValue
        }
    }
}

/// A feature file for LSVI-UCB: `{"dimension": d, "values": [S·A·d numbers]}`.
enum TheoryFeatureFile {
    struct Contents: Codable {
        var dimension: Int
        var values: [Double]
    }

    static func load(_ path: String, stateCount: Int, actionCount: Int) throws -> FeatureMap {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw ValidationError("--features: cannot read \(path): \(error.localizedDescription)")
        }
        let contents: Contents
        do { contents = try JSONDecoder().decode(Contents.self, from: data) } catch {
            throw ValidationError(
                "--features: \(path) is not {\"dimension\": d, \"values\": [S·A·d numbers]}: \(error)")
        }
        do {
            return try FeatureMap(
                stateCount: stateCount, actionCount: actionCount, dimension: contents.dimension,
                values: contents.values)
        } catch { throw ValidationError("--features: \(path): \(error)") }
    }
}
