extension RLVRConfig {
    /// GRPO (Shao et al. 2024, arXiv:2402.03300): group mean/std, seq-mean-token-mean, ε 0.2, k3 KL in the loss.
    /// β = 0.04 is the paper's; TRL now defaults to β = 0 (set `objective.kl.coefficient`).
    public static let grpo = RLVRConfig(
        advantage: .grpo,
        objective: RLVRObjective(
            aggregation: .seqMeanTokenMean, kl: KLConfig(coefficient: 0.04, estimator: .k3, placement: .loss)))

    /// DAPO (Yu et al. 2025, arXiv:2503.14476): clip-higher 0.2/0.28, token-mean, dynamic sampling, soft overlong
    /// punishment (L_max = `maxCompletionLength` 64, buffer 16: the paper's 4096 of 20480 scaled to toy lengths),
    /// ±1 reward, G 16, no KL. Change `overlong` together with `maxCompletionLength`.
    public static let dapo = RLVRConfig(
        advantage: .grpo, objective: RLVRObjective(policyLoss: PolicyLoss(epsilonLow: 0.2, epsilonHigh: 0.28)),
        groupSize: 16, dynamicSampling: true,
        overlong: try? OverlongShaping(maxLength: 64, buffer: 16, factor: 1), rewards: .plusMinusOne)

    /// Dr. GRPO (Liu et al. 2025, arXiv:2503.20783): no std, Σ ℓ / (B · L_max), no KL. The trainer reads
    /// `length: nil` as `maxCompletionLength`, so the normaliser stays constant (TRL `dr_grpo`).
    public static let drGRPO = RLVRConfig(
        advantage: .drGRPO, objective: RLVRObjective(aggregation: .seqMeanTokenSumNorm(length: nil)))

    /// GSPO (Zheng et al. 2025, arXiv:2507.18071): sequence ratio, ε 3e-4/4e-4, seq-mean-token-mean, 4 minibatches.
    public static let gspo = RLVRConfig(
        advantage: .grpo,
        objective: RLVRObjective(
            policyLoss: PolicyLoss(epsilonLow: 3e-4, epsilonHigh: 4e-4, level: .sequence),
            aggregation: .seqMeanTokenMean),
        miniBatches: 4)

    /// Lite PPO (Liu et al. 2025, "Tricks or Traps", arXiv:2508.08221): group mean + batch std, token-mean,
    /// ε 0.2, no KL; sampling T 0.99, top-p 0.99, top-k 100.
    public static let litePPO = RLVRConfig(
        advantage: .litePPO, objective: RLVRObjective(aggregation: .tokenMean), temperature: 0.99, topP: 0.99,
        topK: 100)

    /// PPO for LLMs as verl's defaults: GAE γ 1 λ 1 with a value head, token-mean, dual clip c 3, k1 KL 0.001 in
    /// the reward, value clip 0.5.
    public static let ppo = RLVRConfig(
        advantage: .ppo,
        objective: RLVRObjective(
            policyLoss: PolicyLoss(dualClip: 3), aggregation: .tokenMean,
            kl: KLConfig(coefficient: 0.001, estimator: .k1, placement: .reward)))

    /// RLOO (Ahmadian et al. 2024, arXiv:2402.14740): leave-one-out baseline, token-mean.
    public static let rloo = RLVRConfig(advantage: .rloo, objective: RLVRObjective(aggregation: .tokenMean))

    /// REINFORCE++ (Hu 2025, arXiv:2501.03262) as verl's `reinforce_plus_plus_baseline`: group-centred reward
    /// whitened over the batch, token-mean, k2 KL 0.001 in the loss.
    public static let reinforcePlusPlus = RLVRConfig(
        advantage: .reinforcePlusPlusBaseline,
        objective: RLVRObjective(
            aggregation: .tokenMean, kl: KLConfig(coefficient: 0.001, estimator: .k2, placement: .loss)))

    /// SELF (arXiv:2510.02230; `slurm/train_max_ppo.sh`): GRPO (group mean/std, token-mean as verl) trained only on
    /// prompts the policy fails greedily (``PromptSelection/Method/greedyFail``).
    public static let selfCuration = RLVRConfig(
        advantage: .grpo, objective: RLVRObjective(aggregation: .tokenMean),
        selection: PromptSelection(method: .greedyFail))

    /// SIREN (arXiv:2509.25133; `exp_scripts/siren.sh`): group mean without std, seq-mean-token-sum-norm, clip
    /// 0.28/0.28, no KL, and the top-p / peak-entropy / anchored regulariser with c 0.005.
    public static let siren = RLVRConfig(
        advantage: .drGRPO,
        objective: RLVRObjective(
            policyLoss: PolicyLoss(epsilonLow: 0.28, epsilonHigh: 0.28), aggregation: .seqMeanTokenSumNorm(length: nil),
            siren: .paper))

    /// ADORA (arXiv:2602.10019; `ADORA.sh`): GRPO with k3 KL 0.001 in the loss and the released code's length rule,
    /// TDS groups' advantages ×0.1.
    public static let adora = RLVRConfig(
        advantage: .grpo,
        objective: RLVRObjective(aggregation: .tokenMean, kl: KLConfig(coefficient: 0.001, estimator: .k3, placement: .loss)),
        adora: ADORAWeighting(lambda: 0.1))

    /// InSight (arXiv:2603.01907, App. D.2): GRPO on prompts chosen by weighted mutual information (η 3, μ 0.3,
    /// M̂ = 16·M candidates, no forgetting). Use a finite prompt set (`--dataset`) so beliefs accumulate.
    public static let insight = RLVRConfig(
        advantage: .grpo, objective: RLVRObjective(aggregation: .tokenMean),
        selection: PromptSelection(method: .insight))

    /// R³L (arXiv:2601.03715; `examples/R3L/countdown/opmd_R3L_1.5B.yaml`): OPMD baseline `A = r − mean_group`
    /// with positive amplification (α 3), the OPMD loss `−A·log π/(1 + τ)` with τ 1, token-mean, k2 KL in the loss,
    /// and reflect-then-retry with pivotal masking (half the group first attempts). Needs a ``Reflector``
    /// (`--task countdown` picks ``CountdownReflector``). The KL coefficient 0.001 is ours (the config names
    /// `kl_loss_fn: k2`; its coefficient was not read).
    public static let r3l = RLVRConfig(
        advantage: .drGRPO,
        objective: RLVRObjective(
            policyLoss: .opmd(tau: 1), aggregation: .tokenMean,
            kl: KLConfig(coefficient: 0.001, estimator: .k2, placement: .loss)),
        amplification: .paper, retry: RetrySettings(isEnabled: true))

    /// SCMA (arXiv:2601.21919): GRPO (token-mean, no KL) with the importance-weighted length penalty on correct
    /// answers, λ 1 (ours: the paper's coefficient was not reachable), chunks rated by the repeated-chunk oracle;
    /// `--set compression.scorer=policy` trains the policy as the scorer (the multi-agent variant).
    public static let scma = RLVRConfig(
        advantage: .grpo, objective: RLVRObjective(aggregation: .tokenMean),
        lengthPenalty: LengthPenalty(weighting: .importance, lambda: 1))

    /// Preset names as used on the command line, in a stable order.
    public static let presetNames = [
        "grpo", "dapo", "dr-grpo", "gspo", "lite-ppo", "ppo", "rloo", "reinforce++", "self", "siren", "adora",
        "insight", "r3l", "scma",
    ]

    /// The preset called `name` (see ``presetNames``).
    /// - Throws: ``RLVRInputError`` listing the valid names.
    public static func preset(named name: String) throws(RLVRInputError) -> RLVRConfig {
        switch name.lowercased() {
        case "grpo": return .grpo
        case "dapo": return .dapo
        case "dr-grpo", "drgrpo", "dr_grpo": return .drGRPO
        case "gspo": return .gspo
        case "lite-ppo", "liteppo", "lite_ppo": return .litePPO
        case "ppo": return .ppo
        case "rloo": return .rloo
        case "reinforce++", "reinforce-plus-plus": return .reinforcePlusPlus
        case "self": return .selfCuration
        case "siren": return .siren
        case "adora": return .adora
        case "insight": return .insight
        case "r3l", "r3-l": return .r3l
        case "scma": return .scma
        default:
            throw RLVRInputError("unknown RLVR preset `\(name)`; choose one of \(presetNames.joined(separator: ", "))")
        }
    }
}
