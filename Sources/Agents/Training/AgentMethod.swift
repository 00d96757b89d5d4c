import Foundation

/// The credit-assignment method of an ``AgentTrainer``: components switched on by configuration, on one trainer.
///
/// - outcome-only GRPO: ``rubricReward`` nil, ``informationGain`` nil — the z-scored outcome broadcast to every turn;
/// - C-GRPO (CaRR): ``rubricReward`` set — the outcome mixed with the rubric reward in the group (§2);
/// - IGPO: ``informationGain`` set — information-gain turn rewards plus the outcome, turn-level returns (§4).
/// - RLVMR: ``metaReasoning`` set — the code's episode advantage (with the format penalty) plus the tag-grouped
///   meta-reasoning step advantage (§1); it cannot be combined with IGPO.
/// C-GRPO and IGPO can be on at once (IGPO turn rewards with the C-GRPO final reward).
public struct AgentMethod: Codable, Sendable, Equatable {
    /// The C-GRPO reward combination, or nil for the plain outcome.
    public var rubricReward: CGRPOReward?
    /// IGPO's turn rewards, or nil for a trajectory-level advantage.
    public var informationGain: InformationGain?
    /// RLVMR's meta-reasoning rewards and advantages, or nil.
    public var metaReasoning: MetaReasoningReward?

    /// A method; nil components are off.
    public init(
        rubricReward: CGRPOReward? = nil, informationGain: InformationGain? = nil,
        metaReasoning: MetaReasoningReward? = nil
    ) {
        self.rubricReward = rubricReward
        self.informationGain = informationGain
        self.metaReasoning = metaReasoning
    }

    /// Outcome-only GRPO.
    public static let grpo = AgentMethod()
    /// IGPO with the code's defaults (log-prob difference, separate normalisation, centred IG).
    public static let igpo = AgentMethod(informationGain: InformationGain())
    /// C-GRPO with the paper's group-max normalisation (α = 0.3).
    public static let cgrpo = AgentMethod(rubricReward: CGRPOReward())
    /// RLVMR as the released code runs ALFWorld: A = A^traj + 1·A^MR, mean-std normalisation.
    public static let rlvmr = AgentMethod(metaReasoning: MetaReasoningReward())

    /// The preset named `name`: `grpo`, `igpo`, `igpo-uncentered`, `igpo-exact` (un-centred, the world's
    /// exact belief), `c-grpo`, `c-grpo-code`, `rlvmr` (the code's A^traj + A^MR), `rlvmr-paper` (α = 0.5),
    /// `rlvmr-outcome-only` (the code's episode advantage and format penalty without A^MR).
    /// - Throws: ``AgentInputError`` listing the names.
    public static func named(_ name: String) throws(AgentInputError) -> AgentMethod {
        switch name.lowercased() {
        case "grpo": return .grpo
        case "igpo": return .igpo
        case "igpo-uncentered", "igpo-uncentred": return AgentMethod(informationGain: InformationGain(center: false))
        case "igpo-exact":
            return AgentMethod(informationGain: InformationGain(center: false, probe: .world))
        case "c-grpo", "cgrpo": return .cgrpo
        case "c-grpo-code", "cgrpo-code": return AgentMethod(rubricReward: CGRPOReward(normalizeByGroupMax: false))
        case "rlvmr": return .rlvmr
        case "rlvmr-paper": return AgentMethod(metaReasoning: .paper())
        case "rlvmr-outcome-only": return AgentMethod(metaReasoning: MetaReasoningReward(stepWeight: 0))
        default:
            throw AgentInputError(
                "unknown agent method '\(name)'; known: grpo, igpo, igpo-uncentered, igpo-exact, c-grpo, c-grpo-code, "
                    + "rlvmr, rlvmr-paper, rlvmr-outcome-only")
        }
    }

    /// Checks the components.
    /// - Throws: ``AgentInputError`` naming the bad field.
    public func validate() throws(AgentInputError) {
        try rubricReward?.validate()
        try informationGain?.validate()
        try metaReasoning?.validate()
        if metaReasoning != nil, informationGain != nil {
            throw AgentInputError("AgentMethod: metaReasoning (RLVMR) and informationGain (IGPO) cannot both be set")
        }
    }
}

/// What the credit assignment needs of one rollout of a group.
public struct AgentCreditInput: Sendable, Equatable {
    /// The grade.
    public var grade: AgentGrade
    /// The belief s_0 … s_T of the gold answer (T + 1 values for T turns); only IGPO reads it.
    public var beliefs: [Double]
    /// Number of turns.
    public var turns: Int
    /// The episode; only RLVMR reads it (tags, format errors, actions).
    public var transcript: Transcript?

    /// An input.
    public init(grade: AgentGrade, beliefs: [Double], turns: Int, transcript: Transcript? = nil) {
        self.grade = grade
        self.beliefs = beliefs
        self.turns = turns
        self.transcript = transcript
    }
}

extension AgentMethod {
    /// Each rollout's final reward: the outcome, or C-GRPO's mix with the rubric reward.
    public func finalRewards(_ group: [AgentCreditInput]) -> [Double] {
        let outcomes = group.map(\.grade.outcome)
        guard let rubricReward else { return outcomes }
        return rubricReward.combine(outcomes: outcomes, rubrics: group.map(\.grade.rubric))
    }

    /// Per rollout, the advantage of each turn, and whether the whole group has zero advantage. Policy-agnostic:
    /// a language-model trainer broadcasts each turn's value to that turn's generated tokens (tool results
    /// masked out).
    public func turnAdvantages(_ group: [AgentCreditInput]) -> (advantages: [[Double]], zeroGroup: Bool) {
        let rewards = finalRewards(group)
        let advantages: [[Double]]
        if let metaReasoning {
            let transcripts = group.map { $0.transcript ?? Transcript(prompt: "") }
            let computed = metaReasoning.turnAdvantages(transcripts: transcripts, successes: rewards.map { $0 > 0 })
            advantages = group.indices.map { i in
                (0..<group[i].turns).map { $0 < computed[i].count ? computed[i][$0] : 0 }
            }
        } else if let informationGain {
            advantages = informationGain.turnAdvantages(beliefs: group.map(\.beliefs), outcomes: rewards)
        } else {
            let flat = GroupStatistics.grpoAdvantages(rewards)
            advantages = group.indices.map { Array(repeating: flat[$0], count: group[$0].turns) }
        }
        let zero = advantages.allSatisfy { $0.allSatisfy { abs($0) < 1e-12 } }
        return (advantages, zero)
    }
}
