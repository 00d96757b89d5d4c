import Foundation
import Language
import Tensor

/// What `swiftrl rlvr train --resume` and `rlvr pretrain --resume` read from a checkpoint folder:
/// `trainer_state.json` (step, random streams, counters, Beta beliefs, metrics) and `trainer.safetensors`
/// (optimizer moments, value head), restored into a trainer as a resumed run does.
enum ResumeTargets {
    static let tokenizer = SyntheticTask.tokenizer

    /// The run shapes the seeds come from; the decoder restores into each (a state of another shape is refused).
    static let configs = [small(.insight), small(.ppo)]

    static func small(_ preset: RLVRConfig) -> RLVRConfig {
        var config = preset
        config.groupSize = 2
        config.promptsPerStep = 2
        config.maxCompletionLength = 3
        config.epochs = 1
        config.miniBatches = 1
        config.objective.kl.coefficient = 0
        return config
    }

    static let sftConfig = SFTConfig(
        layers: 1, hiddenSize: 8, heads: 2, contextLength: 24, steps: 2, batchSize: 2, learningRate: 1e-2,
        finalLearningRate: 1e-3, warmupSteps: 1, seed: 3)

    static func model() throws -> GPT2Model {
        var rng = SplitMix64(seed: 2)
        return try GPT2Model(
            configuration: GPT2Configuration(
                vocabularySize: tokenizer.vocabularySize, contextLength: 24, hiddenSize: 8, layers: 1, heads: 2),
            using: &rng)
    }

    static func trainer(_ config: RLVRConfig) throws -> RLVRTrainer<GPT2Model> {
        var rng = SplitMix64(seed: 4)
        return try RLVRTrainer(
            model: try model(), reference: nil, config: config,
            rewardFunctions: [WeightedReward(name: "accuracy", verifier: ExactAnswerVerifier(extractor: .firstLine))],
            encode: { try tokenizer.encode($0) }, decode: { tokenizer.decode($0) },
            stopTokens: [CharacterTokenizer.endOfSequence], padToken: CharacterTokenizer.padding, using: &rng)
    }

    /// `trainer_state.json` and `trainer.safetensors` of a checkpoint folder written by SwiftRL.
    static func files(of folder: URL) throws -> [[UInt8]] {
        try ["trainer_state.json", "trainer.safetensors"].map {
            [UInt8](try Data(contentsOf: folder.appendingPathComponent($0)))
        }
    }

    static let rlvr = FuzzTarget(
        name: "rlvr-resume",
        summary: "RLVR and SFT resume state: trainer_state.json + trainer.safetensors, restored into a trainer",
        parts: [.text, .binary],
        seeds: {
            let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
                "swiftrl-fuzz-seed-\(ProcessInfo.processInfo.processIdentifier)-resume")
            defer { try? FileManager.default.removeItem(at: scratch) }
            var seeds: [[[UInt8]]] = []
            let task = try SyntheticTask(kind: .addition, difficulty: 1).makeGenerator()
            for (index, config) in configs.enumerated() {
                let runner = RLVRRunner(
                    encode: { try tokenizer.encode($0) }, decode: { tokenizer.decode($0) },
                    stopTokens: [CharacterTokenizer.endOfSequence], padToken: CharacterTokenizer.padding, steps: 2,
                    evaluateEvery: 1,
                    evaluator: RLVREvaluator(samples: 2, ks: [1, 2], generation: GenerationConfig(maxNewTokens: 3)))
                var heldRNG = SplitMix64(seed: 9)
                let folder = scratch.appendingPathComponent("rlvr-\(index)")
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                _ = try runner.run(
                    model: try model(), config: config, task: task, heldOut: task.problems(count: 2, using: &heldRNG),
                    seed: 5,
                    onCheckpoint: { snapshot in try RLVRCheckpoint.write(snapshot, to: folder, tokenizerFrom: nil) })
                seeds.append(try files(of: folder))
            }
            let sft = scratch.appendingPathComponent("sft")
            try FileManager.default.createDirectory(at: sft, withIntermediateDirectories: true)
            _ = try SFTPretraining.run(
                task: try SyntheticTask(kind: .addition, difficulty: 1), config: sftConfig, evaluationProblems: 2,
                evaluateEvery: 1, checkpointEvery: 2, onCheckpoint: { try SFTCheckpoint.write($0, to: sft) })
            seeds.append(try files(of: sft))
            return seeds
        },
        decode: { parts, scratch in
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            for (name, bytes) in zip(["trainer_state.json", "trainer.safetensors"], parts) {
                try Data(bytes).write(to: scratch.appendingPathComponent(name))
            }
            let point: RLVRResumePoint
            do { point = try RLVRCheckpoint.resumePoint(in: scratch) } catch let rlvrError {
                // Not an RLVR state: read it as an SFT checkpoint (the model directory is written once per scratch).
                if !FileManager.default.fileExists(atPath: scratch.appendingPathComponent("config.json").path) {
                    var rng = SplitMix64(seed: 1)
                    let model = try sftConfig.makeModel(vocabularySize: tokenizer.vocabularySize, using: &rng)
                    try ModelDirectoryWriter.save(model, tokenizer: tokenizer, to: scratch)
                }
                guard let sft = try? SFTCheckpoint.resumePoint(in: scratch) else { throw rlvrError }
                var generator = sft.state.dataGenerator
                _ = generator.next()
                return
            }
            var rollout = point.state.rolloutGenerator, evaluation = point.state.evaluationGenerator
            _ = (rollout.next(), evaluation.next())
            for config in configs {
                _ = config.selection.scores(Array(point.state.beliefs.values), rollouts: 2, using: &rollout)
            }
            for belief in point.state.beliefs.values {
                _ = (belief.sample(using: &rollout), belief.mutualInformation(rollouts: 3))
            }
            var restored = 0
            for config in configs {
                if (try? trainer(config).restore(tensors: point.tensors, state: point.state)) != nil { restored += 1 }
            }
            guard restored > 0 else {
                throw FuzzRejected(description: "trainer.safetensors fits neither trainer")
            }
        })
}
