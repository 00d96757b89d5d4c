import Algorithms
import Environments
import Foundation
import RLCore

/// Trains an online agent (SAC by default, the environment's preset) and keeps the snapshots that D4RL-style
/// recipes need: the **expert** (the end of training) and the **medium** policy (the first evaluation reaching a
/// third of the expert's normalised score, with the replay buffer it had then: **medium-replay**).
///
/// Evaluations happen at the end of the first training episode after every ``evaluateEvery`` steps (deterministic
/// policy, their own seeds); each one snapshots the checkpoint, so the medium snapshot is chosen after training,
/// against the final expert return: the first snapshot with `(R − R_random) ≥ fraction · (R_expert − R_random)`.
public struct BehaviourTraining {
    /// Registry name of the online algorithm (`sac`, `td3`). Default `sac`.
    public var algorithm = "sac"
    /// The environment id.
    public var environmentID: String
    /// Environment steps to train the expert.
    public var totalSteps: Int
    /// Steps between evaluation snapshots. Default 500.
    public var evaluateEvery = 500
    /// Episodes per evaluation. Default 5.
    public var evaluationEpisodes = 5
    /// The medium policy's target fraction of the expert's normalised score. Default 1/3 (D4RL's medium policies
    /// are stopped early at about a third of the expert).
    public var mediumFraction = 1.0 / 3.0

    /// A training plan.
    public init(environmentID: String, totalSteps: Int) {
        self.environmentID = environmentID
        self.totalSteps = totalSteps
    }

    /// The snapshots of one training run.
    public struct Result {
        /// The final policy.
        public var expert: TrainingCheckpoint
        /// The medium snapshot (its replay buffer is the medium-replay data).
        public var medium: TrainingCheckpoint
        /// Environment steps of the medium snapshot.
        public var mediumStep: Int
        /// Evaluation returns of every snapshot: (step, mean return).
        public var curve: [(step: Int, meanReturn: Double)]
    }

    /// Trains and picks the snapshots.
    /// - Parameters:
    ///   - randomReturn: the random policy's mean return (the 0 of the normalised score).
    ///   - seed: the training seed (evaluations use `seed + 10_000 + i`).
    ///   - log: progress lines.
    /// - Throws: ``CollectionError`` wrapping training or checkpoint errors.
    public func run(
        randomReturn: Double, seed: UInt64, log: @escaping (String) -> Void = { _ in }
    ) throws(CollectionError) -> Result {
        do {
            let type = try AlgorithmRegistry.type(named: algorithm)
            let agent = try Self.make(type, environmentID: environmentID, seed: seed)
            var snapshots: [(step: Int, meanReturn: Double, checkpoint: TrainingCheckpoint)] = []
            var next = evaluateEvery
            let episodes = evaluationEpisodes
            let snapshot = ClosureCallback { event, algorithm in
                guard case let .episodeFinished(step, _, _) = event, step >= next else { return .continue }
                next = (step / evaluateEvery + 1) * evaluateEvery
                let result = try Evaluation.run(
                    algorithm, episodes: episodes, seed: seed &+ 10_000 &+ UInt64(snapshots.count))
                snapshots.append((step, result.mean, try algorithm.checkpoint()))
                log(String(format: "  %@ %@ step %d: eval return %.1f", algorithm.environment.id, Self.nameOf(algorithm), step, result.mean))
                return .continue
            }
            try agent.learn(totalSteps: totalSteps, callbacks: [snapshot])
            let final = try Evaluation.run(agent, episodes: episodes, seed: seed &+ 10_000 &+ UInt64(snapshots.count))
            snapshots.append((agent.stepCount, final.mean, try agent.checkpoint()))
            let expertReturn = final.mean
            let threshold = randomReturn + mediumFraction * (expertReturn - randomReturn)
            let medium = snapshots.first { $0.meanReturn >= threshold } ?? snapshots[snapshots.count - 1]
            return Result(
                expert: snapshots[snapshots.count - 1].checkpoint, medium: medium.checkpoint, mediumStep: medium.step,
                curve: snapshots.map { ($0.step, $0.meanReturn) })
        } catch let error as CollectionError {
            throw error
        } catch {
            throw CollectionError("training the \(algorithm) behaviour policy on \(environmentID) failed: \(error)")
        }
    }

    private static func nameOf(_ algorithm: any Algorithm) -> String { type(of: algorithm).name }

    /// A fresh agent with the environment's preset (or the defaults).
    static func make<A: ConfigurableAlgorithm>(_ type: A.Type, environmentID: String, seed: UInt64) throws -> A {
        let preset = A.preset(for: environmentID)
        return try A(
            config: preset?.config ?? A.defaultConfig,
            environment: preset?.environment ?? EnvironmentConfig(id: environmentID), seed: seed)
    }
}
