/// Which conservative penalty a forward–backward learner adds (Jeen et al., "Zero-Shot Reinforcement Learning from
/// Low Quality Data", NeurIPS 2024 = thesis arXiv:2508.16496 ch. 3; authors' `agents/cfb/agent.py`).
public enum FBConservativeMode: String, Codable, Sendable, CaseIterable {
    /// Vanilla FB: no penalty.
    case none
    /// VC-FB: value-conservative, logsumexp_a F(s, a, z)ᵀz − F(s, a_data, z)ᵀz.
    case value
    /// MC-FB: measure-conservative, logsumexp_a F(s, a, z)ᵀB(s′_j) − F(s, a_data, z)ᵀB(s′_j).
    case measure
}

/// The conservative part of ``FBConfig`` (authors' `agents/cfb/config.yaml`).
public struct FBConservativeConfig: Codable, Equatable, Sendable {
    /// The penalty; nil: the registry name's (`fb` none, `vcfb` value, `mcfb` measure).
    public var mode: FBConservativeMode?
    /// α: the penalty's weight when ``lagrange`` is off (config `alpha`, default 0.01); with ``lagrange`` the
    /// starting value of the tuned α is exp(0) = 1, as in the code (`critic_log_alpha` starts at 0).
    public var alpha = 0.01
    /// Tune α by dual gradient descent on L_α = −½ · α · (P − τ) (code `_tune_alpha`, `lagrange`, default off).
    public var lagrange = false
    /// τ: the target conservative penalty of the Lagrange tuning (config `target_conservative_penalty`, 50).
    public var targetPenalty = 50.0

    /// The code's defaults (fixed α = 0.01).
    public init() {}

    private enum CodingKeys: String, CodingKey { case mode, alpha, lagrange, targetPenalty }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = Self()
        mode = try c.decodeIfPresent(FBConservativeMode.self, forKey: .mode)
        alpha = try c.decodeIfPresent(Double.self, forKey: .alpha) ?? d.alpha
        lagrange = try c.decodeIfPresent(Bool.self, forKey: .lagrange) ?? d.lagrange
        targetPenalty = try c.decodeIfPresent(Double.self, forKey: .targetPenalty) ?? d.targetPenalty
    }
}

/// Hyper-parameters of forward–backward representations for discrete actions (``ForwardBackward``, ``VCFB``,
/// ``MCFB``; with ``memoryWidth`` > 0 and `trainer.historyLength` the memory-based FB-M).
///
/// Defaults follow the authors' `agents/fb/config.yaml` and `agents/cfb/config.yaml` (zero-shot-rl) where they
/// carry over to discrete actions; the networks are plain MLPs (the code's F has two 1024-wide preprocessors for
/// (s, a) and (s, z); a discrete F reads (s, z) and outputs one embedding per action).
public struct FBConfig: Codable, Equatable, Sendable {
    /// d: the embedding size of F, B and z (config `z_dimension`, default 50).
    public var zDimension = 50
    /// Hidden widths of each F head, which maps [s (or φ(h)), z] to n · d outputs (config: 256 × 2 after the
    /// preprocessors).
    public var forwardHidden = [256, 256]
    /// Hidden widths of B (config `backward_hidden_dimension` 256 × `backward_hidden_layers` 3).
    public var backwardHidden = [256, 256, 256]
    /// Adam learning rate of F and B (config `critic_learning_rate`, 1e-4).
    public var learningRate = 1e-4
    /// B's learning rate is ``learningRate`` × this (config `learning_rate_coefficient`, 1).
    public var backwardLearningRateCoefficient = 1.0
    /// γ, the discount of the successor measure (config `discount`, 0.98).
    public var gamma = 0.98
    /// τ: Polyak rate of the target F and B (config `tau`, 0.01).
    public var tau = 0.01
    /// Fraction of a batch's z drawn as √d · B(s)/‖B(s)‖ of (permuted) dataset states instead of uniformly on the
    /// sphere of radius √d (config `z_mix_ratio`, 0.5).
    public var zMixRatio = 0.5
    /// Weight of the orthonormality loss on B (config `orthonormalisation_coefficient`, 1).
    public var orthonormalityCoefficient = 1.0
    /// Every gradient entry of F and B is clamped to ±this (the code's `param.grad.data.clamp_(-1, 1)`); 0: off.
    public var gradientClamp = 1.0
    /// The conservative penalty (VC-FB / MC-FB).
    public var conservative = FBConservativeConfig()
    /// GRU units of the history encoder φ in front of F and the policy (FB-M; `bfms-with-memory` uses GRU 512);
    /// 0 (default): no memory. Needs history windows (`trainer.historyLength`, e.g. 4).
    public var memoryWidth = 0

    /// The code's defaults.
    public init() {}

    /// Checks every field.
    /// - Throws: ``OfflineAlgorithmError`` naming the field and the accepted range.
    public func validate(_ name: String) throws(OfflineAlgorithmError) {
        guard zDimension > 0 else {
            throw OfflineAlgorithmError("\(name).zDimension (d) must be ≥ 1, got \(zDimension)")
        }
        guard forwardHidden.allSatisfy({ $0 > 0 }), backwardHidden.allSatisfy({ $0 > 0 }) else {
            throw OfflineAlgorithmError(
                "\(name).forwardHidden and backwardHidden must be positive widths, got \(forwardHidden), "
                    + "\(backwardHidden)")
        }
        guard learningRate > 0, learningRate.isFinite, backwardLearningRateCoefficient > 0 else {
            throw OfflineAlgorithmError(
                "\(name).learningRate and backwardLearningRateCoefficient must be positive, got \(learningRate), "
                    + "\(backwardLearningRateCoefficient)")
        }
        guard (0..<1).contains(gamma) else {
            throw OfflineAlgorithmError("\(name).gamma must be in [0, 1) (paper 0.98), got \(gamma)")
        }
        guard tau > 0, tau <= 1 else {
            throw OfflineAlgorithmError("\(name).tau must be in (0, 1] (paper 0.01), got \(tau)")
        }
        guard (0...1).contains(zMixRatio) else {
            throw OfflineAlgorithmError("\(name).zMixRatio must be in [0, 1] (paper 0.5), got \(zMixRatio)")
        }
        guard orthonormalityCoefficient >= 0, gradientClamp >= 0 else {
            throw OfflineAlgorithmError(
                "\(name).orthonormalityCoefficient and gradientClamp must be ≥ 0, got \(orthonormalityCoefficient), "
                    + "\(gradientClamp)")
        }
        guard conservative.alpha >= 0, conservative.alpha.isFinite, conservative.targetPenalty.isFinite else {
            throw OfflineAlgorithmError(
                "\(name).conservative.alpha must be ≥ 0 (paper 0.01) and targetPenalty finite (paper 50), got "
                    + "\(conservative.alpha), \(conservative.targetPenalty)")
        }
        guard memoryWidth >= 0 else {
            throw OfflineAlgorithmError(
                "\(name).memoryWidth must be ≥ 0 (0: no memory; FB-M e.g. 32), got \(memoryWidth)")
        }
    }

    private enum CodingKeys: String, CodingKey {
        case zDimension, forwardHidden, backwardHidden, learningRate, backwardLearningRateCoefficient, gamma, tau
        case zMixRatio, orthonormalityCoefficient, gradientClamp, conservative, memoryWidth
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = Self()
        zDimension = try c.decodeIfPresent(Int.self, forKey: .zDimension) ?? d.zDimension
        forwardHidden = try c.decodeIfPresent([Int].self, forKey: .forwardHidden) ?? d.forwardHidden
        backwardHidden = try c.decodeIfPresent([Int].self, forKey: .backwardHidden) ?? d.backwardHidden
        learningRate = try c.decodeIfPresent(Double.self, forKey: .learningRate) ?? d.learningRate
        backwardLearningRateCoefficient =
            try c.decodeIfPresent(Double.self, forKey: .backwardLearningRateCoefficient)
            ?? d.backwardLearningRateCoefficient
        gamma = try c.decodeIfPresent(Double.self, forKey: .gamma) ?? d.gamma
        tau = try c.decodeIfPresent(Double.self, forKey: .tau) ?? d.tau
        zMixRatio = try c.decodeIfPresent(Double.self, forKey: .zMixRatio) ?? d.zMixRatio
        orthonormalityCoefficient =
            try c.decodeIfPresent(Double.self, forKey: .orthonormalityCoefficient) ?? d.orthonormalityCoefficient
        gradientClamp = try c.decodeIfPresent(Double.self, forKey: .gradientClamp) ?? d.gradientClamp
        conservative = try c.decodeIfPresent(FBConservativeConfig.self, forKey: .conservative) ?? d.conservative
        memoryWidth = try c.decodeIfPresent(Int.self, forKey: .memoryWidth) ?? d.memoryWidth
    }
}
