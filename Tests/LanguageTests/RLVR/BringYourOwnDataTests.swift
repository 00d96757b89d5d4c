import Foundation
import Tensor
import Testing

@testable import Language

@Suite("Bring your own prompts: JSONL → named verifier → RLVR steps")
struct BringYourOwnDataTests {
    static let tokenizer = CharacterTokenizer(characters: "0123456789+=")

    @Test("a temp JSONL with custom fields trains two GRPO steps with correctness + format rewards")
    func endToEnd() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("byod-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("sums.jsonl")
        let lines = (1...8).map { #"{"q": "\#($0)+\#($0)=", "meta": {"sol": \#($0 + $0)}}"# }
        try Data((lines.joined(separator: "\n") + "\nbroken\n").utf8).write(to: file)

        let options = PromptDataset.Options(promptField: "q", answerField: "meta.sol", onBadLine: .skip)
        let loaded = try PromptDataset.read(from: file, options: options)
        #expect(loaded.problems.count == 8 && loaded.skipped.map(\.line) == [9])
        let (train, heldOut) = try PromptDataset.split(loaded.problems, heldOutFraction: 0.25, seed: 0, path: file.path)
        #expect(train.count == 6 && heldOut.count == 2)

        let name = try VerifierName.parse("numeric")
        let verifier = name.verifier()
        let rewards = try RewardTerm.weightedRewards(
            [RewardTerm.parse("correctness=1"), RewardTerm.parse("format=0.2")], correctness: verifier,
            extractor: name.extractor)
        // the one assertion that depends on the verifier's answer: "8" for "4+4=" is right, "9" is not
        let known = try #require(train.first { $0.prompt == "4+4=" } ?? heldOut.first { $0.prompt == "4+4=" })
        func total(_ completion: String) -> Double {
            rewards.reduce(0) {
                $0 + $1.weight
                    * $1.verifier.verify(prompt: known.prompt, completion: completion, groundTruth: known.groundTruth)
                    .reward
            }
        }
        #expect(total("8") == 1.2 && total("9") == 0.2 && total("") == 0)

        var rng = SplitMix64(seed: 1)
        let model = try GPT2Model(
            configuration: GPT2Configuration(
                vocabularySize: Self.tokenizer.vocabularySize, contextLength: 16, hiddenSize: 16, layers: 1, heads: 2),
            using: &rng)
        var config = RLVRConfig.grpo
        config.objective.kl.coefficient = 0
        config.groupSize = 4
        config.promptsPerStep = 2
        config.maxCompletionLength = 3
        config.learningRate = 0.01
        let runner = RLVRRunner(
            encode: { try Self.tokenizer.encode($0, addBeginning: true) }, decode: { Self.tokenizer.decode($0) },
            stopTokens: [CharacterTokenizer.endOfSequence], padToken: CharacterTokenizer.padding, steps: 2,
            evaluateEvery: 0,
            evaluator: RLVREvaluator(samples: 2, ks: [1, 2], generation: GenerationConfig(maxNewTokens: 3)))
        let task = try PromptDatasetTask(name: "sums", problems: train, verifier: verifier)
        let outcome = try runner.run(
            model: model, config: config, task: task, heldOut: heldOut, seed: 7, rewards: rewards)

        #expect(outcome.metrics.count == 2)
        for metrics in outcome.metrics {
            let reward = try #require(metrics[RLVRMetricNames.reward])
            #expect((0...1.2).contains(reward), "mean reward \(reward) outside [0, 1.2]")
            #expect(metrics.values.allSatisfy { $0.isFinite }, "\(metrics)")
        }
        #expect(outcome.evaluations.map(\.step) == [0, 2])
        #expect(outcome.evaluations.allSatisfy { $0.report.problems == 2 })
    }

    @Test("a dataset task draws only its own problems and rejects an empty list")
    func datasetTask() throws {
        let problems = [TaskProblem(prompt: "a", groundTruth: "1"), TaskProblem(prompt: "b", groundTruth: "2")]
        let task = try PromptDatasetTask(name: "ab", problems: problems, verifier: VerifierName.exact.verifier())
        var rng = SplitMix64(seed: 0)
        let drawn = task.problems(count: 50, using: &rng)
        #expect(Set(drawn) == Set(problems))
        #expect(throws: TaskConfigurationError.self) {
            try PromptDatasetTask(name: "none", problems: [], verifier: VerifierName.exact.verifier())
        }
    }
}
