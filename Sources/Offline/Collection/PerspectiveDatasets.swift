import Foundation
import RLCore
import Tensor

/// The five datasets of Schweighofer et al. (2022, "A Dataset Perspective on Offline RL", §4, authors'
/// `train_online.py`), all from one online DQN run.
public enum PerspectiveRecipe: String, CaseIterable, Codable, Sendable {
    /// Uniformly random actions.
    case random
    /// Every transition the online DQN saw (its replay buffer, which holds the whole run).
    case replay
    /// The final greedy DQN policy ("fully" trained).
    case expert
    /// The final policy with ε = 0.2 random actions.
    case noisy
    /// 80 % of the transitions random, 20 % expert.
    case mixed
}

/// Builds the five ``PerspectiveRecipe`` datasets of one environment from one online DQN run: trains DQN (the
/// environment's preset, ``BehaviourTraining`` with `dqn`), takes its replay buffer (``ReplayEpisodes``), its best
/// evaluation return (the TQ "best" reference) and its final policy, and records the random, expert, noisy and
/// mixed datasets with ``EpisodeCollector`` (``transitions`` steps each, the last episode cut and marked truncated).
public struct PerspectiveDatasetBuilder {
    /// The environment (Discrete actions; the study: CartPole-v1, MountainCar-v0, MiniGrid, MinAtar).
    public var environmentID: String
    /// Online DQN environment steps (the study: 100,000 for the classic-control tasks).
    public var onlineSteps: Int
    /// Transitions per recorded dataset (the study: as many as the online run).
    public var transitions: Int
    /// ε of the noisy dataset (the study: 0.2).
    public var noise = 0.2
    /// Fraction of random transitions in the mixed dataset (the study: 0.8).
    public var mixedRandomFraction = 0.8
    /// Online evaluations (each 5 episodes) over the run; the best one is the TQ reference.
    public var evaluations = 20

    /// A builder.
    public init(environmentID: String, onlineSteps: Int, transitions: Int) {
        self.environmentID = environmentID
        self.onlineSteps = onlineSteps
        self.transitions = transitions
    }

    /// The datasets and the references of one run.
    public struct Result {
        /// The five datasets.
        public var datasets: [PerspectiveRecipe: OfflineDataset]
        /// The random dataset's mean episode return (TQ's 0).
        public var randomReturn: Double
        /// The best return of the online run (TQ's 1): its best evaluation, or the mean episode return of the
        /// replay, expert or noisy dataset if one is higher (the final policy recorded over many more episodes).
        public var bestReturn: Double
        /// (environment step, mean evaluation return) of the online run.
        public var curve: [(step: Int, meanReturn: Double)]

        /// The TQ references.
        public var references: ReferenceReturns { ReferenceReturns(random: randomReturn, expert: bestReturn) }
    }

    /// Trains the online DQN and records the datasets; every draw derives from `seed`.
    /// - Throws: ``CollectionError`` for a non-Discrete environment, bad settings, or training/collection errors.
    public func build(seed: UInt64, log: @escaping (String) -> Void = { _ in }) throws(CollectionError) -> Result {
        guard onlineSteps > 0, transitions > 0 else {
            throw CollectionError("onlineSteps (\(onlineSteps)) and transitions (\(transitions)) must be positive")
        }
        guard (0...1).contains(noise), (0...1).contains(mixedRandomFraction) else {
            throw CollectionError("noise ε and the mixed random fraction must be in [0, 1]")
        }
        let collector = EpisodeCollector(environmentID: environmentID)
        guard case .discrete = try collector.space() else {
            throw CollectionError(
                "\(environmentID) has no Discrete actions; the study's datasets come from an online DQN")
        }
        let root = Xoshiro256StarStar(seed: seed)
        func streamSeed(_ name: String) -> UInt64 {
            var rng = root.derived(name)
            return rng.next()
        }
        let random = try collector.collect(
            policy: try collector.randomPolicy(), episodes: transitions, maxTransitions: transitions,
            seed: streamSeed("random"))
        let randomReturn = random.map(\.totalReward).reduce(0, +) / Double(max(random.count, 1))
        var training = BehaviourTraining(environmentID: environmentID, totalSteps: onlineSteps)
        training.algorithm = "dqn"
        training.evaluateEvery = max(1, onlineSteps / max(evaluations, 1))
        let run = try training.run(randomReturn: randomReturn, seed: streamSeed("online"), log: log)
        let onlineBest = run.curve.map(\.meanReturn).max() ?? randomReturn
        let replay = try ReplayEpisodes.episodes(from: run.expert)
        let expertPolicy = try BehaviourSet.loadPolicy(run.expert, deterministic: true)
        let expert = try collector.collect(
            policy: expertPolicy, episodes: transitions, maxTransitions: transitions, seed: streamSeed("expert"))
        let noisy = try collector.collect(
            policy: expertPolicy, episodes: transitions, maxTransitions: transitions,
            noise: { _ in ActionNoise(randomActionProbability: noise) }, seed: streamSeed("noisy"))
        let randomPart = Int((mixedRandomFraction * Double(transitions)).rounded())
        var mixed: [OfflineEpisode] = []
        if randomPart > 0 {
            mixed += try collector.collect(
                policy: try collector.randomPolicy(), episodes: randomPart, maxTransitions: randomPart,
                seed: streamSeed("mixed-random"))
        }
        if transitions - randomPart > 0 {
            mixed += try collector.collect(
                policy: expertPolicy, episodes: transitions - randomPart, maxTransitions: transitions - randomPart,
                seed: streamSeed("mixed-expert"))
        }
        let datasetBest = [replay, expert, noisy].map { e in
            e.map(\.totalReward).reduce(0, +) / Double(max(e.count, 1))
        }
        let bestReturn = max(onlineBest, datasetBest.max() ?? onlineBest)
        guard bestReturn > randomReturn else {
            throw CollectionError(
                "the online DQN never beat the random policy (best \(bestReturn) ≤ random \(randomReturn)), so TQ is "
                    + "undefined; train it longer (onlineSteps \(onlineSteps))")
        }
        let (o, _) = try collector.dimensions()
        var datasets: [PerspectiveRecipe: OfflineDataset] = [:]
        for (recipe, episodes) in [
            (PerspectiveRecipe.random, random), (.replay, replay), (.expert, expert), (.noisy, noisy), (.mixed, mixed),
        ] {
            do {
                datasets[recipe] = try OfflineDataset(episodes: episodes, observationDimension: o, actionDimension: 1)
            } catch { throw CollectionError("the \(recipe.rawValue) episodes do not form a valid dataset: \(error)") }
        }
        return Result(datasets: datasets, randomReturn: randomReturn, bestReturn: bestReturn, curve: run.curve)
    }

    /// Metadata for one recipe's file (references = the run's random and best returns).
    public func metadata(_ recipe: PerspectiveRecipe, result: Result, seed: UInt64) -> DatasetMetadata {
        let episodes = result.datasets[recipe]?.episodes ?? []
        return DatasetMetadata(
            environmentID: environmentID, recipe: recipe.rawValue, seed: seed, references: result.references,
            parts: [DatasetMetadata.Part(source: recipe.rawValue, behaviour: "dqn run", episodes: episodes)],
            notes: [
                "Schweighofer et al. 2022 dataset `\(recipe.rawValue)` from one online DQN run of \(onlineSteps) steps",
                "references: random = the random dataset's mean return, expert = the best online evaluation return",
            ])
    }
}
