import Environments
import RLCore
import Tensor

/// Dataset recipes for ``NoisyCorridor`` that make a good policy a stitch of partial trajectories (Hong, Dragan &
/// Levine 2024: stitching is what history-conditioned offline RL loses without a compact representation).
///
/// `stitching` records three families:
/// - **approach** (start at cell 0): step right with probability 0.9 until the middle cell, then left with
///   probability 0.8 until cut after `2·middle + 4` steps — it never sees the second half rewarded;
/// - **finish** (start at the middle): right with probability 0.8 until the goal (cut after `length + 6` steps);
/// - **random** (start at 0): uniform actions, cut after `length + 6` steps.
/// Every trajectory is stored twice, with the same actions and rewards: once with the noisy observations
/// (`NoisyCorridor-v0`) and once with the true cell (`NoisyCorridorState-v0`, the oracle-state input).
public struct NoisyCorridorRecipe: Sendable {
    /// Episodes of each of the approach and finish families.
    public var episodesPerFamily: Int
    /// Random-walk episodes.
    public var randomEpisodes: Int
    /// The corridor (its noise and distractor settings).
    public var corridor: NoisyCorridor

    /// A recipe.
    /// - Throws: ``DatasetError`` for a non-positive family size or negative random episodes.
    public init(episodesPerFamily: Int, randomEpisodes: Int = 0, corridor: NoisyCorridor) throws(DatasetError) {
        guard episodesPerFamily > 0, randomEpisodes >= 0 else {
            throw DatasetError(
                .invalidArgument,
                "stitching recipe: need ≥ 1 episode per family and ≥ 0 random episodes, got \(episodesPerFamily), "
                    + "\(randomEpisodes)")
        }
        self.episodesPerFamily = episodesPerFamily
        self.randomEpisodes = randomEpisodes
        self.corridor = corridor
    }

    /// The middle cell where the families meet.
    public var middle: Int { corridor.length / 2 }

    /// The noisy and oracle datasets of the same trajectories, every draw from streams of `seed`.
    /// - Throws: ``DatasetError`` (not for a valid recipe) or environment errors.
    public func build(seed: UInt64) throws -> (noisy: OfflineDataset, oracle: OfflineDataset) {
        var policyRandom = Xoshiro256StarStar(seed: seed).derived("corridor-policy")
        var envSeeds = Xoshiro256StarStar(seed: seed).derived("corridor-env")
        var noisy: [OfflineEpisode] = [], oracle: [OfflineEpisode] = []
        let families: [(count: Int, kind: Int)] = [(episodesPerFamily, 0), (episodesPerFamily, 1), (randomEpisodes, 2)]
        for family in families {
            for _ in 0..<family.count {
                let pair = try episode(kind: family.kind, seed: envSeeds.next(), using: &policyRandom)
                noisy.append(pair.noisy)
                oracle.append(pair.oracle)
            }
        }
        let d = corridor.length + corridor.distractors
        return (
            try OfflineDataset(episodes: noisy, observationDimension: d, actionDimension: 1),
            try OfflineDataset(episodes: oracle, observationDimension: d, actionDimension: 1)
        )
    }

    private func oracleObservation(_ cell: Int) -> [Float] {
        var out = [Float](repeating: 0, count: corridor.length + corridor.distractors)
        out[cell] = 1
        return out
    }

    /// kind 0 approach, 1 finish, 2 random.
    private func episode(kind: Int, seed: UInt64, using rng: inout Xoshiro256StarStar) throws -> (
        noisy: OfflineEpisode, oracle: OfflineEpisode
    ) {
        var env = corridor
        let start = kind == 1 ? middle : 0
        let limit = kind == 0 ? 2 * middle + 4 : corridor.length + 6
        var observation = try env.reset(seed: seed, options: ["start": Double(start)]).observation
        var cell = start
        var noisyObservations = observation, oracleObservations = oracleObservation(cell)
        var actions: [Float] = [], rewards: [Float] = [], terminations: [Bool] = [], truncations: [Bool] = []
        var reachedMiddle = false
        for t in 0..<limit {
            if cell >= middle { reachedMiddle = true }
            let u = Double(rng.next() >> 11) / Double(1 << 53)
            let action: Int
            switch kind {
            case 0: action = reachedMiddle ? (u < 0.8 ? 0 : 1) : (u < 0.9 ? 1 : 0)
            case 1: action = u < 0.8 ? 1 : 0
            default: action = u < 0.5 ? 1 : 0
            }
            let step = try env.step(action)
            observation = step.observation
            cell = env.cell ?? cell
            noisyObservations += observation
            oracleObservations += oracleObservation(cell)
            actions.append(Float(action))
            rewards.append(Float(step.reward))
            terminations.append(step.terminated)
            truncations.append(!step.terminated && t == limit - 1)
            if step.terminated { break }
        }
        return (
            OfflineEpisode(
                observations: noisyObservations, actions: actions, rewards: rewards, terminations: terminations,
                truncations: truncations),
            OfflineEpisode(
                observations: oracleObservations, actions: actions, rewards: rewards, terminations: terminations,
                truncations: truncations)
        )
    }
}
