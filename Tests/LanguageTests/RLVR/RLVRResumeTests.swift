import Foundation
import Tensor
import Testing
import Tracking

@testable import Language

/// Checkpoint → resume of RLVR and SFT runs through the files a run directory holds: stopping after k steps and
/// resuming to N gives bit-for-bit the weights, metrics and evaluations of an uninterrupted N-step run.
@Suite struct RLVRResumeTests {
    static let tokenizer = SyntheticTask.tokenizer

    final class Scratch {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rlvr-resume-\(UUID().uuidString)")
        init() throws { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(at: url) }
        func run(_ name: String) throws -> RunDirectory {
            let folder = url.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            return try RunDirectory(existing: folder)
        }
    }

    static func runner(steps: Int) -> RLVRRunner {
        RLVRRunner(
            encode: { try tokenizer.encode($0) }, decode: { tokenizer.decode($0) },
            stopTokens: [CharacterTokenizer.endOfSequence], padToken: CharacterTokenizer.padding, steps: steps,
            evaluateEvery: 2,
            evaluator: RLVREvaluator(samples: 2, ks: [1, 2], generation: GenerationConfig(maxNewTokens: 4)))
    }

    static func config() -> RLVRConfig {
        var config = RLVRConfig.grpo  // KL to a reference on: resuming must keep the initial policy as anchor
        config.groupSize = 2
        config.promptsPerStep = 2
        config.maxCompletionLength = 4
        config.learningRate = 0.01
        config.epochs = 2
        config.miniBatches = 2
        return config
    }

    static func gpt2(_ directory: URL) throws -> GPT2Model {
        try #require(try PretrainedModel.load(directory: directory) as? GPT2Model)
    }

    static func expectIdentical(_ a: Module, _ b: Module) {
        let x = a.stateDict(), y = b.stateDict()
        #expect(Set(x.keys) == Set(y.keys))
        for (name, tensor) in x { #expect(tensor.floats == y[name]?.floats, "\(name) differs") }
    }

    static func withoutTiming(_ metrics: [[String: Double]]) -> [[String: Double]] {
        metrics.map { $0.filter { $0.key != RLVRMetricNames.tokensPerSecond } }
    }

    @Test func stoppedAndResumedRunEqualsUninterruptedRun() throws {
        let scratch = try Scratch()
        let base = scratch.url.appendingPathComponent("base")
        var rng = SplitMix64(seed: 3)
        let initial = try GPT2Model(
            configuration: GPT2Configuration(
                vocabularySize: Self.tokenizer.vocabularySize, contextLength: 24, hiddenSize: 16, layers: 1, heads: 2),
            using: &rng)
        try ModelDirectoryWriter.save(initial, tokenizer: Self.tokenizer, to: base)
        let task = try SyntheticTask(kind: .addition, difficulty: 1).makeGenerator()
        var heldRNG = SplitMix64(seed: 9)
        let heldOut = task.problems(count: 2, using: &heldRNG)
        let config = Self.config()

        let straight = try Self.gpt2(base)
        let expected = try Self.runner(steps: 4).run(
            model: straight, config: config, task: task, heldOut: heldOut, seed: 5)

        // stop after step 2 (as Ctrl-C does): the runner writes a checkpoint of that step and returns
        let run = try scratch.run("run")
        var interrupted = Self.runner(steps: 4)
        interrupted.checkpointEvery = 1
        var done = 0
        let first = try interrupted.run(
            model: try Self.gpt2(base), config: config, task: task, heldOut: heldOut, seed: 5,
            stopRequested: { done == 2 }, onStep: { step, _ in done = step },
            onCheckpoint: { snapshot in
                try run.writeCheckpointFolder(step: snapshot.state.step, kind: RLVRCheckpoint.kind) { folder in
                    try RLVRCheckpoint.write(snapshot, to: folder, tokenizerFrom: base)
                }
            })
        #expect(first.stoppedAt == 2)
        #expect(try run.checkpointFolders().map(\.step) == [1, 2])

        let folder = try RLVRCheckpoint.latest(in: run)
        #expect(RLVRCheckpoint.hasModelDirectory(folder.url))
        let resumedModel = try Self.gpt2(folder.url)
        let resumed = try Self.runner(steps: 4).run(
            model: resumedModel, config: config, task: task, heldOut: heldOut, seed: 5,
            reference: try Self.gpt2(base), resume: try RLVRCheckpoint.resumePoint(in: folder.url))

        Self.expectIdentical(resumedModel, straight)
        #expect(Self.withoutTiming(resumed.metrics) == Self.withoutTiming(expected.metrics))
        #expect(resumed.evaluations.map(\.step) == [0, 2, 4])
        #expect(resumed.evaluations.map(\.report) == expected.evaluations.map(\.report))
        #expect(resumed.stoppedAt == nil)
    }

    @Test func resumingWithKLNeedsTheInitialPolicy() throws {
        var rng = SplitMix64(seed: 1)
        let model = try GPT2Model(
            configuration: GPT2Configuration(
                vocabularySize: Self.tokenizer.vocabularySize, contextLength: 24, hiddenSize: 8, layers: 1, heads: 2),
            using: &rng)
        let state = RLVRRunState(
            step: 1, rolloutGenerator: Xoshiro256StarStar(seed: 1), evaluationGenerator: Xoshiro256StarStar(seed: 2),
            nextGroupID: 0, beliefs: [:], sirenAnchor: nil, metrics: [[:]], evaluations: [])
        let task = try SyntheticTask(kind: .addition, difficulty: 1).makeGenerator()
        #expect(throws: RLVRInputError.self) {
            try Self.runner(steps: 2).run(
                model: model, config: Self.config(), task: task, heldOut: [], seed: 0,
                resume: RLVRResumePoint(tensors: [:], state: state))
        }
    }

    @Test func stoppedAndResumedPretrainingEqualsUninterruptedRun() throws {
        let scratch = try Scratch()
        let task = try SyntheticTask(kind: .addition, difficulty: 1)
        let config = SFTConfig(
            layers: 1, hiddenSize: 16, heads: 2, contextLength: 24, steps: 6, batchSize: 4, learningRate: 1e-2,
            finalLearningRate: 1e-3, warmupSteps: 2, seed: 7)
        let expected = try SFTPretraining.run(task: task, config: config, evaluationProblems: 2, evaluateEvery: 2)

        let run = try scratch.run("sft")
        var done = 0
        let first = try SFTPretraining.run(
            task: task, config: config, evaluationProblems: 2, evaluateEvery: 2, checkpointEvery: 2,
            stopRequested: { done == 3 },
            onCheckpoint: { snapshot in
                try run.writeCheckpointFolder(step: snapshot.state.step, kind: SFTCheckpoint.kind) { folder in
                    try SFTCheckpoint.write(snapshot, to: folder)
                }
            }
        ) { done = $0.step }
        #expect(first.stoppedAt == 3)
        #expect(try run.checkpointFolders().map(\.step) == [2, 3])

        let folder = try SFTCheckpoint.latest(in: run)
        let resumed = try SFTPretraining.run(
            task: task, config: config, evaluationProblems: 2, evaluateEvery: 2,
            resume: try SFTCheckpoint.resumePoint(in: folder.url))
        Self.expectIdentical(resumed.model, expected.model)
        #expect(resumed.history == expected.history)
        #expect(resumed.finalAccuracy == expected.finalAccuracy)

        var other = config
        other.hiddenSize = 32
        #expect(throws: LanguageModelError.self) {
            try SFTPretraining.run(
                task: task, config: other, evaluationProblems: 2, resume: try SFTCheckpoint.resumePoint(in: folder.url))
        }
    }
}
