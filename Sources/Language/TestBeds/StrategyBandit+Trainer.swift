import Tensor

extension StrategyBandit {
    /// The one ``RLVRTrainer`` on this bandit: prompts are problem tokens, completions one action, the reward the
    /// ``SolvingSetVerifier`` (wrapped in `config.rewards`) unless `rewardFunctions` are given.
    /// - Parameters:
    ///   - policy: the policy to train (from ``makePolicy(seed:)``).
    ///   - config: the method; `maxCompletionLength` is irrelevant (every action stops a completion).
    ///   - reference: a frozen copy for KL regularisation (``StrategyPolicy/copy()``), if the config needs one.
    ///   - rewardFunctions: custom weighted rewards (e.g. a format bonus for the policy-cliff study).
    /// - Throws: ``RLVRInputError`` for an invalid configuration.
    public func makeTrainer(
        policy: StrategyPolicy, config: RLVRConfig, reference: StrategyPolicy? = nil,
        rewardFunctions: [WeightedReward]? = nil
    ) throws(RLVRInputError) -> RLVRTrainer<StrategyPolicy> {
        let rewards =
            rewardFunctions ?? [
                WeightedReward(
                    name: "accuracy", verifier: RewardSchemeVerifier(base: SolvingSetVerifier(), scheme: config.rewards))
            ]
        var unused = SplitMix64(seed: 0)
        let bandit = self
        return try RLVRTrainer(
            model: policy, reference: reference, config: config, rewardFunctions: rewards,
            encode: { text in try bandit.encode(text, for: policy) }, decode: { bandit.decode($0) },
            stopTokens: policy.stopTokens, padToken: 0, using: &unused)
    }
}
