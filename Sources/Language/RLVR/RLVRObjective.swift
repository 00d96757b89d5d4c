import Tensor

/// The full RLVR actor loss: `AGG(policy loss) [+ β·AGG(KL)] [− α·AGG(entropy)]` (verl `dp_actor` composition).
public struct RLVRObjective: Codable, Equatable, Sendable {
    /// The clipped surrogate.
    public var policyLoss: PolicyLoss
    /// How per-token terms are reduced.
    public var aggregation: LossAggregation
    /// KL to the reference (only `.loss` placement acts here).
    public var kl: KLConfig
    /// α, the entropy bonus coefficient (verl `entropy_coeff`, default 0): the naive regulariser `−α·AGG(H)` over
    /// the full vocabulary. A negative α minimises entropy.
    public var entropyCoefficient: Double
    /// SIREN's selective, anchored entropy regulariser (off unless its coefficient is set).
    public var siren: SIRENRegularizer

    /// Creates an objective.
    public init(
        policyLoss: PolicyLoss = PolicyLoss(), aggregation: LossAggregation = .tokenMean, kl: KLConfig = .none,
        entropyCoefficient: Double = 0, siren: SIRENRegularizer = SIRENRegularizer()
    ) {
        self.policyLoss = policyLoss
        self.aggregation = aggregation
        self.kl = kl
        self.entropyCoefficient = entropyCoefficient
        self.siren = siren
    }

    private enum CodingKeys: String, CodingKey { case policyLoss, aggregation, kl, entropyCoefficient, siren }

    /// Decodes an objective; `siren` may be absent (configs written before it existed).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        policyLoss = try c.decode(PolicyLoss.self, forKey: .policyLoss)
        aggregation = try c.decode(LossAggregation.self, forKey: .aggregation)
        kl = try c.decode(KLConfig.self, forKey: .kl)
        entropyCoefficient = try c.decode(Double.self, forKey: .entropyCoefficient)
        siren = try c.decodeIfPresent(SIRENRegularizer.self, forKey: .siren) ?? SIRENRegularizer()
    }

    /// The scalar loss and its parts.
    public struct Output {
        /// The differentiable scalar loss.
        public var loss: Tensor
        /// AGG(policy loss).
        public var policyLoss: Double
        /// AGG(KL) when KL is in the loss, else 0.
        public var klLoss: Double
        /// AGG(entropy) when entropies are given, else 0.
        public var entropy: Double
        /// The policy loss diagnostics (clip fractions, approximate KL).
        public var diagnostics: PolicyLoss.Output
        /// SIREN's H_sel of this minibatch (before the update), when SIREN is on.
        public var sirenEntropy: Double?
    }

    /// Computes the loss for one minibatch.
    /// - Parameters:
    ///   - logProbs: `[B, T]` current log-probs of the sampled tokens (differentiated).
    ///   - oldLogProbs: `[B, T]` behaviour log-probs; pass `nil` for a single on-policy update (ratio 1).
    ///   - referenceLogProbs: `[B, T]` reference log-probs; required when KL is in the loss.
    ///   - advantages: `[B, T]` token advantages.
    ///   - mask: `[B, T]` valid-token mask.
    ///   - entropy: `[B, T]` per-token entropy of the current policy (differentiable) for the bonus.
    ///   - logProbabilities: `[B, T, V]` log π(·|s_t) (differentiable), required when SIREN is on.
    ///   - sirenAnchor: SIREN's H₀; `nil` on the first minibatch, where H₀ = H_sel (the term is then 0).
    /// - Throws: ``RLVRInputError`` when shapes disagree or the reference log-probs are missing.
    public func compute(
        logProbs: Tensor, oldLogProbs: Tensor?, referenceLogProbs: Tensor? = nil, advantages: Tensor, mask: Tensor,
        entropy: Tensor? = nil, logProbabilities: Tensor? = nil, sirenAnchor: Double? = nil
    ) throws(RLVRInputError) -> Output {
        let shape = logProbs.shape
        guard shape.count == 2, advantages.shape == shape, mask.shape == shape,
            oldLogProbs.map({ $0.shape == shape }) ?? true, referenceLogProbs.map({ $0.shape == shape }) ?? true,
            entropy.map({ $0.shape == shape }) ?? true
        else {
            throw RLVRInputError(
                "RLVRObjective: logProbs, oldLogProbs, referenceLogProbs, advantages, mask and entropy must all be "
                    + "[B, T] = \(shape); got advantages \(advantages.shape), mask \(mask.shape)")
        }
        let old = oldLogProbs ?? stopGradient(logProbs)
        let parts = policyLoss.perTokenLoss(logProbs: logProbs, oldLogProbs: old, advantages: advantages, mask: mask)
        let pg = aggregation.aggregate(parts.perToken, mask: mask)
        var total = pg
        var klValue = 0.0
        if kl.isEnabled && kl.placement == .loss {
            guard let reference = referenceLogProbs else {
                throw RLVRInputError("KL in the loss needs referenceLogProbs (a frozen reference model)")
            }
            let term = aggregation.aggregate(
                kl.estimator.penalty(logProbs: logProbs, referenceLogProbs: stopGradient(reference)), mask: mask)
            klValue = term.doubleItem()
            total = total + kl.coefficient * term
        }
        var entropyValue = 0.0
        if let entropy {
            let term = aggregation.aggregate(entropy, mask: mask)
            entropyValue = term.doubleItem()
            if entropyCoefficient != 0 { total = total - entropyCoefficient * term }
        }
        var sirenValue: Double?
        if siren.isEnabled {
            guard let logProbabilities, logProbabilities.rank == 3, Array(logProbabilities.shape.prefix(2)) == shape
            else {
                throw RLVRInputError("SIREN needs logProbabilities [B, T, V] matching logProbs \(shape)")
            }
            let (topP, selection) = siren.selectedEntropy(logProbabilities: logProbabilities, mask: mask)
            let selected = LossAggregation.seqMeanTokenMean.aggregate(topP * selection, mask: mask)
            let value = selected.doubleItem()
            sirenValue = value
            let gap = selected - (sirenAnchor ?? value)
            total = total + siren.coefficient * gap * gap
        }
        return Output(
            loss: total, policyLoss: pg.doubleItem(), klLoss: klValue, entropy: entropyValue, diagnostics: parts,
            sirenEntropy: sirenValue)
    }
}
