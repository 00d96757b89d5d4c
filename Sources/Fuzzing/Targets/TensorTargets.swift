import Algorithms
import Environments
import Foundation
import RLCore
import Tensor
import Tracking

/// Safetensors files, training checkpoints (weights + JSON sidecar, including the environment's action log and
/// normalisation state) and replay-buffer files.
enum TensorTargets {
    static let safetensors = FuzzTarget(
        name: "safetensors", summary: "safetensors header JSON, offsets, dtypes, shapes, sizes", parts: [.binary],
        seeds: {
            var archive = SafetensorsArchive(metadata: ["format": "pt"])
            archive["a.weight"] = try SafetensorsEntry(shape: [2, 3], floats: [1, 2, 3, 4, 5, 6])
            archive["b"] = try SafetensorsEntry(shape: [], doubles: [0.5])
            archive["c.half"] = try SafetensorsEntry(shape: [4], floats: [1, -2, 0.5, 65504], dtype: .float16)
            archive["d.bf16"] = try SafetensorsEntry(shape: [1, 2], floats: [3, -1], dtype: .bfloat16)
            archive["e.steps"] = try SafetensorsEntry(shape: [3], int64s: [1, -5, 1 << 40])
            archive["f.empty"] = try SafetensorsEntry(shape: [0, 4], floats: [])
            var small = SafetensorsArchive()
            small["x"] = try SafetensorsEntry(shape: [1], floats: [7])
            return [[Array(archive.serialized())], [Array(small.serialized())]]
        },
        decode: { parts, _ in
            let archive = try SafetensorsArchive(data: Data(parts[0]))
            for name in archive.names {
                guard let entry = archive[name] else { continue }
                switch entry.dtype {
                case .int64: _ = try entry.int64s()
                case .float64: _ = Tensor(try entry.doubles(), shape: entry.shape)
                default: _ = Tensor(try entry.floats(), shape: entry.shape)
                }
            }
        })

    static let checkpoint = FuzzTarget(
        name: "checkpoint",
        summary: "training checkpoints (`swiftrl eval`): weights, sidecar, environment action log and statistics",
        parts: [.binary, .text],
        seeds: {
            var seeds: [[[UInt8]]] = []
            var ppoConfig = PPOConfig()
            ppoConfig.numSteps = 16
            ppoConfig.minibatchSize = 16
            ppoConfig.epochs = 1
            let normalized = EnvironmentConfig(
                id: "CartPole-v1", numEnvs: 2, normalizeObservations: true, normalizeRewards: true)
            let ppo = try PPO(config: ppoConfig, environment: normalized, seed: 1)
            try ppo.learn(totalSteps: 1_024, callbacks: [])
            seeds.append(try parts(of: ppo.checkpoint()))
            var dqnConfig = DQNConfig()
            dqnConfig.bufferSize = 64
            dqnConfig.learningStarts = 16
            dqnConfig.hiddenSizes = [8]
            let dqn = try DQN(config: dqnConfig, environment: EnvironmentConfig(id: "CartPole-v1"), seed: 2)
            try dqn.learn(totalSteps: 40, callbacks: [])
            seeds.append(try parts(of: dqn.checkpoint()))
            let tabular = try QLearning(
                config: TabularTDConfig(), environment: EnvironmentConfig(id: "FrozenLake-v1"), seed: 3)
            try tabular.learn(totalSteps: 40, callbacks: [])
            seeds.append(try parts(of: tabular.checkpoint()))
            return seeds
        },
        decode: { parts, scratch in
            let files = CheckpointFiles(weights: scratch.appendingPathComponent("step_64.safetensors"))
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            try Data(parts[0]).write(to: files.weights)
            try Data(parts[1]).write(to: files.sidecar)
            let algorithm = try AlgorithmRegistry.load(from: files.weights)
            _ = try Evaluation.run(algorithm, episodes: 1, seed: 7, maxSteps: 200)
        })

    static let replayBuffer = FuzzTarget(
        name: "replay", summary: "replay-buffer files (safetensors with capacity/position/sampling metadata)",
        parts: [.binary],
        seeds: {
            var seeds: [[[UInt8]]] = []
            for sampling in [ReplaySampling.uniform, .prioritized()] {
                var buffer = try ReplayBuffer(capacity: 8, observationSize: 3, actionSize: 2, sampling: sampling)
                for step in 0..<11 {
                    let x = Float(step)
                    try buffer.add(
                        Transition(
                            observation: [x, -x, 1], action: [0.5, x], reward: Double(step),
                            nextObservation: [x + 1, -x, 1], terminated: step % 4 == 3, discount: 0.99))
                }
                let url = FileManager.default.temporaryDirectory.appendingPathComponent(
                    "swiftrl-fuzz-seed-\(ProcessInfo.processInfo.processIdentifier)-replay.safetensors")
                try buffer.save(to: url)
                seeds.append([[UInt8](try Data(contentsOf: url))])
                try? FileManager.default.removeItem(at: url)
            }
            return seeds
        },
        decode: { parts, scratch in
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            let url = scratch.appendingPathComponent("replay.safetensors")
            try Data(parts[0]).write(to: url)
            let buffer = try ReplayBuffer.load(from: url, memoryBudgetBytes: 64 << 20)
            var rng = Xoshiro256StarStar(seed: 1)
            if buffer.count > 0 { _ = try buffer.sample(batchSize: 4, using: &rng) }
        })

    static func parts(of checkpoint: TrainingCheckpoint) throws -> [[UInt8]] {
        [Array(try checkpoint.weightsData()), Array(checkpoint.sidecar)]
    }
}
