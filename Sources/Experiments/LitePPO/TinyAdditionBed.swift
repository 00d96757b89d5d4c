import Foundation
import Language
import Tensor

/// The tiny-LM test bed shared by the language-model reproductions (Lite PPO's base, reused by ADORA and the
/// Invisible Leash): the budget, the SFT base model (pretrained in the run directory or reused), the task's verifier,
/// a fixed held-out problem set, the training side of the split, and the character tokenizer's functions.
struct TinyAdditionBed {
    let budget: LitePPOBudget
    let base: LlamaModel
    let verifier: any Verifier
    let heldOut: [TaskProblem]
    let training: SplitTaskGenerator
    let encode: (String) throws -> [Int] = { try SyntheticTask.tokenizer.encode($0) }
    let decode: ([Int]) -> String = { SyntheticTask.tokenizer.decode($0) }
    let stopTokens = [CharacterTokenizer.endOfSequence]
    let padToken = CharacterTokenizer.padding

    /// The bed for `context`'s budget with `heldOutCount` held-out problems drawn from the stream `heldOutSeed`.
    init(_ context: ReproductionContext, heldOutSeed: UInt64, heldOutCount: (LitePPOBudget) -> Int) throws {
        budget = try LitePPOBudget.make(quick: context.quick)
        base = try LitePPOBaseModel.obtain(budget, directory: context.directory, log: context.log)
        let generator = try budget.task.makeGenerator()
        verifier = generator.verifier
        let split = HeldOutSplit()
        var heldRNG = Xoshiro256StarStar(seed: heldOutSeed)
        heldOut = split.restrict(generator, heldOut: true).problems(count: heldOutCount(budget), using: &heldRNG)
        training = split.restrict(generator, heldOut: false)
    }

    /// A runner with this bed's tokenizer for `steps` steps, evaluating `samples` per held-out problem every
    /// `evaluateEvery` steps (0: before and after only).
    func runner(steps: Int, evaluateEvery: Int, samples: Int) -> RLVRRunner {
        RLVRRunner(
            encode: encode, decode: decode, stopTokens: stopTokens, padToken: padToken, steps: steps,
            evaluateEvery: evaluateEvery,
            evaluator: RLVREvaluator(
                samples: samples, ks: [1], generation: GenerationConfig(maxNewTokens: budget.maxCompletionLength, temperature: 1)))
    }
}
