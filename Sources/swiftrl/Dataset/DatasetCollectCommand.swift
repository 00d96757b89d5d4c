import ArgumentParser
import Foundation
import Environments
import Offline

/// `swiftrl dataset collect`: record an offline dataset by rolling out a policy or a D4RL-style recipe.
struct DatasetCollectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collect",
        abstract: "Record an offline dataset: a policy's rollouts, or a D4RL-style recipe, with reference returns.",
        discussion: """
            Without --recipe, rolls out --policy (random, expert = the scripted point-maze planner or \
            --expert-policy, or a `swiftrl train` run directory) with the given noise. With --recipe, builds \
            random / medium / expert / medium-replay / medium-expert / mix:random=0.9,expert=0.1 from:
              point mazes: the scripted waypoint planner (expert σ 0.1; medium = ε 0.85 random actions;
                medium-replay = ε falling from 1 to 0.85),
              other environments: --medium-policy and --expert-policy run directories (medium-replay is the
                medium run's replay buffer), or --train-steps N to train SAC here and snapshot both.
            Reference returns (random / expert) are measured and stored with the dataset for normalised scores.
            --recipe stitching (NoisyCorridor-v0 or its oracle twin NoisyCorridorState-v0) records --episodes
            start→middle and middle→goal pieces each plus half as many random walks: a good policy must stitch them
            (the observation-histories reproduction; references random 0, expert 1).

            Examples:
              swiftrl dataset collect --env PointMaze_UMaze-v3 --recipe mix:random=0.9,expert=0.1 --episodes 100 \\
                --out umaze-mix.npz
              swiftrl dataset collect --env Pendulum-v1 --recipe medium-replay --train-steps 6000 --out pend-mr.npz
              swiftrl dataset collect --env NoisyCorridor-v0 --recipe stitching --episodes 8 --out corridor.npz
              swiftrl dataset collect --env Pendulum-v1 --policy runs/sac-Pendulum-v1-1 --episodes 50 --noise 0.1 \\
                --out pend-sac.npz
            """)

    @Option(help: "Environment id (see `swiftrl env list`).") var env: String
    @Option(help: "random, expert, or a run directory / checkpoint file (used without --recipe).")
    var policy = "random"
    @Option(
        help: ArgumentHelp(
            "random, medium, expert, medium-replay, medium-expert, mix:random=0.9,expert=0.1, or stitching "
                + "(NoisyCorridor)."))
    var recipe: String?
    @Option(help: "Episodes to record (per part for medium-expert).") var episodes = 100
    @Option(help: "Stop after this many steps in total (running episodes are cut, marked truncated).")
    var steps: Int?
    @Option(
        parsing: .unconditional,
        help: "Gaussian action noise σ, in half-widths of the action box (clipped to the box).")
    var noise: Double?
    @Option(
        parsing: .unconditional,
        help: "Probability of replacing an action with a uniformly random one.")
    var epsilon = 0.0
    @Option(help: "Run directory of the medium policy (its replay buffer gives medium-replay).")
    var mediumPolicy: String?
    @Option(help: "Run directory of the expert policy (also the expert reference).") var expertPolicy: String?
    @Option(help: "Train SAC for this many steps here to get the medium and expert policies.") var trainSteps: Int?
    @Flag(help: "Record trained policies' modes instead of sampling from them.") var deterministic = false
    @Option(help: "Override the environment's time limit.") var maxEpisodeSteps: Int?
    @Option(help: "Episodes of the expert reference-return measurement.") var referenceEpisodes = 20
    @Option(help: "Episodes of the random reference-return measurement (Minari's default 100).")
    var randomReferenceEpisodes = 100
    @Option(help: "Output: .npz, .hdf5 (D4RL flat) or a directory (Minari); HDF5 output needs the HDF5 trait.") var out: String
    @Option(help: "npz, d4rl or minari (default: from --out).") var format: String?
    @Option(help: "Seed; every draw derives from it.") var seed: UInt64 = 0

    mutating func validate() throws {
        guard episodes > 0 else { throw ValidationError("--episodes must be at least 1") }
        guard referenceEpisodes > 0, randomReferenceEpisodes > 0 else {
            throw ValidationError("--reference-episodes and --random-reference-episodes must be at least 1")
        }
        if let format, DatasetFile.Format(rawValue: format) == nil {
            throw ValidationError("--format must be npz, d4rl or minari, got \(format)")
        }
    }

    mutating func run() throws {
        if recipe == "stitching" {
            try collectCorridor()
            return
        }
        var collector = EpisodeCollector(environmentID: env, maxEpisodeSteps: maxEpisodeSteps)
        collector.parallelEpisodes = 16
        let isMaze = env.hasPrefix("PointMaze_")
        var behaviours = try makeBehaviours(collector)
        let dataset: OfflineDataset
        var metadata: DatasetMetadata
        var builder = DatasetBuilder(collector: collector, behaviours: behaviours)
        builder.referenceEpisodes = referenceEpisodes
        builder.randomReferenceEpisodes = randomReferenceEpisodes
        if let recipe {
            if !isMaze, let noise {
                behaviours.medium?.noise = ActionNoise(sigma: noise, randomActionProbability: epsilon)
                behaviours.expert?.noise = ActionNoise(sigma: noise, randomActionProbability: epsilon)
                builder.behaviours = behaviours
            }
            (dataset, metadata) = try builder.build(
                recipe: try DatasetRecipe(parsing: recipe), episodes: episodes, maxTransitions: steps, seed: seed)
        } else {
            let chosen = try policyBehaviour(behaviours, collector: collector)
            let recorded = try collector.collect(
                policy: chosen.policy, episodes: episodes, maxTransitions: steps, noise: { _ in chosen.noise },
                seed: seed)
            let (o, a) = try collector.dimensions()
            dataset = try OfflineDataset(
                episodes: recorded, observationDimension: o, actionDimension: a, actionSpace: collector.boxSpace())
            metadata = DatasetMetadata(
                environmentID: env, recipe: "policy", seed: seed, references: try builder.referenceReturns(seed: seed),
                parts: [.init(source: "policy", behaviour: chosen.description, episodes: recorded)],
                notes: behaviours.notes)
        }
        try DatasetFile.write(dataset, metadata: metadata, to: out, format: format.flatMap(DatasetFile.Format.init))
        let stats = dataset.rewardStatistics
        print("wrote \(out): \(dataset.episodes.count) episodes, \(dataset.count) steps, "
              + String(format: "return %.2f ± %.2f", stats.returnMean, stats.returnStandardDeviation))
        for part in metadata.parts {
            print(String(format: "  %@: %@, %d episodes, mean return %.2f", part.source, part.behaviour, part.episodes, part.meanReturn))
        }
        if let references = metadata.references {
            let score = (try? references.normalized(stats.returnMean)).map { String(format: "%.1f", $0) } ?? "n/a"
            print(String(format: "  references: random %.2f, expert %.2f (dataset normalised score %@)",
                         references.random, references.expert, score))
        } else {
            print("  no expert reference (pass --expert-policy or use a point maze) — normalised scores unavailable")
        }
    }

    /// `--recipe stitching` on `NoisyCorridor-v0` (noisy observations) or `NoisyCorridorState-v0` (true cell):
    /// --episodes approach and finish episodes each, plus half as many random walks.
    private func collectCorridor() throws {
        guard env == "NoisyCorridor-v0" || env == "NoisyCorridorState-v0" else {
            throw ValidationError(
                "--recipe stitching is the noisy corridor's recipe; use --env NoisyCorridor-v0 or "
                    + "NoisyCorridorState-v0")
        }
        let recipe = try NoisyCorridorRecipe(
            episodesPerFamily: episodes, randomEpisodes: episodes / 2, corridor: try NoisyCorridor())
        let built = try recipe.build(seed: seed)
        let dataset = env == "NoisyCorridor-v0" ? built.noisy : built.oracle
        let metadata = DatasetMetadata(
            environmentID: env, recipe: "stitching", seed: seed, references: ReferenceReturns(random: 0, expert: 1),
            parts: [
                .init(
                    source: "stitching", behaviour: "approach, finish and random families",
                    episodes: dataset.episodes)
            ],
            notes: ["approach: start 0, right (p 0.9) to the middle then left (p 0.8); finish: start at the middle, "
                + "right (p 0.8) to the goal; random: uniform actions from 0"])
        try DatasetFile.write(dataset, metadata: metadata, to: out, format: format.flatMap(DatasetFile.Format.init))
        let stats = dataset.rewardStatistics
        print("wrote \(out): \(dataset.episodes.count) episodes, \(dataset.count) steps, "
              + String(format: "return %.2f ± %.2f", stats.returnMean, stats.returnStandardDeviation))
    }

    private func makeBehaviours(_ collector: EpisodeCollector) throws -> BehaviourSet {
        if env.hasPrefix("PointMaze_"), mediumPolicy == nil, expertPolicy == nil, trainSteps == nil {
            return try BehaviourSet.pointMaze(collector)
        }
        var medium = try mediumPolicy.map { try BehaviourSet.readCheckpoint(URL(fileURLWithPath: $0)) }
        var expert = try expertPolicy.map { try BehaviourSet.readCheckpoint(URL(fileURLWithPath: $0)) }
        if let trainSteps, medium == nil || expert == nil {
            let randomReturn = try DatasetBuilder(collector: collector, behaviours: BehaviourSet(
                random: Behaviour(collector.randomPolicy()))).randomReturn(
                    episodes: referenceEpisodes, seed: seed)
            let trained = try BehaviourTraining(environmentID: env, totalSteps: trainSteps)
                .run(randomReturn: randomReturn, seed: seed, log: { print($0) })
            print("trained sac: medium snapshot at step \(trained.mediumStep), expert at \(trainSteps)")
            medium = medium ?? trained.medium
            expert = expert ?? trained.expert
        }
        return try BehaviourSet.trained(
            collector, medium: medium, expert: expert, noise: ActionNoise(sigma: noise ?? 0, randomActionProbability: epsilon),
            deterministic: deterministic)
    }

    private func policyBehaviour(_ behaviours: BehaviourSet, collector: EpisodeCollector) throws -> Behaviour {
        let noise = ActionNoise(sigma: self.noise ?? 0, randomActionProbability: epsilon)
        switch policy {
        case "random": return Behaviour(behaviours.random.policy, noise: noise)
        case "expert":
            if env.hasPrefix("PointMaze_") && expertPolicy == nil {
                return Behaviour(try WaypointExpert(environmentID: env), noise: noise)
            }
            guard let expert = behaviours.expert else {
                throw ValidationError("--policy expert needs a point maze or --expert-policy <run-dir>")
            }
            return Behaviour(expert.policy, noise: noise)
        default:
            let checkpoint = try BehaviourSet.readCheckpoint(URL(fileURLWithPath: policy))
            return Behaviour(try BehaviourSet.loadPolicy(checkpoint, deterministic: deterministic), noise: noise)
        }
    }
}
