import Environments
import Foundation
import Offline
import RLCore
import Tracking

/// One dataset of an offline suite: environment and recipe, with the episode count to record.
public struct OfflineDatasetSpec: Sendable, Hashable {
    /// The environment id.
    public var environmentID: String
    /// The recipe.
    public var recipe: String
    /// Episodes (per part for medium-expert).
    public var episodes: Int

    /// A spec.
    public init(environmentID: String, recipe: String, episodes: Int) {
        self.environmentID = environmentID
        self.recipe = recipe
        self.episodes = episodes
    }

    /// `umaze-mix90/10` style row name.
    public var name: String {
        let env: String
        switch environmentID {
        case "PointMaze_UMaze-v3": env = "umaze"
        case "PointMaze_Medium-v3": env = "maze-medium"
        case "Pendulum-v1": env = "pendulum"
        default: env = environmentID
        }
        let recipe = self.recipe == "mix:random=0.9,expert=0.1" ? "random90+expert10" : self.recipe
        return "\(env)-\(recipe)"
    }

    /// Whether the behaviour is poor or mixed (random or random-heavy), where the papers expect the largest gains.
    public var isPoorBehaviour: Bool { recipe == "random" || recipe.hasPrefix("mix:random") }
}

/// Builds (or reads from the run directory's cache) the datasets of a suite with the collection code: point mazes
/// from the scripted planner, other environments from a SAC run trained here (snapshots cached too).
public struct OfflineDatasetCache {
    /// The cache folder (`<run>/datasets`).
    public var directory: URL
    /// The collection seed (one dataset per spec, shared by all training seeds, as with D4RL).
    public var seed: UInt64
    /// SAC steps for the online behaviour run of non-maze environments.
    public var behaviourSteps: Int
    /// Progress lines.
    public var log: @Sendable (String) -> Void

    /// A cache.
    public init(directory: URL, seed: UInt64, behaviourSteps: Int, log: @escaping @Sendable (String) -> Void) {
        self.directory = directory
        self.seed = seed
        self.behaviourSteps = behaviourSteps
        self.log = log
    }

    /// A dataset with its metadata: read from the cache if present, else collected and written.
    /// - Throws: collection, training or file errors.
    public func dataset(_ spec: OfflineDatasetSpec) throws -> (OfflineDataset, DatasetMetadata) {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let safe = spec.name.replacingOccurrences(of: "+", with: "_")
        let file = directory.appendingPathComponent("\(safe)-e\(spec.episodes)-s\(seed).npz")
        if FileManager.default.fileExists(atPath: file.path) {
            let read = try DatasetFile.read(from: file.path)
            if let metadata = read.metadata { return (read.dataset, metadata) }
        }
        let collector = EpisodeCollector(environmentID: spec.environmentID)
        let behaviours = try self.behaviours(collector)
        let builder = DatasetBuilder(collector: collector, behaviours: behaviours)
        let (dataset, metadata) = try builder.build(
            recipe: try DatasetRecipe(parsing: spec.recipe), episodes: spec.episodes, seed: seed)
        try DatasetFile.write(dataset, metadata: metadata, to: file.path)
        log("  dataset \(spec.name): \(dataset.episodes.count) episodes, \(dataset.count) steps → \(file.lastPathComponent)")
        return (dataset, metadata)
    }

    private func behaviours(_ collector: EpisodeCollector) throws -> BehaviourSet {
        if collector.environmentID.hasPrefix("PointMaze_") { return try BehaviourSet.pointMaze(collector) }
        let folder = directory.appendingPathComponent("behaviour-\(collector.environmentID)-s\(seed)")
        let mediumURL = folder.appendingPathComponent("medium.safetensors")
        let expertURL = folder.appendingPathComponent("expert.safetensors")
        let medium: TrainingCheckpoint, expert: TrainingCheckpoint
        if FileManager.default.fileExists(atPath: expertURL.path), FileManager.default.fileExists(atPath: mediumURL.path) {
            medium = try TrainingCheckpoint.read(from: mediumURL)
            expert = try TrainingCheckpoint.read(from: expertURL)
        } else {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let random = DatasetBuilder(
                collector: collector, behaviours: BehaviourSet(random: Behaviour(try RandomPolicy(space: collector.actionSpace()))))
            let randomReturn = try random.randomReturn(episodes: 20, seed: seed)
            log("  training the SAC behaviour policy on \(collector.environmentID) (\(behaviourSteps) steps)")
            var training = BehaviourTraining(environmentID: collector.environmentID, totalSteps: behaviourSteps)
            training.evaluateEvery = 200
            let trained = try training.run(randomReturn: randomReturn, seed: seed, log: log)
            log("  medium snapshot at step \(trained.mediumStep)")
            try trained.medium.write(to: CheckpointFiles(weights: mediumURL))
            try trained.expert.write(to: CheckpointFiles(weights: expertURL))
            medium = trained.medium
            expert = trained.expert
        }
        return try BehaviourSet.trained(collector, medium: medium, expert: expert)
    }
}
