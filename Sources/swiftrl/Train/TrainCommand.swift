import Algorithms
import ArgumentParser
import Foundation
import RLCore
import ScaleOut
import Tracking

/// `swiftrl train <algo> --env <id>`: trains with the tuned preset, writes a run directory.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train an algorithm; writes runs/<env>__<algo>__<seed>__<time>/.",
        discussion: """
            Uses the algorithm's tuned preset for the environment when there is one (see Presets/) or the preset
            family named with --preset, then the YAML file given with --config, then each --set override. The
            resolved config is written to config.yaml in the run directory; metrics go to metrics.csv and
            TensorBoard event files.

            Examples:
              swiftrl train ppo --env CartPole-v1
              swiftrl train ppo --env CartPole-v1 --seed 3 --set ppo.clipRange=0.1 --set env.numEnvs=16
              swiftrl train ppo --env Pendulum-v1 --config Presets/ppo-Pendulum-v1.yaml
              swiftrl train ppo --env CartPole-v1 --preset cleanrl
              swiftrl train ppo --env CartPole-v1 --resume runs/CartPole-v1__ppo__1__1764230000
            """
    )

    @Argument(help: ArgumentHelp("Algorithm to train.", discussion: "One of: \(AlgorithmRegistry.names.joined(separator: ", ")).")) var algorithm: String
    @Option(help: "Gymnasium-style environment id.") var env = "CartPole-v1"
    @Option(help: "Run seed; every RNG stream is derived from it.") var seed: UInt64?
    @Option(help: "Training budget in environment steps (default: the preset's).") var totalSteps: Int?
    @Option(help: "Preset family: tuned (RL Zoo's values; default) or one the algorithm names, e.g. ppo's cleanrl.")
    var preset = "tuned"
    @Option(help: "YAML file merged over the preset.") var config: String?
    @Option(name: .customLong("set"), help: ArgumentHelp("Override a config field.", valueName: "key=value"))
    var overrides: [String] = []
    @Option(help: "Folder that holds run directories.") var runDir = "runs"
    @Option(help: "Continue this run directory from its newest checkpoint.") var resume: String?
    @Flag(help: "Also print metric blocks to standard output.") var console = false
    @Flag(help: "No progress line.") var quiet = false
    @Flag(help: "Print the resolved config as YAML and exit without training.") var printConfig = false
    @Option(help: ArgumentHelp("Also write a JSON summary of the run here (used by `swiftrl benchmark`).", visibility: .hidden))
    var summaryJSON: String?
    @Flag(help: ArgumentHelp("Print the JSON summary as a final `swiftrl-result:` line (used by sweep executors).",
                             visibility: .hidden))
    var resultLine = false

    func validate() throws {
        for text in overrides where !text.contains("=") {
            throw ValidationError("--set \(text) needs key=value, e.g. --set ppo.gaeLambda=0.9")
        }
        if let totalSteps, totalSteps <= 0 { throw ValidationError("--total-steps must be positive, got \(totalSteps)") }
    }

    @OptionGroup(title: "Threads") var threading: ThreadOptions

    func run() throws {
        threading.apply()
        BackendNotice.printIfSlow()
        let type = try AlgorithmRegistry.type(named: algorithm)
        var options = RunSession.Options()
        options.root = URL(fileURLWithPath: runDir)
        options.console = console
        options.progress = !quiet
        let request = TrainingRequest(
            environmentID: env, seed: seed, totalSteps: totalSteps, configFile: config.map { URL(fileURLWithPath: $0) },
            overrides: overrides, resume: resume.map { URL(fileURLWithPath: $0) }, session: options, preset: preset)
        if printConfig {
            StandardTextOutput(.output).write(try Self.resolvedYAML(type, request: request))
            return
        }
        let outcome = try Self.train(type, request: request)
        TrainingSummary(outcome: outcome).print()
        if let summaryJSON { try RunReport(outcome: outcome).write(to: URL(fileURLWithPath: summaryJSON)) }
        if resultLine { StandardTextOutput(.output).write(try RunReport(outcome: outcome).resultLine() + "\n") }
    }

    static func resolvedYAML<A: ConfigurableAlgorithm>(_ type: A.Type, request: TrainingRequest) throws -> String {
        try ConfigLoader.yaml(try TrainingRun.resolveConfig(type, request: request))
    }

    static func train<A: ConfigurableAlgorithm>(_ type: A.Type, request: TrainingRequest) throws -> TrainingOutcome {
        try TrainingRun.train(type, request: request)
    }
}

/// The closing lines of `train` and `quickstart`: final return, wall time, where the files are.
struct TrainingSummary {
    var outcome: TrainingOutcome

    func print() {
        let out = StandardTextOutput(.output)
        if let last = outcome.evaluations.last {
            out.write(
                String(
                    format: "evaluation: %.1f ± %.1f over %d episodes at step %d\n", last.result.mean,
                    last.result.standardDeviation, last.result.returns.count, last.step))
        }
        if let reached = outcome.firstReached {
            out.write(
                String(format: "reached %.1f at step %d after %.1f s\n", reached.result.mean, reached.step, reached.wallSeconds))
        }
        out.write(String(format: "trained %d steps in %.1f s\n", outcome.finalStep, outcome.wallSeconds))
        out.write("run directory: \(outcome.run.url.path)\n")
        if let checkpoint = outcome.checkpoint { out.write("checkpoint:    \(checkpoint.weights.path)\n") }
        out.write("watch it:      tensorboard --logdir \(outcome.run.url.deletingLastPathComponent().path)\n")
    }
}
