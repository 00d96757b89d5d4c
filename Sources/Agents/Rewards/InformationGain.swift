import Foundation

/// IGPO's information-gain turn rewards and turn-level returns (digest §4; Wang et al., arXiv 2510.14967, code
/// `info_gain.py` and `core_algos.py`).
///
/// The belief s_t is the policy's length-normalised log-probability of the gold answer given the context after
/// turn t (s_0: before the first turn). For an intermediate turn t < T the reward is
/// `logProbDiff`: s_t − s_{t−1} (the current `train.sh` default) or `probDiff`: exp(s_t) − exp(s_{t−1}) (the
/// original code); the final turn's reward is the outcome. Within a group, ``Normalization/separate`` z-scores the
/// IG rewards and the outcome rewards over their own positions, ``Normalization/joint`` over both together
/// (σ := 1 for one value). With ``center`` false the IG rewards are only scaled by σ, not centred (the digest's
/// toy finding, §4 lesson 2). The turn advantage is the discounted return R̃_t = Σ_{k≥t} γ^{k−t} r̃_k.
public struct InformationGain: Codable, Sendable, Equatable {
    /// How the turn reward is read from consecutive beliefs.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// s_t − s_{t−1}.
        case logProbDiff = "log-prob-diff"
        /// exp(s_t) − exp(s_{t−1}).
        case probDiff = "prob-diff"
    }

    /// How rewards are normalised within a group.
    public enum Normalization: String, Codable, Sendable, CaseIterable {
        /// IG rewards and outcome rewards z-scored each over their own positions (the code's default).
        case separate
        /// One z-score over both.
        case joint
    }

    /// Whose belief in the gold answer s_t is.
    public enum Probe: String, Codable, Sendable, CaseIterable {
        /// The policy's own probability of the gold answer (the paper's definition).
        case policy
        /// The world's exact posterior given the evidence retrieved so far (the digest's prototype; falls back to
        /// the policy when the task set has none).
        case world
    }

    /// Whose belief is scored, default ``Probe/policy``.
    public var probe: Probe
    /// IG reward kind, default ``Kind/logProbDiff``.
    public var kind: Kind
    /// Group normalisation, default ``Normalization/separate``.
    public var normalization: Normalization
    /// Subtract the group mean of the IG rewards (the paper), default true; false scales only.
    public var center: Bool
    /// γ: turn discount of the returns, default 1.
    public var gamma: Double
    /// Weight of the IG rewards after normalisation, default 1 (the paper's curriculum moves it 1 → 0.5).
    public var informationWeight: Double
    /// Weight of the outcome reward after normalisation, default 1 (curriculum 0.5 → 1).
    public var outcomeWeight: Double

    /// IGPO with the code's defaults.
    public init(
        kind: Kind = .logProbDiff, normalization: Normalization = .separate, center: Bool = true, gamma: Double = 1,
        informationWeight: Double = 1, outcomeWeight: Double = 1, probe: Probe = .policy
    ) {
        self.probe = probe
        self.kind = kind
        self.normalization = normalization
        self.center = center
        self.gamma = gamma
        self.informationWeight = informationWeight
        self.outcomeWeight = outcomeWeight
    }

    /// Checks γ ∈ [0, 1] and finite weights.
    /// - Throws: ``AgentInputError`` naming the field.
    public func validate() throws(AgentInputError) {
        guard gamma.isFinite, (0...1).contains(gamma) else {
            throw AgentInputError("InformationGain.gamma must be in [0, 1], got \(gamma)")
        }
        guard informationWeight.isFinite, outcomeWeight.isFinite else {
            throw AgentInputError("InformationGain weights must be finite, got \(informationWeight), \(outcomeWeight)")
        }
    }

    /// The raw IG reward of each intermediate turn of one rollout from its beliefs s_0 … s_T (T + 1 values for
    /// T turns); turns 1…T−1 get one each (T − 1 values).
    public func rawRewards(beliefs: [Double]) -> [Double] {
        guard beliefs.count >= 3 else { return [] }
        return (1..<(beliefs.count - 1)).map { t in
            switch kind {
            case .logProbDiff: beliefs[t] - beliefs[t - 1]
            case .probDiff: exp(beliefs[t]) - exp(beliefs[t - 1])
            }
        }
    }

    /// Per rollout of one group, the advantage of every turn: normalised IG rewards on intermediate turns, the
    /// normalised outcome on the last turn, then discounted returns.
    /// - Parameters:
    ///   - beliefs: per rollout, s_0 … s_T (one more than its turns; a rollout with no turns has one value).
    ///   - outcomes: per rollout, the final reward.
    public func turnAdvantages(beliefs: [[Double]], outcomes: [Double]) -> [[Double]] {
        let raw = beliefs.map(rawRewards)
        let flatIG = raw.flatMap { $0 }
        let normalizedIG: [Double], normalizedOutcome: [Double]
        switch normalization {
        case .separate:
            normalizedIG = GroupStatistics.normalized(flatIG, center: center)
            normalizedOutcome = GroupStatistics.normalized(outcomes, center: true)
        case .joint:
            let (mean, std) = GroupStatistics.meanAndStd(flatIG + outcomes)
            let sigma = flatIG.count + outcomes.count <= 1 || std < 1e-12 ? 1 : std
            normalizedIG = flatIG.map { (center ? $0 - mean : $0) / sigma }
            normalizedOutcome = outcomes.map { ($0 - mean) / sigma }
        }
        var cursor = 0
        return beliefs.indices.map { i in
            let turns = beliefs[i].count - 1
            guard turns >= 1 else { return [] }
            var rewards = [Double](repeating: 0, count: turns)
            for t in 0..<(turns - 1) {
                rewards[t] = informationWeight * normalizedIG[cursor]
                cursor += 1
            }
            rewards[turns - 1] = outcomeWeight * normalizedOutcome[i]
            return Self.returns(rewards, gamma: gamma)
        }
    }

    /// R̃_t = Σ_{k≥t} γ^{k−t} r_k.
    public static func returns(_ rewards: [Double], gamma: Double) -> [Double] {
        var out = rewards
        var running = 0.0
        for t in stride(from: rewards.count - 1, through: 0, by: -1) {
            running = rewards[t] + gamma * running
            out[t] = running
        }
        return out
    }
}
