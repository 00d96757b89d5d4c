import Foundation

/// Which prompts of the candidates a training step samples groups for: a data curator / selector component of the
/// one ``RLVRTrainer`` (set `selection.method`; composes with every preset and the other components).
///
/// - `uniform`: every candidate (the default; ``RLVRTrainer/step(pool:using:)`` draws `promptsPerStep` at random).
/// - `greedyFail` — SELF ("The Reasoning Boundary Paradox", arXiv:2510.02230, Eq. 9; code
///   `RayMaxPPOTrainer.fit`): one greedy decode per candidate, and prompts the policy already solves greedily are
///   dropped. `mixFraction` keeps that share of them anyway — SwiftRL's knob, not in the paper (0 = the paper).
/// - `mopps` — MoPPS (arXiv:2507.04632): Thompson-sample `p̃ ~ Beta(α, β)` per candidate and take
///   the `promptsPerStep` with p̃ closest to `target`.
/// - `insight` — InSight (Zhou et al. 2026, arXiv:2603.01907, Eq. 16): the top `promptsPerStep` by weighted mutual
///   information `w(φ̄)·I(R₁..K; Φ)` with `w(φ̄) = φ̄(1 − φ̄)·exp(−η(φ̄ − μ)²)` (Eq. 15) of the mean belief φ̄ and
///   K = `groupSize` rollouts.
/// - `expectedDifficulty`: the mean belief closest to `target` (InSight's difficulty-only baseline).
/// - `inverseEvidence`: the least observed first, smallest α + β (InSight's evidence-only baseline).
///
/// The belief-based rules score a random subset of `candidateMultiplier × promptsPerStep` candidates (InSight's
/// M̂ = 16·M; 0 scores every candidate) and update only the chosen prompts' beliefs after their rollouts.
public struct PromptSelection: Codable, Equatable, Sendable {
    /// The selection rule.
    public enum Method: String, Codable, Equatable, Sendable, CaseIterable {
        case uniform, greedyFail, mopps, insight, expectedDifficulty, inverseEvidence
    }

    /// The rule, default `uniform`.
    public var method: Method
    /// SELF's mixing share: the fraction of greedily solved prompts kept anyway, default 0 (the paper).
    public var mixFraction: Double
    /// Target success rate of `mopps` and `expectedDifficulty`, default 0.5.
    public var target: Double
    /// λ, the forgetting factor of the Beta beliefs (MoPPS `bandit_decay_ratio`; InSight App. D.2 uses 1), default 1.
    public var decay: Double
    /// α₀ of the Beta prior, default 1.
    public var priorAlpha: Double
    /// β₀ of the Beta prior, default 1.
    public var priorBeta: Double
    /// η, the sharpness of InSight's difficulty weight (Eq. 15; App. D.2), default 3.
    public var eta: Double
    /// μ, the difficulty InSight's weight is biased toward (Eq. 15; §7.3, Table 5), default 0.3.
    public var mu: Double
    /// M̂/M: candidates scored per chosen prompt (InSight Alg. 1 uses 16); 0 scores every candidate. Default 16.
    public var candidateMultiplier: Int

    /// Creates a selection setting.
    public init(
        method: Method = .uniform, mixFraction: Double = 0, target: Double = 0.5, decay: Double = 1,
        priorAlpha: Double = 1, priorBeta: Double = 1, eta: Double = 3, mu: Double = 0.3, candidateMultiplier: Int = 16
    ) {
        self.method = method
        self.mixFraction = mixFraction
        self.target = target
        self.decay = decay
        self.priorAlpha = priorAlpha
        self.priorBeta = priorBeta
        self.eta = eta
        self.mu = mu
        self.candidateMultiplier = candidateMultiplier
    }

    /// Whether the rule keeps Beta beliefs per prompt.
    public var usesBeliefs: Bool { method != .uniform && method != .greedyFail }

    /// The prior belief.
    public var prior: BetaBelief { BetaBelief(alpha: priorAlpha, beta: priorBeta) }

    /// InSight's difficulty weight `w(φ̄) = φ̄(1 − φ̄)·exp(−η(φ̄ − μ)²)`.
    public func difficultyWeight(_ mean: Double) -> Double {
        mean * (1 - mean) * Foundation.exp(-eta * (mean - mu) * (mean - mu))
    }

    /// InSight's acquisition score `w(φ̄)·I(R₁..K; Φ)` for `rollouts` = K rollouts per prompt.
    public func insightScore(_ belief: BetaBelief, rollouts: Int) -> Double {
        difficultyWeight(belief.mean) * belief.mutualInformation(rollouts: rollouts)
    }

    /// The acquisition score of each belief under this rule (higher is chosen first): InSight's weighted mutual
    /// information, MoPPS's `−|p̃ − target|` (one Thompson draw per belief), `−|μ − target|`, or `−(α + β)`.
    /// Uniform and greedy-fail selection do not score (all zeros).
    public func scores<G: RandomNumberGenerator>(
        _ beliefs: [BetaBelief], rollouts: Int, using rng: inout G
    ) -> [Double] {
        switch method {
        case .uniform, .greedyFail: return Array(repeating: 0, count: beliefs.count)
        case .mopps: return beliefs.map { -abs($0.sample(using: &rng) - target) }
        case .expectedDifficulty: return beliefs.map { -abs($0.mean - target) }
        case .inverseEvidence: return beliefs.map { -$0.evidence }
        case .insight: return beliefs.map { insightScore($0, rollouts: rollouts) }
        }
    }

    /// Checks the knobs.
    /// - Throws: ``RLVRInputError`` naming the invalid field.
    public func validate() throws(RLVRInputError) {
        func check(_ ok: Bool, _ message: String) throws(RLVRInputError) {
            if !ok { throw RLVRInputError("RLVRConfig.selection: \(message)") }
        }
        try check(mixFraction >= 0 && mixFraction <= 1, "mixFraction must be in [0, 1] (got \(mixFraction))")
        try check(target >= 0 && target <= 1, "target must be in [0, 1] (got \(target))")
        try check(decay >= 0 && decay <= 1, "decay must be in [0, 1] (got \(decay))")
        try check(priorAlpha > 0 && priorBeta > 0, "priorAlpha and priorBeta must be > 0")
        try check(eta >= 0 && eta.isFinite, "eta must be ≥ 0 (got \(eta))")
        try check(mu >= 0 && mu <= 1, "mu must be in [0, 1] (got \(mu))")
        try check(candidateMultiplier >= 0, "candidateMultiplier must be ≥ 0 (0 = every candidate; got \(candidateMultiplier))")
    }
}
