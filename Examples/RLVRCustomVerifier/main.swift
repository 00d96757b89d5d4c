// RLVRCustomVerifier: reinforcement learning with verifiable rewards on your own prompts, scored by your own
// `Verifier`.
//
// The task is a parity check: a prompt is a bit string followed by `=` (e.g. `0110=`) and the right answer is its
// parity bit (`0` when the number of ones is even). The prompts are written as JSONL to a temporary directory,
// one `{"prompt": …, "ground_truth": …}` object per line, and loaded with `PromptDataset` (a seeded held-out
// split). `ParityVerifier` (below) is the custom verifier: it reads the first character of the completion, calls
// the answer unformatted unless it is `0` or `1`, and says whether it is right. The trainer values the outcomes with
// `config.rewards` (here 1 right, 0.1 a wrong bit, 0 no bit: `RewardScheme.withFormatCredit`). The policy is a
// tiny GPT-2 built from scratch over a character tokenizer; `RLVRRunner` runs a few GRPO steps (no KL, since
// there is no pretrained reference) and evaluates the held-out prompts before and after.
// With 12 steps on an untrained model the rewards are noisy; the point is the wiring, not the score.
//
// Run: swift run RLVRCustomVerifier  (command-line form: swiftrl rlvr train --dataset … --verifier …)
import Foundation
import Language
import Tensor

/// Scores the first character of a completion as a parity bit against the ground truth (`"0"` or `"1"`):
/// reward 1 when right, 0 otherwise; no answer (`formatOK: false`) unless the character is `0` or `1`.
struct ParityVerifier: Verifier {
    func verify(prompt: String, completion: String, groundTruth: String) -> VerificationResult {
        guard let first = completion.first, first == "0" || first == "1" else {
            return VerificationResult(reward: 0, correct: false, answer: nil, formatOK: false)
        }
        let correct = String(first) == groundTruth
        return VerificationResult(reward: correct ? 1 : 0, correct: correct, answer: String(first), formatOK: true)
    }
}

// 1. Write all 32 five-bit prompts as JSONL and load them back.
let directory = FileManager.default.temporaryDirectory.appendingPathComponent("swiftrl-rlvr-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: directory) }
let file = directory.appendingPathComponent("parity.jsonl")
let lines = (0..<32).map { value -> String in
    let bits = (0..<5).map { value >> (4 - $0) & 1 == 1 ? "1" : "0" }.joined()
    return #"{"prompt": "\#(bits)=", "ground_truth": "\#(value.nonzeroBitCount % 2)"}"#
}
try Data(lines.joined(separator: "\n").utf8).write(to: file)
let loaded = try PromptDataset.read(from: file, options: PromptDataset.Options(onBadLine: .stop))
let (train, heldOut) = try PromptDataset.split(loaded.problems, heldOutFraction: 0.25, seed: 0, path: file.path)
print("\(file.lastPathComponent): \(train.count) training prompts, \(heldOut.count) held out")

// 2. A tiny GPT-2 over the characters of the task (plus padding, begin and end of sequence).
let tokenizer = CharacterTokenizer(characters: "01=")
var rng = Xoshiro256StarStar(seed: 1)
let model = try GPT2Model(
    configuration: GPT2Configuration(
        vocabularySize: tokenizer.vocabularySize, contextLength: 16, hiddenSize: 32, layers: 2, heads: 2),
    using: &rng)

// 3. GRPO with small groups and a learning rate for a model trained from scratch.
var config = RLVRConfig.grpo
config.objective.kl.coefficient = 0
config.groupSize = 8
config.promptsPerStep = 4
config.maxCompletionLength = 2
config.learningRate = 3e-3
config.rewards = .withFormatCredit
let runner = RLVRRunner(
    encode: { try tokenizer.encode($0, addBeginning: true) }, decode: { tokenizer.decode($0) },
    stopTokens: [CharacterTokenizer.endOfSequence], padToken: CharacterTokenizer.padding, steps: 12,
    evaluateEvery: 0, evaluator: RLVREvaluator(samples: 4, ks: [1, 4], generation: GenerationConfig(maxNewTokens: 2)))
let task = try PromptDatasetTask(name: "parity", problems: train, verifier: ParityVerifier())
let outcome = try runner.run(
    model: model, config: config, task: task, heldOut: heldOut, seed: 7,
    onStep: { step, metrics in
        let reward = metrics[RLVRMetricNames.reward] ?? .nan
        let accuracy = metrics[RLVRMetricNames.accuracy] ?? .nan
        print(String(format: "step %2d  mean reward %.3f  accuracy %.3f", step, reward, accuracy))
    })

for (step, report) in outcome.evaluations {
    print(String(format: "held-out at step %2d: accuracy (avg@4) %.3f, pass@4 %.3f", step, report.averageAtN,
                 report.passAtK[4] ?? 0))
}
