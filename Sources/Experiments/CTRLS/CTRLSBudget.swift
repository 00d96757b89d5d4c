import Language

/// The CTRLS reproduction's budget (quick or full): the coded base model's SFT, the controller's RL training and
/// the held-out evaluation every arm gets in common.
struct CTRLSBudget: Codable, Equatable, Sendable {
    /// Countdown-3 (three numbers in 1...10).
    var task: SyntheticTask
    /// The coded base model's SFT (the same for both budgets, so a quick run's cached base serves a full one).
    var sft: SFTConfig
    /// Controller training steps per run.
    var steps: Int
    /// Prompts per step and G.
    var promptsPerStep: Int, groupSize: Int
    /// AdamW learning rate of the controller MLP.
    var learningRate: Double
    /// Controller hidden width.
    var controllerWidth: Int
    /// L_max.
    var maxCompletionLength: Int
    /// Held-out problems and samples per problem (the same n for every arm).
    var evaluationProblems: Int, evaluationSamples: Int

    static func make(quick: Bool) throws -> CTRLSBudget {
        // coded SFT: every example coded (half random solver solutions, half random valid traces, CodedSolution);
        // about 90 s of release CPU time (1200 steps gave greedy held-out accuracy 0.30 in a first quick run)
        let sft = SFTConfig(
            architecture: .qwen2, layers: 2, hiddenSize: 64, heads: 4, contextLength: 80, steps: 2000,
            batchSize: 32, learningRate: 3e-3, finalLearningRate: 3e-4, warmupSteps: 50,
            styleMix: try StyleMix(parsing: "coded=1"), noise: 0, malformedShare: 0.5, seed: 2507)
        return CTRLSBudget(
            task: try SyntheticTask(kind: .countdown, difficulty: 2), sft: sft, steps: quick ? 40 : 400,
            promptsPerStep: quick ? 8 : 16, groupSize: 8, learningRate: 2e-3, controllerWidth: 64,
            maxCompletionLength: 48,
            evaluationProblems: quick ? 48 : 128, evaluationSamples: quick ? 8 : 16)
    }

    /// The arms' shared RLVR configuration: GRPO group advantages, token-mean, no KL (the LM is frozen), one
    /// on-policy update per batch, with the arm's entropy coefficient α.
    func config(entropyCoefficient: Double) -> RLVRConfig {
        var c = RLVRConfig.ctrls
        c.objective.entropyCoefficient = entropyCoefficient
        c.groupSize = groupSize
        c.promptsPerStep = promptsPerStep
        c.learningRate = learningRate
        c.maxCompletionLength = maxCompletionLength
        return c
    }
}
