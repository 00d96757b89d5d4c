import Algorithms
import Foundation
import RLCore

extension BehaviourSet {
    /// Behaviours from trained online runs (D4RL's recipe for locomotion): medium and expert act through their
    /// checkpoints — sampling from the policy unless `deterministic`, like D4RL's SAC datasets — and the medium
    /// run's replay buffer is the medium-replay data (``ReplayEpisodes``). The expert reference is the expert
    /// acting deterministically without noise.
    /// - Parameters:
    ///   - collector: the environment.
    ///   - medium: the medium checkpoint (a run directory's newest checkpoint or a ``BehaviourTraining`` snapshot).
    ///   - expert: the expert checkpoint.
    ///   - noise: recording noise for medium and expert.
    ///   - deterministic: record the policies' modes instead of samples.
    /// - Throws: ``CollectionError`` when a checkpoint cannot be loaded or the action space is unbounded.
    public static func trained(
        _ collector: EpisodeCollector, medium: TrainingCheckpoint?, expert: TrainingCheckpoint?,
        noise: ActionNoise = .none, deterministic: Bool = false
    ) throws(CollectionError) -> BehaviourSet {
        var set = BehaviourSet(random: Behaviour(try collector.randomPolicy()))
        var notes = ["random: uniform actions"]
        if let medium {
            let policy = try loadPolicy(medium, deterministic: deterministic)
            set.medium = Behaviour(policy, noise: noise)
            set.mediumReplay = { (_, _) throws(CollectionError) in try ReplayEpisodes.episodes(from: medium) }
            notes.append("medium: \(policy.name)\(deterministic ? "" : " sampling"), σ \(noise.sigma)")
            notes.append("medium-replay: the replay buffer of the medium run up to its snapshot")
        }
        if let expert {
            let policy = try loadPolicy(expert, deterministic: deterministic)
            set.expert = Behaviour(policy, noise: noise)
            set.referenceExpert = try loadPolicy(expert, deterministic: true)
            notes.append("expert: \(policy.name)\(deterministic ? "" : " sampling"), σ \(noise.sigma)")
            notes.append("references: random = uniform actions, expert = the expert's mode without noise")
        }
        set.notes = notes
        return set
    }

    /// A policy from a checkpoint in memory (any algorithm of ``AlgorithmRegistry``).
    /// - Throws: ``CollectionError`` when the checkpoint belongs to no registered algorithm or does not load.
    public static func loadPolicy(_ checkpoint: TrainingCheckpoint, deterministic: Bool) throws(CollectionError)
        -> AlgorithmPolicy
    {
        do {
            let type = try AlgorithmRegistry.type(named: try checkpoint.header().algorithm)
            return AlgorithmPolicy(try type.init(checkpoint: checkpoint), deterministic: deterministic)
        } catch { throw CollectionError("cannot load a policy from the checkpoint: \(error)") }
    }

    /// The checkpoint of a run directory (its newest) or of a checkpoint file.
    /// - Throws: ``CollectionError`` naming the path.
    public static func readCheckpoint(_ url: URL) throws(CollectionError) -> TrainingCheckpoint {
        do { return try TrainingCheckpoint.read(from: url) } catch {
            throw CollectionError("\(url.path): no readable checkpoint (\(error)); pass a `swiftrl train` run directory")
        }
    }
}
