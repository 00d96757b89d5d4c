import Language

/// The setting of the R³L reproduction (quick or full): the Countdown-3 base model, the hard split, and what
/// every compared method gets in common.
struct R3LBudget: Codable, Equatable, Sendable {
    /// Countdown with 3 numbers in 1…10.
    var task: SyntheticTask
    /// Base-model SFT: worked solutions, 40 % of them with a hint naming one of their steps in the prompt (the
    /// base follows guidance, as the paper's instruct models do).
    var sft: SFTConfig
    /// Candidate problems screened for the hard split (training side, held-out side).
    var trainCandidates: Int, heldOutCandidates: Int
    /// Samples per candidate, and the most correct samples a problem may have to count as hard.
    var screenSamples: Int, maxScreenSuccesses: Int
    /// Trainer steps, prompts per step, G, learning rate, minibatches and L_max shared by every arm.
    var steps: Int, promptsPerStep: Int, groupSize: Int, learningRate: Double, miniBatches: Int
    var maxCompletionLength: Int
    /// KL coefficient of every arm (GRPO's k3, R³L's k2).
    var klCoefficient: Double
    /// Held-out evaluation cadence and samples per problem.
    var evaluateEvery: Int, evaluationSamples: Int

    static func make(quick: Bool) throws -> R3LBudget {
        let sft = SFTConfig(
            architecture: .qwen2, layers: 2, hiddenSize: 64, heads: 4, contextLength: 96, steps: 1500, batchSize: 32,
            learningRate: 3e-3, finalLearningRate: 3e-4, warmupSteps: 50,
            styleMix: try StyleMix(parsing: "steps=0.6,hinted=0.4"), noise: 0, seed: 1234)
        return R3LBudget(
            task: try SyntheticTask(kind: .countdown, difficulty: 2), sft: sft,
            trainCandidates: quick ? 192 : 640, heldOutCandidates: quick ? 128 : 320, screenSamples: 16,
            maxScreenSuccesses: 2, steps: quick ? 15 : 100, promptsPerStep: quick ? 8 : 16, groupSize: 8,
            learningRate: 2e-4, miniBatches: 2, maxCompletionLength: 40, klCoefficient: 0.001,
            evaluateEvery: quick ? 5 : 20, evaluationSamples: 8)
    }

    /// `preset` with the common knobs.
    func configure(_ preset: RLVRConfig) -> RLVRConfig {
        var c = preset.budgeted(
            groupSize: groupSize, promptsPerStep: promptsPerStep, miniBatches: miniBatches, learningRate: learningRate,
            maxCompletionLength: maxCompletionLength)
        c.objective.kl.coefficient = klCoefficient
        return c
    }
}
