// OfflineFromNPZ: record a small offline dataset, save it as a NumPy .npz (D4RL's flat layout), read it back and
// train an offline algorithm on it with the one offline trainer, then print the return and the normalised score.
//
// The dataset comes from the collection API: `EpisodeCollector` runs a behaviour policy in a registered
// environment and `DatasetBuilder` follows a D4RL-style recipe — here "expert" episodes of the scripted waypoint
// planner in PointMaze_UMaze-v3 (σ 0.1 action noise) — and measures the random and expert reference returns,
// which travel in the .npz as `ref_min_score` / `ref_max_score` (as in D4RL files). Any .npz with
// `observations`, `actions`, `rewards`, `terminals`, `timeouts` (e.g. written by NumPy) is read the same way.
// Behaviour cloning trains for a few hundred gradient steps; swap `BC`/`BCConfig` for `TD3BC`/`TD3BCConfig`,
// `IQL`/`IQLConfig`, … to try another method on the same trainer.
//
// Run: swift run OfflineFromNPZ      (command-line form: swiftrl dataset collect, then swiftrl offline train)
import Environments
import Foundation
import Offline
import RLCore

let environmentID = "PointMaze_UMaze-v3"
let directory = FileManager.default.temporaryDirectory.appendingPathComponent("swiftrl-offline-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: directory) }
let path = directory.appendingPathComponent("umaze-expert.npz").path

// 1. Record 10 expert episodes (and 5 random + 5 noiseless-expert episodes for the reference returns).
let collector = EpisodeCollector(environmentID: environmentID)
var builder = DatasetBuilder(collector: collector, behaviours: try .pointMaze(collector))
builder.referenceEpisodes = 5
let (recorded, metadata) = try builder.build(recipe: .expert, episodes: 10, seed: 1)
print("recorded \(recorded.episodes.count) episodes, \(recorded.count) transitions in \(environmentID)")

// 2. Save as .npz and read it back.
try DatasetFile.write(recorded, metadata: metadata, to: path)
let arrays = try NPZ.read(from: URL(fileURLWithPath: path))
print("wrote \(path): arrays \(arrays.keys.sorted().joined(separator: ", "))")
let (dataset, _, references) = try DatasetFile.read(from: path)
guard let references else { throw DatasetError(.invalidArgument, "\(path) has no ref_min_score/ref_max_score") }
print(String(format: "reference returns: random %.1f, expert %.1f", references.random, references.expert))

// 3. Train behaviour cloning; evaluate 5 deterministic episodes at the end on a separately seeded environment.
let settings = OfflineTrainerSettings(
    batchSize: 64, logEvery: 100, evaluation: EvaluationSettings(every: 0, episodes: 5),
    referenceReturns: references)
let trainer = try OfflineTrainer<BC>(
    config: BCConfig(), dataset: dataset, environment: EnvironmentConfig(id: environmentID), settings: settings,
    seed: 1)
let lossLogger = ClosureCallback { event, _ in
    if case let .iterationFinished(step, metrics) = event,
        let loss = metrics.first(where: { $0.tag == OfflineMetricTag.bcLoss })?.value
    {
        print(String(format: "step %4d  bc loss %.4f", step, loss))
    }
    return .continue
}
try trainer.learn(totalSteps: 400, callbacks: [lossLogger])

if let final = trainer.evaluations.last {
    print(String(format: "evaluation return %.1f ± %.1f over %d episodes", final.result.mean,
                 final.result.standardDeviation, final.result.returns.count))
    if let score = final.normalizedScore { print(String(format: "normalised score %.1f (expert = 100)", score)) }
}
