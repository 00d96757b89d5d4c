import Language

/// The setting of the SCMA reproduction (quick or full): a verbose addition base model and what every arm shares.
struct SCMABudget: Codable, Equatable, Sendable {
    /// 1–2 digit addition.
    var task: SyntheticTask
    /// Base SFT: 80 % worked solutions with 0–2 redundant repeats after each line, 20 % direct answers.
    var sft: SFTConfig
    /// Trainer steps, prompts per step, G, learning rate, minibatches and L_max shared by every arm.
    var steps: Int, promptsPerStep: Int, groupSize: Int, learningRate: Double, miniBatches: Int
    var maxCompletionLength: Int
    /// λ values of the sweep (uniform and SCMA at each), and the λ of the learned-scorer arm.
    var lambdas: [Double], policyScorerLambda: Double
    /// Held-out problems and samples per problem of the final evaluation.
    var heldOutProblems: Int, samples: Int

    static func make(quick: Bool) throws -> SCMABudget {
        let sft = SFTConfig(
            architecture: .qwen2, layers: 2, hiddenSize: 64, heads: 4, contextLength: 96, steps: 1500, batchSize: 32,
            learningRate: 3e-3, finalLearningRate: 3e-4, warmupSteps: 50,
            styleMix: try StyleMix(parsing: "verbose=0.8,direct=0.2"), noise: 0, seed: 1234)
        return SCMABudget(
            task: try SyntheticTask(kind: .addition, difficulty: 2), sft: sft, steps: quick ? 10 : 40,
            promptsPerStep: quick ? 8 : 16, groupSize: 8, learningRate: 1e-4, miniBatches: 2, maxCompletionLength: 64,
            lambdas: quick ? [2] : [0.5, 2], policyScorerLambda: 2, heldOutProblems: quick ? 32 : 96,
            samples: quick ? 4 : 8)
    }

    /// `base` with the common knobs.
    func configure(_ base: RLVRConfig) -> RLVRConfig {
        base.budgeted(
            groupSize: groupSize, promptsPerStep: promptsPerStep, miniBatches: miniBatches, learningRate: learningRate,
            maxCompletionLength: maxCompletionLength)
    }
}
