import Tensor

/// Builds a dataset from a ``DatasetRecipe`` and a ``BehaviourSet``, measures the reference returns and describes
/// what it did (``DatasetMetadata``).
public struct DatasetBuilder {
    /// Records the episodes.
    public var collector: EpisodeCollector
    /// The behaviours.
    public var behaviours: BehaviourSet
    /// Episodes of the expert reference measurement. Default 20.
    public var referenceEpisodes = 20
    /// Episodes of the random reference measurement. Default 100, Minari's `num_episodes_average_score` (random
    /// episodes are cheap and their returns vary more than the expert's).
    public var randomReferenceEpisodes = 100

    /// A builder.
    public init(collector: EpisodeCollector, behaviours: BehaviourSet) {
        self.collector = collector
        self.behaviours = behaviours
    }

    /// Records `recipe`.
    /// - Parameters:
    ///   - episodes: episodes (per part for medium-expert; medium-replay from a replay buffer ignores it).
    ///   - maxTransitions: optional cap on the steps of each part.
    ///   - seed: the seed; each part draws from its own stream derived from it (by name).
    /// - Returns: the dataset and its metadata (reference returns included when an expert reference exists).
    /// - Throws: ``CollectionError`` when the recipe needs a behaviour the set lacks, or collection fails.
    public func build(recipe: DatasetRecipe, episodes: Int, maxTransitions: Int? = nil, seed: UInt64)
        throws(CollectionError) -> (OfflineDataset, DatasetMetadata)
    {
        let root = Xoshiro256StarStar(seed: seed)
        var parts: [DatasetMetadata.Part] = []
        var all: [OfflineEpisode] = []
        func record(_ source: DatasetRecipe, _ count: Int) throws(CollectionError) {
            var rng = root.derived(source.description)
            let partSeed = rng.next()
            let recorded: [OfflineEpisode]
            let description: String
            if source == .mediumReplay {
                guard let replay = behaviours.mediumReplay else {
                    throw CollectionError(
                        "medium-replay needs the replay buffer of the medium run; pass --medium-policy <run-dir> of an "
                            + "off-policy run (sac, td3)")
                }
                recorded = try replay(count, partSeed)
                description = "medium-replay"
            } else {
                let behaviour = try self.behaviour(source)
                recorded = try collector.collect(
                    policy: behaviour.policy, episodes: count, maxTransitions: maxTransitions,
                    noise: { _ in behaviour.noise }, seed: partSeed)
                description = behaviour.description
            }
            parts.append(DatasetMetadata.Part(source: source.description, behaviour: description, episodes: recorded))
            all += recorded
        }
        switch recipe {
        case .random, .medium, .expert, .mediumReplay: try record(recipe, episodes)
        case .mediumExpert:
            try record(.medium, episodes)
            try record(.expert, episodes)
        case .mixture(let components):
            let counts = DatasetRecipe.split(episodes, fractions: components.map(\.fraction))
            for (component, count) in zip(components, counts) where count > 0 { try record(component.source, count) }
        }
        let (o, a) = try collector.dimensions()
        let dataset: OfflineDataset
        do {
            dataset = try OfflineDataset(
                episodes: all, observationDimension: o, actionDimension: a, actionSpace: try collector.boxSpace())
        } catch { throw CollectionError("the recorded episodes do not form a valid dataset: \(error)") }
        let metadata = DatasetMetadata(
            environmentID: collector.environmentID, recipe: recipe.description, seed: seed,
            references: try referenceReturns(seed: seed), parts: parts, notes: behaviours.notes)
        return (dataset, metadata)
    }

    /// Mean returns of the random policy over ``randomReferenceEpisodes`` episodes and of the noiseless reference
    /// expert over ``referenceEpisodes`` episodes (their own seed streams), or nil without a reference expert.
    /// - Throws: ``CollectionError`` when collection fails.
    public func referenceReturns(seed: UInt64) throws(CollectionError) -> ReferenceReturns? {
        guard let expert = behaviours.referenceExpert else { return nil }
        var expertStream = Xoshiro256StarStar(seed: seed).derived("reference-expert")
        let random = try randomReturn(episodes: randomReferenceEpisodes, seed: seed)
        let recorded = try collector.collect(policy: expert, episodes: referenceEpisodes, seed: expertStream.next())
        return ReferenceReturns(random: random, expert: recorded.map(\.totalReward).reduce(0, +) / Double(max(recorded.count, 1)))
    }

    /// The random policy's mean return over `episodes` episodes (the "reference-random" stream of `seed`).
    /// - Throws: ``CollectionError`` when collection fails.
    public func randomReturn(episodes: Int, seed: UInt64) throws(CollectionError) -> Double {
        var stream = Xoshiro256StarStar(seed: seed).derived("reference-random")
        let recorded = try collector.collect(policy: behaviours.random.policy, episodes: episodes, seed: stream.next())
        return recorded.map(\.totalReward).reduce(0, +) / Double(max(recorded.count, 1))
    }

    private func behaviour(_ source: DatasetRecipe) throws(CollectionError) -> Behaviour {
        switch source {
        case .random: return behaviours.random
        case .medium:
            guard let medium = behaviours.medium else {
                throw CollectionError("this recipe needs a medium policy; pass --medium-policy <run-dir>")
            }
            return medium
        case .expert:
            guard let expert = behaviours.expert else {
                throw CollectionError("this recipe needs an expert policy; pass --expert-policy <run-dir>")
            }
            return expert
        default: throw CollectionError("`\(source)` cannot be part of a mixture; use random, medium or expert")
        }
    }
}
