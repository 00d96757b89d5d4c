import Algorithms
import ArgumentParser
import Environments
import Experiments
import Foundation
import Tensor

/// `swiftrl theory surprise`: Adversarial Surprise and the single-policy surprise baselines on a SurpriseRooms grid.
struct TheorySurpriseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "surprise",
        abstract: "Train Adversarial Surprise / surprise-max / SMiRL / random on SurpriseRooms; print coverage.",
        discussion: """
            Adversarial Surprise (Fickinger et al. 2021, arXiv:2107.07394): Explore and Control alternate rounds on
            one body; Control is rewarded with log p_θ(o) (a per-feature categorical density fitted within the
            episode on Control's observations from --no-reward-time · --round-length on), Explore with minus
            Control's return in the next round. Policies are tabular Q-learners over (cell, time bucket).
            Coverage is the number of distinct cells visited per evaluation episode (ε 0.05, no learning).
            Layouts use # wall, . floor, S start, N noisy (flickering) floor, D dark floor, B freeze switch; rows
            separated by /. Writes <out>/results.json and <out>/coverage.svg.

            Examples:
              swiftrl theory surprise --episodes 2000 --out runs/surprise
              swiftrl theory surprise --method adversarial-surprise --method smirl --round-length 32 --seed 3
              swiftrl theory surprise --layout '#######/#S.NNB#/#DD...#/#######' --episodes 500
            """)

    @Option(
        name: .customLong("method"),
        help: "Method (repeat to compare): adversarial-surprise, surprise-max, smirl, random.")
    var methods: [MethodArgument] = MethodArgument.allCases
    @Option(parsing: .unconditional, help: "Training episodes per method.") var episodes = 2000
    @Option(parsing: .unconditional, help: "Evaluation episodes per method.") var evalEpisodes = 100
    @Option(help: "Run seed; every random stream derives from it.") var seed: UInt64 = 1
    @Option(help: "Rounds per episode (the paper's --number-round).") var rounds = 4
    @Option(help: "Steps per round (the paper's --length-round; 32 there).") var roundLength = 16
    @Option(parsing: .unconditional, help: "Reward-free fraction of each Control round (--no-reward-time).")
    var noRewardTime = 0.5
    @Flag(help: "Let Control play the first round (Explore plays first by default).") var controlFirst = false
    @Option(help: "Layout: fourrooms or rows separated by /.") var layout = "fourrooms"
    @Option(help: "Colours a noisy cell can show.") var colours = 4
    @Option(help: "View radius r of the (2r + 1)² egocentric window.") var viewRadius = 1
    @Option(help: "Time buckets of the policies' state (cell, bucket).") var timeBuckets = 16
    @Option(parsing: .unconditional, help: "α, the Q-learning step size.") var learningRate = 0.1
    @Option(help: "Output directory.") var out = "runs/surprise"
    @Flag(help: "Print JSON instead of a table.") var json = false

    enum MethodArgument: String, CaseIterable, ExpressibleByArgument {
        case adversarialSurprise = "adversarial-surprise"
        case surpriseSeeking = "surprise-max"
        case surpriseMinimizing = "smirl"
        case random

        var method: SurpriseMethod { SurpriseMethod(rawValue: rawValue) ?? .random }
    }

    /// One method's numbers.
    struct MethodReport: Codable {
        var coverage: Double
        var coverageStandardDeviation: Double
        var noisyFraction: Double
        var darkFraction: Double
        var switchRate: Double
        var trainingCoverage: [Double]
        var seconds: Double
    }

    func validate() throws {
        guard episodes > 0, episodes <= 10_000_000 else {
            throw ValidationError("--episodes must be in 1…10000000, got \(episodes)")
        }
        guard evalEpisodes > 0, evalEpisodes <= 1_000_000 else {
            throw ValidationError("--eval-episodes must be in 1…1000000, got \(evalEpisodes)")
        }
        guard !methods.isEmpty else { throw ValidationError("give at least one --method") }
    }

    func evaluate() throws -> [String: MethodReport] {
        let rows = layout == "fourrooms" ? SurpriseRooms.fourRooms : layout.split(separator: "/").map(String.init)
        let environment = try SurpriseRooms(layout: rows, viewRadius: viewRadius, colours: colours)
        var learner = TabularTDConfig()
        learner.learningRate = learningRate
        let config = try SurpriseExplorationConfig(
            schedule: AlternatingSchedule(
                rounds: rounds, roundLength: roundLength, noRewardTime: noRewardTime, explorerFirst: !controlFirst),
            learner: learner, timeBuckets: timeBuckets)
        var reports: [String: MethodReport] = [:]
        for argument in methods where reports[argument.rawValue] == nil {
            let start = Date()
            var run = try SurpriseExplorationRun(
                method: argument.method, environment: environment, config: config, seed: seed)
            let training = try run.train(episodes: episodes)
            let evaluation = try run.evaluate(episodes: evalEpisodes)
            let coverage = SeedSummary(evaluation.map { Double($0.distinctCells) })
            let steps = Double(evaluation.count * config.schedule.episodeLength)
            let block = max(1, episodes / 50)
            reports[argument.rawValue] = MethodReport(
                coverage: coverage.mean, coverageStandardDeviation: coverage.standardDeviation,
                noisyFraction: Double(evaluation.reduce(0) { $0 + $1.noisySteps }) / steps,
                darkFraction: Double(evaluation.reduce(0) { $0 + $1.darkSteps }) / steps,
                switchRate: Double(evaluation.filter(\.usedSwitch).count) / Double(evaluation.count),
                trainingCoverage: stride(from: 0, to: training.count, by: block).map { index in
                    SeedSummary(training[index..<min(index + block, training.count)].map { Double($0.distinctCells) })
                        .mean
                },
                seconds: Date().timeIntervalSince(start))
        }
        return reports
    }

    func run() throws {
        let reports = try evaluate()
        let directory = URL(fileURLWithPath: out)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let data = try encoder.encode(reports)
        try AtomicFile.write(data, to: directory.appendingPathComponent("results.json"))
        let block = max(1, episodes / 50)
        var plot = CurvePlot(
            name: "coverage", title: "Distinct cells per training episode", xLabel: "training episodes",
            yLabel: "distinct cells per episode")
        let order = methods.map(\.rawValue).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        for key in order {
            guard let report = reports[key] else { continue }
            plot.series.append(CurvePlot.Series(
                label: SurpriseMethod(rawValue: key)?.label ?? key, run: "seed \(seed)",
                steps: report.trainingCoverage.indices.map { Double(min(($0 + 1) * block, episodes)) },
                values: report.trainingCoverage))
        }
        try AtomicFile.write(plot.svg, to: directory.appendingPathComponent("coverage.svg"))
        if json {
            print(String(decoding: data, as: UTF8.self))
            return
        }
        print("method                   cells/episode   noisy   dark   switch  seconds")
        for key in order {
            guard let report = reports[key] else { continue }
            print(String(
                format: "%-23@  %6.2f ± %5.2f  %6.3f  %5.3f  %6.2f  %7.2f",
                (SurpriseMethod(rawValue: key)?.label ?? key) as NSString, report.coverage,
                report.coverageStandardDeviation, report.noisyFraction, report.darkFraction, report.switchRate,
                report.seconds))
        }
        print("wrote \(out)/results.json, \(out)/coverage.svg")
    }
}
