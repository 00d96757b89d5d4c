import Foundation

/// RLVMR's verifiable meta-reasoning rewards and GRPO-MR advantages (digest §1 ✅; released code
/// `core_rlvmr.py`, `projection.py`, re-read for this port).
///
/// Step reward r^MR_t of a format-valid step (an invalid one has type `none` and reward 0):
/// - `<planning>`: ``planningReward`` if the episode succeeds, else 0;
/// - `<explore>`: ``explorationReward`` if its action differs from the action of every earlier format-valid step;
/// - `<reflection>`: ``reflectionReward`` if the previous step was format-invalid or its action unavailable, and the
///   action differs from the previous step's (the code's quirk: the first step always qualifies);
/// - `<monitor>`: 0, and — as in the code, which has no `<monitor>` branch — grouped with the `none` steps.
///
/// Advantages over one group (the rollouts of one task), every step a row as in the code: the episode advantage
/// normalises s_{i,t} = r_s·1[success_i] + p·1[step t invalid] (``successReward`` r_s, ``formatPenalty`` p) over all
/// steps of the group; the step advantage normalises r^MR over the steps of the same (group, tag type). Both use
/// (x − μ)/(σ + ε) with the unbiased σ (or x − μ in ``Normalization/mean``), μ = 0 and σ = 1 for a single row.
/// A_t = ``trajectoryWeight``·A^traj + ``stepWeight``·A^MR: the code's A^traj + w·A^MR (w = 1 in `run_alfworld.sh`)
/// or the paper's α·A^traj + (1 − α)·A^MR (α = 0.5). With ``stepWeight`` 0 it is outcome-only GRPO with the code's
/// episode normalisation and format penalty.
public struct MetaReasoningReward: Codable, Sendable, Equatable {
    /// How rows are normalised in their group (the code's `mode`).
    public enum Normalization: String, Codable, Sendable, CaseIterable {
        /// (x − μ)/(σ + ε): `mean_std_norm`.
        case meanStd = "mean-std"
        /// x − μ: `mean_norm`.
        case mean
    }

    /// Planning bonus when the episode succeeds (`planning_reward`, §3.2), default 1.
    public var planningReward: Double
    /// Exploration bonus for a non-repeated action (`exploration_reward`), default 1.
    public var explorationReward: Double
    /// Reflection bonus for a corrective action (`reflection_reward`), default 1.
    public var reflectionReward: Double
    /// p: added to an invalid-format step's episode score (`invalid_action_penalty_coef` 0.1), default −0.1.
    public var formatPenalty: Double
    /// r_s: the outcome reward of a success (`reward = 10.0 * won` in the ALFWorld wrapper), default 10.
    public var successReward: Double
    /// Weight of the episode advantage A^traj (code 1; paper α = 0.5), default 1.
    public var trajectoryWeight: Double
    /// Weight of the meta-reasoning advantage A^MR (code `step_advantage_w`, 1 in `run_alfworld.sh`; paper
    /// 1 − α = 0.5), default 1.
    public var stepWeight: Double
    /// Row normalisation, default ``Normalization/meanStd``.
    public var normalization: Normalization
    /// ε of the normalisation, default 1e-6.
    public var epsilon: Double

    /// The released code's settings.
    public init(
        planningReward: Double = 1, explorationReward: Double = 1, reflectionReward: Double = 1,
        formatPenalty: Double = -0.1, successReward: Double = 10, trajectoryWeight: Double = 1, stepWeight: Double = 1,
        normalization: Normalization = .meanStd, epsilon: Double = 1e-6
    ) {
        self.planningReward = planningReward
        self.explorationReward = explorationReward
        self.reflectionReward = reflectionReward
        self.formatPenalty = formatPenalty
        self.successReward = successReward
        self.trajectoryWeight = trajectoryWeight
        self.stepWeight = stepWeight
        self.normalization = normalization
        self.epsilon = epsilon
    }

    /// The paper's combination A = α·A^traj + (1 − α)·A^MR.
    public static func paper(alpha: Double = 0.5) -> MetaReasoningReward {
        MetaReasoningReward(trajectoryWeight: alpha, stepWeight: 1 - alpha)
    }

    /// Checks finite values, p ≤ 0, r_s > 0, ε > 0.
    /// - Throws: ``AgentInputError`` naming the field.
    public func validate() throws(AgentInputError) {
        let values = [planningReward, explorationReward, reflectionReward, trajectoryWeight, stepWeight]
        guard values.allSatisfy(\.isFinite) else {
            throw AgentInputError("MetaReasoningReward: rewards and weights must be finite, got \(values)")
        }
        guard formatPenalty.isFinite, formatPenalty <= 0 else {
            throw AgentInputError("MetaReasoningReward.formatPenalty must be finite and ≤ 0, got \(formatPenalty)")
        }
        guard successReward.isFinite, successReward > 0 else {
            throw AgentInputError("MetaReasoningReward.successReward must be finite and > 0, got \(successReward)")
        }
        guard epsilon.isFinite, epsilon > 0 else {
            throw AgentInputError("MetaReasoningReward.epsilon must be finite and > 0, got \(epsilon)")
        }
    }

    /// One step as the rules see it.
    public struct Step: Sendable, Equatable {
        /// The tag group: the tag's raw value, or `none` for an invalid step and (as in the code) `<monitor>`.
        public var group: String
        /// r^MR_t.
        public var reward: Double
        /// Whether the format was invalid (the penalty applies).
        public var invalid: Bool
    }

    /// The tag group and step reward of every turn of `transcript`. A turn is format-valid when the world reported
    /// no format error and its action parses (``MetaReasoningOutput/parse(_:)``); its action is available unless
    /// the world marked it not admissible (``StepInfo/admissible``).
    public func steps(_ transcript: Transcript, success: Bool) -> [Step] {
        let turns = transcript.turns
        let parsed = turns.map { turn -> MetaReasoningOutput? in
            turn.info.formatError == nil ? try? MetaReasoningOutput.parse(turn.action) : nil
        }
        let actionLists = turns.map { MetaReasoningOutput.contents(of: "action", in: $0.action) }
        return turns.indices.map { t in
            guard let output = parsed[t] else { return Step(group: "none", reward: 0, invalid: true) }
            switch output.tag {
            case .planning:
                return Step(group: output.tag.rawValue, reward: success ? planningReward : 0, invalid: false)
            case .explore:
                let repeated = (0..<t).contains { parsed[$0] != nil && actionLists[$0] == actionLists[t] }
                return Step(group: output.tag.rawValue, reward: repeated ? 0 : explorationReward, invalid: false)
            case .reflection:
                let corrective: Bool
                if t == 0 {
                    corrective = true
                } else {
                    let previousValid = parsed[t - 1] != nil && turns[t - 1].info.admissible != false
                    corrective = !previousValid && actionLists[t - 1] != actionLists[t]
                }
                return Step(group: output.tag.rawValue, reward: corrective ? reflectionReward : 0, invalid: false)
            case .monitor:
                return Step(group: "none", reward: 0, invalid: false)
            }
        }
    }

    /// Per rollout of one group, the advantage of every turn (see the type's documentation).
    /// - Parameters:
    ///   - transcripts: the group's episodes.
    ///   - successes: whether each succeeded.
    public func turnAdvantages(transcripts: [Transcript], successes: [Bool]) -> [[Double]] {
        let steps = zip(transcripts, successes).map { self.steps($0, success: $1) }
        let scores = steps.indices.map { i in
            steps[i].map { (successes[i] ? successReward : 0) + ($0.invalid ? formatPenalty : 0) }
        }
        let episode = normalizedRows(scores.flatMap { $0 })
        var byTag: [String: [Double]] = [:]
        for row in steps.flatMap({ $0 }) { byTag[row.group, default: []].append(row.reward) }
        let tagStats = byTag.mapValues(statistics)
        var cursor = 0
        return steps.map { rows in
            rows.map { row in
                let stats = tagStats[row.group] ?? (0, 1)
                let a = trajectoryWeight * episode[cursor] + stepWeight * normalize(row.reward, stats)
                cursor += 1
                return a
            }
        }
    }

    /// μ and the unbiased σ of `values`, (0, 1) for a single value.
    func statistics(_ values: [Double]) -> (mean: Double, std: Double) {
        guard values.count > 1 else { return (0, 1) }
        let mean = values.reduce(0, +) / Double(values.count)
        let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        return (mean, (squares / Double(values.count - 1)).squareRoot())
    }

    func normalize(_ value: Double, _ stats: (mean: Double, std: Double)) -> Double {
        switch normalization {
        case .meanStd: (value - stats.mean) / (stats.std + epsilon)
        case .mean: value - stats.mean
        }
    }

    func normalizedRows(_ values: [Double]) -> [Double] {
        let stats = statistics(values)
        return values.map { normalize($0, stats) }
    }
}
