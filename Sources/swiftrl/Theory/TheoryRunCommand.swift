import Algorithms
import ArgumentParser
import Environments
import Experiments
import Foundation
import Tensor

/// `swiftrl theory run`: UCBVI / EpsMix / StepMix online on one MDP with exact regret and violation accounting.
struct TheoryRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run UCBVI, EpsMix or StepMix on an episodic MDP; print regret and violations, write an SVG.",
        discussion: """
            Every episode's policy is evaluated exactly in the true MDP: regret Σ_k V* − V^{π_k} and the number of
            episodes whose policy violates the constraint. The constraint is V_u^{π_k} ≥ --utility-threshold on the
            MDP's utility signal when given, otherwise the conservative one V^{π_k} ≥ (1 − κ)V^b with the baseline
            π^b (--baseline). StepMix and EpsMix (Li et al., ICML 2023, arXiv:2306.06265) keep to
            (1 − κ)V^b; V^b is computed exactly from the MDP (the paper assumes it known).
            Writes <out>/regret.svg, <out>/violations.svg and <out>/results.json.

            Examples:
              swiftrl theory run --algo ucbvi --mdp garnet:S=20,A=4,H=10 --episodes 2000 --out runs/ucbvi
              swiftrl theory run --algo ucbvi --algo epsmix --algo stepmix --mdp my.json --bonus-scale 0.1 --out r
            """)

    @Option(name: .customLong("algo"), help: "Algorithm (repeat to compare): ucbvi, epsmix, stepmix.")
    var algorithms: [ExplorationAlgorithm] = [.ucbvi]
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
            let explorer = try algorithm.explorer(for: model, planner: planner, kappa: kappa, baseline: policy)
            let start = Date()
            report.traces[algorithm.rawValue] = ExplorationTrace.run(
                explorer, in: model, episodes: episodes, constraint: constraint, using: &rng)
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
                    label: ExplorationAlgorithm(rawValue: key)?.label ?? key, run: "seed \(seed)",
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
                (ExplorationAlgorithm(rawValue: key)?.label ?? key) as NSString, trace.regret, half,
                trace.violations, 100 * Double(trace.violations) / Double(episodes),
                trace.minimumConstrainedValue - report.constraint.threshold, trace.meanExploration,
                report.seconds[key] ?? 0))
        }
        print("wrote \(out)/results.json, \(out)/regret.svg, \(out)/violations.svg")
    }
}

extension ExplorationAlgorithm: ExpressibleByArgument {}
