import Tensor

/// At which level the importance ratio is formed.
public enum ImportanceSamplingLevel: String, Codable, Equatable, Sendable, CaseIterable {
    /// Per token: `w_t = π_θ(o_t)/π_old(o_t)` (PPO, GRPO, DAPO).
    case token
    /// Per sequence, length-normalised: `s_i = exp(mean_t log w_t)` with GSPO-token gradients
    /// (Zheng et al. 2025, arXiv:2507.18071; verl `compute_policy_loss_gspo`, TRL `importance_sampling_level`).
    case sequence
}

/// The clipped surrogate: `max(−A·w, −A·clip(w, 1−ε_low, 1+ε_high))`, optionally dual-clipped at `−A·c` for A < 0
/// (verl `compute_policy_loss_vanilla`; dual clip from Ye et al. 2020, arXiv:1912.09729).
public struct PolicyLoss: Codable, Equatable, Sendable {
    /// ε_low: the ratio's lower clip is 1 − ε_low. PPO: 0.2.
    public var epsilonLow: Double
    /// ε_high: the ratio's upper clip is 1 + ε_high. DAPO clip-higher: 0.28.
    public var epsilonHigh: Double
    /// Dual-clip constant c > 1 (verl `clip_ratio_c` = 3); `nil` disables dual clip.
    public var dualClip: Double?
    /// Token- or sequence-level ratio.
    public var level: ImportanceSamplingLevel
    /// τ of the OPMD loss `−A·log π_θ(o_t)/(1 + τ)` (no ratio, no clip; R³L's `opmd_reweight_adv`, τ 1);
    /// `nil` for the clipped surrogate.
    public var opmdTau: Double?

    /// Creates a policy loss.
    public init(
        epsilonLow: Double = 0.2, epsilonHigh: Double = 0.2, dualClip: Double? = nil,
        level: ImportanceSamplingLevel = .token, opmdTau: Double? = nil
    ) {
        self.opmdTau = opmdTau
        self.epsilonLow = epsilonLow
        self.epsilonHigh = epsilonHigh
        self.dualClip = dualClip
        self.level = level
    }

    /// No clipping: ε_low = 1 (the lower bound 0 is never active for a positive ratio) and ε_high = 10¹²
    /// (the clip/no-clip ablation of arXiv:2512.16912).
    public static let unclipped = PolicyLoss(epsilonLow: 1, epsilonHigh: 1e12)

    /// OPMD with τ (R³L, arXiv:2601.03715, default τ 1): `−A·log π_θ/(1 + τ)`.
    public static func opmd(tau: Double = 1) -> PolicyLoss { PolicyLoss(opmdTau: tau) }

    /// Per-token losses and diagnostics.
    public struct Output {
        /// `[B, T]` per-token loss (not yet masked or aggregated), differentiable in the log-probs.
        public var perToken: Tensor
        /// The ratio used `[B, T]` (token or broadcast sequence ratio), detached.
        public var ratio: Tensor
        /// Fraction of valid tokens where the clipped branch is active (verl `pg_clipfrac`).
        public var clipFraction: Double
        /// Fraction where `w < 1 − ε_low` and A < 0 (TRL `clip_ratio/low_mean`).
        public var lowClipFraction: Double
        /// Fraction where `w > 1 + ε_high` and A > 0 (TRL `clip_ratio/high_mean`).
        public var highClipFraction: Double
        /// Fraction where the dual clip is active (verl `pg_clipfrac_lower`).
        public var dualClipFraction: Double
        /// Masked mean of `−log w` over valid tokens (verl `ppo_kl`).
        public var approximateKL: Double
    }

    /// Per-token clipped losses.
    /// - Parameters:
    ///   - logProbs: `[B, T]` log π_θ of the sampled tokens (differentiated).
    ///   - oldLogProbs: `[B, T]` log π_old (constants).
    ///   - advantages: `[B, T]` advantages (constants).
    ///   - mask: `[B, T]` 0/1 valid-token mask.
    public func perTokenLoss(logProbs: Tensor, oldLogProbs: Tensor, advantages: Tensor, mask: Tensor) -> Output {
        let dtype = logProbs.dtype
        let old = stopGradient(oldLogProbs).cast(dtype)
        let a = stopGradient(advantages).cast(dtype)
        let m = mask.cast(dtype)
        let logRatio: Tensor
        switch level {
        case .token:
            logRatio = clamp(logProbs - old, min: -20, max: 20)
        case .sequence:
            let lengths = clamp(m.sum(axis: 1, keepDims: true), min: 1)
            let sequenceLog = stopGradient(((logProbs - old) * m).sum(axis: 1, keepDims: true) / lengths)
            logRatio = clamp(logProbs - stopGradient(logProbs) + sequenceLog, max: 10)
        }
        let ratio = exp(logRatio)
        if let tau = opmdTau {
            let lr = logRatio.doubles, mv = m.doubles
            let total = max(mv.reduce(0, +), 1)
            let kl = zip(lr, mv).reduce(0.0) { $0 - $1.0 * $1.1 } / total
            return Output(
                perToken: 0 - a * logProbs / (1 + tau), ratio: ratio.detached(), clipFraction: 0, lowClipFraction: 0,
                highClipFraction: 0, dualClipFraction: 0, approximateKL: kl)
        }
        let unclipped = 0 - a * ratio
        let clipped = 0 - a * clamp(ratio, min: 1 - epsilonLow, max: 1 + epsilonHigh)
        var loss = maximum(unclipped, clipped)
        var dualActive = [Double](repeating: 0, count: m.count)
        let aValues = a.doubles
        if let c = dualClip {
            let floor = 0 - a * c
            let dual = minimum(loss, floor)
            let negative = a.less(0)
            let lossValues = loss.doubles, floorValues = floor.doubles
            for k in dualActive.indices where aValues[k] < 0 && lossValues[k] > floorValues[k] { dualActive[k] = 1 }
            loss = `where`(negative, dual, loss)
        }
        let w = ratio.doubles, mv = m.doubles, u = unclipped.doubles, cl = clipped.doubles
        let total = max(mv.reduce(0, +), 1)
        var clipCount = 0.0, low = 0.0, high = 0.0, dual = 0.0, kl = 0.0
        let lr = logRatio.doubles
        for k in mv.indices where mv[k] > 0 {
            if cl[k] > u[k] { clipCount += mv[k] }
            if w[k] < 1 - epsilonLow && aValues[k] < 0 { low += mv[k] }
            if w[k] > 1 + epsilonHigh && aValues[k] > 0 { high += mv[k] }
            dual += dualActive[k] * mv[k]
            kl += -lr[k] * mv[k]
        }
        return Output(
            perToken: loss, ratio: ratio.detached(), clipFraction: clipCount / total, lowClipFraction: low / total,
            highClipFraction: high / total, dualClipFraction: dual / total, approximateKL: kl / total)
    }
}
