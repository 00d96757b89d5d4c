/// Replaces or corrupts the verifier's reward before advantages are formed: the spurious-reward studies
/// (Shao et al. 2025, "Spurious Rewards", arXiv:2506.10947; "Exploration v.s. Exploitation: Rethinking RLVR through
/// Clipping, Entropy, and Spurious Reward", arXiv:2512.16912). Correctness metrics keep the true verdicts.
public struct RewardNoise: Codable, Equatable, Sendable {
    /// The corruption.
    public enum Kind: String, Codable, Equatable, Sendable, CaseIterable {
        /// The true reward.
        case none
        /// `r ~ Bernoulli(p)`, independent of the completion (the random reward of Shao et al.).
        case bernoulli
        /// `r = ρ·r_true + (1 − ρ)·Bernoulli(p)`: part signal, part noise (the digest's reward-misalignment probe).
        case mixture
        /// `r = 1 − r_true` (an incorrect-label reward) for {0, 1} rewards; in general `max + min − r` of {0, 1}.
        case flipped
    }

    /// The corruption, default `none`.
    public var kind: Kind
    /// p, the probability of a random reward of 1, default 0.5.
    public var probability: Double
    /// ρ, the weight of the true reward in `mixture`, default 0.5.
    public var trueWeight: Double

    /// Creates a setting.
    public init(kind: Kind = .none, probability: Double = 0.5, trueWeight: Double = 0.5) {
        self.kind = kind
        self.probability = probability
        self.trueWeight = trueWeight
    }

    /// The reward given for a completion whose true reward is `reward`; draws one uniform for `bernoulli` and
    /// `mixture`, none otherwise.
    public func apply<G: RandomNumberGenerator>(to reward: Double, using rng: inout G) -> Double {
        switch kind {
        case .none: return reward
        case .bernoulli: return rng.nextDouble() < probability ? 1 : 0
        case .mixture: return trueWeight * reward + (1 - trueWeight) * (rng.nextDouble() < probability ? 1 : 0)
        case .flipped: return 1 - reward
        }
    }

    /// Checks the knobs.
    /// - Throws: ``RLVRInputError`` naming the invalid field.
    public func validate() throws(RLVRInputError) {
        guard probability >= 0 && probability <= 1 else {
            throw RLVRInputError("RLVRConfig.rewardNoise: probability must be in [0, 1] (got \(probability))")
        }
        guard trueWeight >= 0 && trueWeight <= 1 else {
            throw RLVRInputError("RLVRConfig.rewardNoise: trueWeight must be in [0, 1] (got \(trueWeight))")
        }
    }
}
