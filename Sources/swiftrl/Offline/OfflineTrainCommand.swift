import ArgumentParser
import Foundation
import Offline
import RLCore
import Tensor
import Tracking

/// `swiftrl offline train <algo> --dataset <path> --env <id>`: trains on a dataset, evaluates online, writes a run
/// directory.
struct OfflineTrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train an offline RL algorithm on a dataset; writes runs/<env>__<algo>__<seed>__<time>/.",
        discussion: """
            Samples batches of 256 from the dataset (states normalised with its mean/std), runs --steps gradient
            steps, and every --eval-every steps evaluates the deterministic policy for --eval-episodes episodes on
            a separately seeded copy of --env, printing the return and the normalised score
            100·(R − R_random)/(R_expert − R_random) (references from the dataset's ref_min_score/ref_max_score,
            or --ref-random/--ref-expert). Hyper-parameters: the paper's defaults, then --config, then --set
            (dotted keys; a bare key sets the algorithm's own field: --set alpha=5 = --set td3bc.alpha=5).
            Checkpoints (weights, optimizer moments, batch sampler and random streams) go to checkpoints/ every
            --checkpoint-every steps and at the end; --resume runs/<run> with the run's own options continues from the
            newest complete one and ends exactly as an uninterrupted run (a command line whose settings differ from
            the run's config.yaml is refused).

            Examples:
              swiftrl offline train td3bc --dataset pendulum-medium.npz --env Pendulum-v1
              swiftrl offline train prdc --dataset maze-mixed.npz --env PointMaze_UMaze-v3 --set beta=2 --steps 50000
              swiftrl offline train iql --dataset hopper-medium.hdf5 --env Hopper-v4 --set trainer.batchSize=512
              swiftrl offline train td3bc --dataset pendulum-medium.npz --env Pendulum-v1 --resume runs/<run>
              swiftrl offline train cql-discrete --dataset replay.npz --env CartPole-v1 --set trainer.batchSize=128
            Discrete-action environments take the discrete learners (bc-discrete, bve, mce, dqn, qr-dqn, rem,
            bcq-discrete, cql-discrete, crr; shared settings under <name>.shared, e.g. --set shared.gamma=0.99).
            Observation histories (Hong, Dragan & Levine 2024): --set trainer.historyLength=4 trains on windows of
            the last 4 steps (observation, previous action, mask) and evaluates on history4/<env>; dqn and
            cql-discrete then read them through a GRU with --set representation.encoderWidth=32 and add the
            bisimulation loss with --set representation.bisimulationWeight=1 (c_bisim; J(φ) is logged as
            losses/bisimulation), e.g.
              swiftrl dataset collect --env NoisyCorridor-v0 --recipe stitching --episodes 8 --out corridor.npz
              swiftrl offline train cql-discrete --dataset corridor.npz --env NoisyCorridor-v0 \\
                --set trainer.historyLength=4 --set representation.encoderWidth=32 \\
                --set representation.bisimulationWeight=1 --set shared.learningRate=1e-3 --steps 3000
            """)

    @Argument(help: ArgumentHelp("Algorithm.", discussion: "One of: \(OfflineAlgorithmRegistry.names.joined(separator: ", ")).")) var algorithm: String
    @Option(help: "Dataset: .npz (D4RL flat layout), a D4RL .hdf5 file or a Minari directory.") var dataset: String
    @Option(help: "Environment id for evaluation (must match the dataset's spaces).") var env: String
    @Option(help: "Gradient steps.") var steps = 100_000
    @Option(help: "Gradient steps between evaluations (0: only at the end).") var evalEvery = 5_000
    @Option(help: "Episodes per evaluation.") var evalEpisodes = 10
    @Option(help: "Run seed; every RNG stream is derived from it.") var seed: UInt64 = 1
    @Option(help: "Folder that holds run directories.") var runDir = "runs"
    @Option(parsing: .unconditional, help: "Gradient steps between checkpoints (0: only at the end).")
    var checkpointEvery = 10_000
    @Option(help: "Continue this run directory from its newest complete checkpoint (give the run's own options).")
    var resume: String?
    @Option(
        parsing: .unconditional,
        help: "Random-policy reference return (overrides the dataset's).")
    var refRandom: Double?
    @Option(parsing: .unconditional, help: "Expert reference return (overrides the dataset's).") var refExpert: Double?
    @Option(help: "YAML file merged over the defaults.") var config: String?
    @Option(name: .customLong("set"), help: ArgumentHelp("Override a config field.", valueName: "key=value"))
    var overrides: [String] = []
    @Flag(help: "No progress line.") var quiet = false
    @Flag(help: "Print the resolved config as YAML and exit.") var printConfig = false

    func validate() throws {
        for text in overrides where !text.contains("=") {
            throw ValidationError("--set \(text) needs key=value, e.g. --set alpha=2.5")
        }
        guard steps > 0 else { throw ValidationError("--steps must be positive, got \(steps)") }
        guard checkpointEvery >= 0 else {
            throw ValidationError("--checkpoint-every must be ≥ 0, got \(checkpointEvery)")
        }
        guard evalEvery >= 0, evalEpisodes >= 0 else { throw ValidationError("--eval-every and --eval-episodes must be ≥ 0") }
        guard (refRandom == nil) == (refExpert == nil) else {
            throw ValidationError("give both --ref-random and --ref-expert, or neither")
        }
    }

    @OptionGroup(title: "Threads") var threading: ThreadOptions

    func run() throws {
        threading.apply()
        BackendNotice.printIfSlow()
        let type = try OfflineAlgorithmRegistry.type(named: algorithm)
        try train(type)
    }

    private func train<A: OfflineAlgorithm>(_ type: A.Type) throws {
        let (data, metadata, stored) = try DatasetFile.read(from: dataset)
        let references = refRandom.flatMap { r in refExpert.map { ReferenceReturns(random: r, expert: $0) } } ?? stored
        let defaults = OfflineRunConfig<A>(
            seed: seed, steps: steps, checkpointEvery: checkpointEvery, dataset: dataset, env: EnvironmentConfig(id: env),
            trainer: OfflineTrainerSettings(
                evaluation: EvaluationSettings(every: evalEvery, episodes: evalEpisodes), referenceReturns: references),
            hyperparameters: try Self.defaultConfig(A.self))
        let keys = Set(["algorithm", "seed", "steps", "checkpointEvery", "dataset", "env", "trainer", A.name])
        let qualified = overrides.map { text -> String in
            let key = text.split(separator: "=", maxSplits: 1)[0]
            let head = String(key.split(separator: ".")[0])
            return keys.contains(head) ? text : "\(A.name).\(text)"
        }
        var resolved = try ConfigLoader.load(
            defaults: defaults, file: config.map { URL(fileURLWithPath: $0) }, overrides: qualified)
        if var iql = resolved.hyperparameters as? IQLConfig,
            !qualified.contains(where: { $0.hasPrefix("iql.actorDecaySteps=") })
        {
            iql.actorDecaySteps = resolved.steps  // the official cosine runs over the whole training budget
            resolved.hyperparameters = iql as! A.Config
        }
        if printConfig {
            StandardTextOutput(.output).write(try ConfigLoader.yaml(resolved))
            return
        }
        var options = RunSession.Options()
        options.root = URL(fileURLWithPath: runDir)
        options.progress = !quiet
        let out = StandardTextOutput(.output)
        out.write(
            "\(A.name) on \(dataset)" + (metadata.map { " (\($0.recipe) from \($0.environmentID))" } ?? "")
                + ": \(data.episodes.count) episodes, \(data.count) transitions; evaluating on \(env)"
                + (references.map { " (references: random \($0.random), expert \($0.expert))" } ?? " (no reference returns)")
                + "\n")
        let printer = ClosureCallback { event, algorithm in
            guard case let .iterationFinished(step, metrics) = event,
                let mean = metrics.first(where: { $0.tag == OfflineMetricTag.evaluationReturn })?.value
            else { return .continue }
            let std = metrics.first { $0.tag == OfflineMetricTag.evaluationStd }?.value ?? 0
            let score = metrics.first { $0.tag == OfflineMetricTag.normalizedScore }?.value
            let sps = metrics.first { $0.tag == OfflineMetricTag.stepsPerSecond }?.value ?? 0
            out.write(
                String(format: "step %7d  return %9.2f ± %7.2f", step, mean, std)
                    + (score.map { String(format: "  normalised %6.1f", $0) } ?? "")
                    + String(format: "  (%.0f steps/s)\n", sps))
            return .continue
        }
        let outcome =
            try resume.map {
                out.write("resuming \($0)\n")
                return try OfflineRun.resume(
                    A.self, run: URL(fileURLWithPath: $0), dataset: data, config: resolved, options: options,
                    callbacks: [printer])
            } ?? OfflineRun.train(A.self, dataset: data, config: resolved, options: options, callbacks: [printer])
        if let final = outcome.final {
            out.write(
                String(format: "final return: %.2f ± %.2f over %d episodes at step %d\n", final.result.mean,
                       final.result.standardDeviation, final.result.returns.count, final.step))
            if let score = final.normalizedScore { out.write(String(format: "final normalised score: %.1f\n", score)) }
        }
        out.write(String(format: "trained %d steps in %.1f s\n", resolved.steps, outcome.wallSeconds))
        out.write("run directory: \(outcome.run.path)\n")
        if let checkpoint = outcome.checkpoint { out.write("checkpoint:    \(checkpoint.path)\n") }
    }

    /// The algorithm's default config (the paper's defaults).
    static func defaultConfig<A: OfflineAlgorithm>(_ type: A.Type) throws -> A.Config {
        guard let config = OfflineDefaultConfigs.config(for: A.name) as? A.Config else {
            throw ValidationError("no default config for \(A.name)")
        }
        return config
    }
}

/// Default configs by algorithm name.
enum OfflineDefaultConfigs {
    static func config(for name: String) -> Any? {
        switch name {
        case BC.name: BCConfig()
        case TD3BC.name: TD3BCConfig()
        case IQL.name: IQLConfig()
        case CQL.name: CQLConfig()
        case PRDC.name: PRDCConfig()
        case A2PR.name: A2PRConfig()
        case DiscreteBC.name: DiscreteBCConfig()
        case BVE.name: BVEConfig()
        case MCE.name: MCEConfig()
        case OfflineDQN.name: OfflineDQNConfig()
        case QRDQN.name: QRDQNConfig()
        case REM.name: REMConfig()
        case DiscreteBCQ.name: DiscreteBCQConfig()
        case DiscreteCQL.name: DiscreteCQLConfig()
        case CRR.name: CRRConfig()
        case ForwardBackward.name, VCFB.name, MCFB.name: FBConfig()
        default: nil
        }
    }
}
