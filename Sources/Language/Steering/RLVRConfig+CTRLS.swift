extension RLVRConfig {
    /// CTRLS (arXiv:2507.08182, reconstruction): the controller of a ``SteeredLanguageModel`` trained on-policy with
    /// GRPO group advantages, token-mean over the code tokens (the loss mask), no KL (the language model is frozen
    /// and the steered model cannot be cloned as a reference), entropy bonus α = 0.01 on the code distribution, and a
    /// learning rate for a small MLP (2e-3). ε-greedy exploration is the model's ``SteeredLanguageModel/epsilon``,
    /// scheduled by an ``ExplorationSchedule`` (0.1 → 0.01). The paper's own values were not available; these are ours.
    public static let ctrls = RLVRConfig(
        advantage: .grpo, objective: RLVRObjective(aggregation: .tokenMean, entropyCoefficient: 0.01),
        learningRate: 2e-3)
}
