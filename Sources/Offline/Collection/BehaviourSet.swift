import Environments

/// A behaviour policy with the noise it records with.
public struct Behaviour {
    /// The policy.
    public var policy: any CollectionPolicy
    /// Recording noise.
    public var noise: ActionNoise

    /// A behaviour.
    public init(_ policy: any CollectionPolicy, noise: ActionNoise = .none) {
        self.policy = policy
        self.noise = noise
    }

    /// `policy (σ …, ε …)`.
    public var description: String {
        var text = policy.name
        if noise.sigma > 0 || noise.randomActionProbability > 0 {
            text += " (σ \(noise.sigma), ε \(noise.randomActionProbability))"
        }
        return text
    }
}

/// The behaviours a recipe draws from for one environment, and the policies that define its reference returns.
public struct BehaviourSet {
    /// Uniformly random actions (also the "random" reference).
    public var random: Behaviour
    /// The medium behaviour, if available.
    public var medium: Behaviour?
    /// The expert behaviour (with recording noise), if available.
    public var expert: Behaviour?
    /// The expert without noise: its mean return is the "expert" reference. Nil: no normalised score.
    public var referenceExpert: (any CollectionPolicy)?
    /// Produces the medium-replay episodes: given the episode budget and a seed (a replay buffer ignores both).
    public var mediumReplay: ((Int, UInt64) throws(CollectionError) -> [OfflineEpisode])?
    /// How each behaviour was made, for the metadata (`medium: waypoint expert with ε 0.85`).
    public var notes: [String]

    /// A set; only `random` is required.
    public init(
        random: Behaviour, medium: Behaviour? = nil, expert: Behaviour? = nil,
        referenceExpert: (any CollectionPolicy)? = nil,
        mediumReplay: ((Int, UInt64) throws(CollectionError) -> [OfflineEpisode])? = nil, notes: [String] = []
    ) {
        self.random = random
        self.medium = medium
        self.expert = expert
        self.referenceExpert = referenceExpert
        self.mediumReplay = mediumReplay
        self.notes = notes
    }

    /// ε of the scripted maze "medium" behaviour: the waypoint expert replaced by a uniformly random action with
    /// probability 0.85 (measured: about 40 % normalised score in the U-maze, 35 % in the medium maze).
    public static let mazeMediumRandomActionProbability = 0.85
    /// σ of the Gaussian noise on the scripted maze expert's recorded actions (D4RL's maze2d planner data is noisy too).
    public static let mazeExpertSigma = 0.1

    /// The point-maze behaviours: random; expert = ``WaypointExpert`` with σ 0.1 noise; medium = the waypoint
    /// expert with ε = 0.85 random actions (and σ 0.1); medium-replay = a noise curriculum standing in for a
    /// learner's replay buffer, episodes whose ε falls linearly from 1 (random) to 0.85 (medium).
    /// - Throws: ``CollectionError`` for an id that is not a point maze.
    public static func pointMaze(_ collector: EpisodeCollector) throws(CollectionError) -> BehaviourSet {
        let expert = try WaypointExpert(environmentID: collector.environmentID)
        let random = try RandomPolicy(space: collector.actionSpace())
        let eps = mazeMediumRandomActionProbability, sigma = mazeExpertSigma
        return BehaviourSet(
            random: Behaviour(random), medium: Behaviour(expert, noise: ActionNoise(sigma: sigma, randomActionProbability: eps)),
            expert: Behaviour(expert, noise: ActionNoise(sigma: sigma)), referenceExpert: expert,
            mediumReplay: { (episodes, seed) throws(CollectionError) in
                try collector.collect(
                    policy: expert, episodes: episodes,
                    noise: { index in
                        let progress = episodes > 1 ? Double(index) / Double(episodes - 1) : 1
                        return ActionNoise(sigma: sigma, randomActionProbability: 1 - progress * (1 - eps))
                    }, seed: seed)
            },
            notes: [
                "expert: scripted waypoint planner (BFS over cells + PD controller), σ \(sigma)",
                "medium: the waypoint planner with ε \(eps) uniformly random actions, σ \(sigma)",
                "medium-replay: planner episodes with ε falling linearly from 1 to \(eps) (stand-in for a learner's replay)",
                "references: random = uniform actions, expert = the planner without noise",
            ])
    }
}
