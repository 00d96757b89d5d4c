import Language

/// The shared budget and setting of the Lite PPO reproduction (quick or full): the base model's pretraining,
/// the RL task, and what every compared method gets in common.
struct LitePPOBudget: Codable, Equatable, Sendable {
    /// The RL task (and the base model's SFT task).
    var task: SyntheticTask
    /// Base-model pretraining.
    var sft: SFTConfig
    /// RL trainer steps per run.
    var steps: Int
    /// Prompts per step.
    var promptsPerStep: Int
    /// G.
    var groupSize: Int
    /// Optimizer steps per rollout batch (verl mini-batches): with one on-policy update the ratio is always 1 and
    /// clipping (hence clip-higher) can never act, so every method gets the same 4 minibatch updates.
    var miniBatches: Int
    /// One learning rate for every method (a tiny from-scratch model needs far more than the papers' 1e-6).
    var learningRate: Double
    /// L_max.
    var maxCompletionLength: Int
    /// Steps between held-out evaluations (curves).
    var evaluateEvery: Int
    /// Held-out problems and samples per problem for the curves.
    var curveProblems: Int, curveSamples: Int
    /// Held-out problems and samples per problem for the final pass@k.
    var finalProblems: Int, finalSamples: Int

    static func make(quick: Bool) throws -> LitePPOBudget {
        // SFT base (the same for both budgets): 1–2 digit addition, mixed direct / worked-steps solutions with
        // 20 % corrupted examples, trained briefly so that the held-out pass@1 at temperature 1 sits in the middle
        // (digest §2 Task B: base pass@1 ≈ 0.3–0.6; measured ≈ 0.37, greedy ≈ 0.78)
        let sft = SFTConfig(
            architecture: .qwen2, layers: 2, hiddenSize: 64, heads: 4, contextLength: 64, steps: 1000,
            batchSize: 32, learningRate: 3e-3, finalLearningRate: 3e-4, warmupSteps: 50,
            styleMix: try StyleMix(parsing: "direct=0.5,steps=0.5"), noise: 0.2, malformedShare: 0.5, seed: 1234)
        return LitePPOBudget(
            task: try SyntheticTask(kind: .addition, difficulty: 2), sft: sft, steps: quick ? 30 : 250,
            promptsPerStep: quick ? 8 : 16, groupSize: 8, miniBatches: 4, learningRate: 1e-4,
            maxCompletionLength: 40, evaluateEvery: quick ? 10 : 25, curveProblems: quick ? 32 : 48, curveSamples: 4,
            finalProblems: quick ? 48 : 96, finalSamples: quick ? 8 : 16)
    }

    /// `preset` with this budget's common knobs (G, prompts per step, minibatches, learning rate, L_max, and DAPO's overlong
    /// buffer scaled to L_max / 4); everything else is the preset's.
    func configure(_ preset: RLVRConfig) throws -> RLVRConfig {
        var c = preset.budgeted(
            groupSize: groupSize, promptsPerStep: promptsPerStep, miniBatches: miniBatches, learningRate: learningRate,
            maxCompletionLength: maxCompletionLength)
        if c.overlong != nil {
            c.overlong = try OverlongShaping(maxLength: maxCompletionLength, buffer: maxCompletionLength / 4, factor: 1)
        }
        return c
    }
}
