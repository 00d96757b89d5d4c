import Algorithms
import ArgumentParser
import Foundation
import ScaleOut
import Tensor
import Tracking

/// `swiftrl benchmark`: several seeds × environments as separate runs (local processes, Ray jobs or a Slurm
/// array), a table of final returns and wall times.
struct BenchmarkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "benchmark",
        abstract: "Train several seeds/environments in parallel processes; table of returns (mean ± std) and times.",
        discussion: """
            Each (environment, seed) pair runs `swiftrl train` as its own job (at most --jobs processes at once
            locally, or on a Ray cluster / Slurm with --executor), with its run directory under --output/runs and
            its log in --output/logs. The plan is written to --output/plan.json first; each run's summary to
            --output/results. The final evaluation (10 deterministic episodes) of each run is aggregated per
            environment; with --stop-at-return the time and steps until an evaluation first reached the threshold
            are reported too. Results: a table on standard output, and benchmark.json / benchmark.csv / curves.svg
            in --output. Ctrl-C stops submitting; `--resume <output>` runs only what is missing.

            Examples:
              swiftrl benchmark --algo ppo --env-ids CartPole-v1 Acrobot-v1 --seeds 3 --jobs 2
              swiftrl benchmark --algo ppo --env-ids CartPole-v1 --seeds 3 --stop-at-return 475 --eval-every 2048
              swiftrl benchmark --algo a2c --env-ids CartPole-v1 --seeds 3 --total-steps 200000
              swiftrl benchmark --algo ppo --env-ids CartPole-v1 --seeds 10 --executor ray --ray-address http://head:8265
            """
    )

    @Option(help: "Algorithm to train.") var algo: String?
    @Option(parsing: .upToNextOption, help: "Environment ids.") var envIds: [String] = []
    @Option(help: "Number of seeds (1…N).") var seeds = 3
    @Option(help: "Preset family (default tuned; PPO also has cleanrl and cleanrl-continuous).") var preset: String?
    @Option(help: "Training budget override.") var totalSteps: Int?
    @Option(help: "Steps between evaluations.") var evalEvery: Int?
    @Option(
        parsing: .unconditional,
        help: "Stop each run once its evaluation mean reaches this (may be negative); reports the time to reach it.")
    var stopAtReturn: Double?
    @Option(name: .customLong("set"), help: ArgumentHelp("Override a config field.", valueName: "key=value"))
    var overrides: [String] = []
    @Option(help: "Folder for the plan, runs, logs and results.") var output = "benchmark"
    @OptionGroup var execution: ExecutorOptions

    func validate() throws {
        guard seeds > 0 else { throw ValidationError("--seeds must be positive, got \(seeds)") }
        if execution.resume == nil {
            guard algo != nil else { throw ValidationError("--algo is required (or --resume <folder>)") }
            guard !envIds.isEmpty else { throw ValidationError("--env-ids needs at least one environment id") }
        }
        for text in overrides where !text.contains("=") {
            throw ValidationError("--set \(text) needs key=value, e.g. --set ppo.gaeLambda=0.9")
        }
    }

    @OptionGroup(title: "Threads") var threading: ThreadOptions

    func run() throws {
        threading.apply()
        let (plan, directory) = try execution.planAndFolder(output: output) {
            let algo = self.algo ?? ""
            _ = try AlgorithmRegistry.type(named: algo)
            return try TrainingPlans.benchmark(TrainingPlans.Common(
                algorithm: algo, environments: envIds, seeds: (1...seeds).map { UInt64($0) }, totalSteps: totalSteps,
                evaluationEvery: evalEvery, stopAtReturn: stopAtReturn, overrides: overrides, preset: preset))
        }
        try TrainingPlanRunner.run(plan, in: directory, execution: execution, name: "benchmark")
    }

    static func executableURL() -> URL {
        let procSelf = URL(fileURLWithPath: "/proc/self/exe")
        if FileManager.default.fileExists(atPath: procSelf.path) { return procSelf.resolvingSymlinksInPath() }
        return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
    }
}
