import Tensor

extension RLVRTrainer {
    /// Old/reference log-probs and values, advantages, then `epochs × miniBatches` optimizer steps.
    func update<G: RandomNumberGenerator>(_ batch: RolloutBatch, using rng: inout G) throws -> [String: Double] {
        let rows = batch.count, width = batch.width
        let mask = batch.mask(maskTruncated: config.maskTruncated)
        let scorer = SequenceScorer(temperature: config.temperature, padToken: padTokenValue)
        let objective = config.resolvedObjective
        let kl = objective.kl
        // One policy epoch over one minibatch: the behaviour policy is the current one, so the old log-probs are
        // the current ones, detached (ratio 1 with the same gradient; TRL's `num_iterations == 1` path). That
        // saves a forward pass; the value head and a KL penalty in the reward still need the separate pass.
        // Synthesized off-policy rows (retries under a hint) keep the log-probs of the policy that sampled them.
        let hasOffPolicy = batch.offPolicy.contains(true)
        let onPolicy = !alwaysScoreOldPolicy && config.epochs == 1 && config.miniBatches == 1 && valueHead == nil
            && !(kl.isEnabled && kl.placement == .reward) && !hasOffPolicy
        var (oldLogProbs, oldValues): ([Double]?, [Double]?) = onPolicy ? (nil, nil) : withNoGrad {
            let out = scorer.score(model: model, prompts: batch.prompts, completions: batch.completions, width: width)
            return (out.logProbs.doubles, valueHead.map { $0(out.hidden).reshaped([rows, width]).doubles })
        }
        if hasOffPolicy, var old = oldLogProbs {
            for row in 0..<rows where batch.offPolicy[row] {
                guard let behaviour = batch.behaviourLogProbs[row] else {
                    throw RLVRInputError(
                        "RolloutBatch row \(row) is off-policy but has no behaviourLogProbs; a synthesizer must record "
                            + "the log-probs of the policy that sampled its tokens")
                }
                for (t, value) in behaviour.prefix(width).enumerated() { old[row * width + t] = value }
            }
            oldLogProbs = old
        }
        let referenceLogProbs: [Double]? = reference.map { ref in
            withNoGrad {
                scorer.score(model: ref, prompts: batch.prompts, completions: batch.completions, width: width)
                    .logProbs.doubles
            }
        }
        var advantageInput = try AdvantageBatch(
            scores: batch.rewards, groupIDs: batch.groupIDs, mask: mask, width: width, values: oldValues)
        if kl.isEnabled && kl.placement == .reward, let referenceLogProbs, let oldLogProbs {
            advantageInput.tokenRewards = kl.penalizedRewards(
                tokenRewards: advantageInput.tokenRewards, oldLogProbs: oldLogProbs,
                referenceLogProbs: referenceLogProbs, mask: mask)
        }
        let estimated = try config.advantage.advantages(for: advantageInput)
        var advantages = estimated.advantages
        let returns = estimated.returns
        var adoraFraction: Double?
        if config.adora.isEnabled {
            let (weights, fraction) = config.adora.rowWeights(
                lengths: batch.completions.map(\.count), correct: batch.correct, truncated: batch.truncated,
                groupIDs: batch.groupIDs)
            for row in 0..<rows where weights[row] != 1 {
                for t in 0..<width { advantages[row * width + t] *= weights[row] }
            }
            adoraFraction = fraction
        }
        if config.amplification.isEnabled {
            advantages = config.amplification.apply(
                advantages: advantages, rewards: batch.rewards, mask: mask, width: width)
        }

        var sums: [String: Double] = [:]
        var updates = 0.0
        let modules: [Module] = [model] + (valueHead.map { [$0] } ?? [])
        let size = (rows + config.miniBatches - 1) / config.miniBatches
        for _ in 0..<config.epochs {
            var order = Array(0..<rows)
            order.shuffle(using: &rng)
            for chunkStart in stride(from: 0, to: rows, by: size) {
                let chosen = Array(order[chunkStart..<min(chunkStart + size, rows)])
                let sub = batch.subset(chosen)
                let pick = { (values: [Double]) in
                    Tensor(
                        chosen.flatMap { values[($0 * width)..<($0 * width + width)] }, shape: [chosen.count, width])
                }
                let maskTensor = pick(mask), advantageTensor = pick(advantages), oldTensor = oldLogProbs.map(pick)
                let referenceTensor = referenceLogProbs.map(pick)
                var parts: RLVRObjective.Output?
                var valueLoss = 0.0
                let (_, gradients) = try valueAndGrad(modules) {
                    let scored = scorer.score(
                        model: model, prompts: sub.prompts, completions: sub.completions, width: width)
                    let out = try objective.compute(
                        logProbs: scored.logProbs, oldLogProbs: oldTensor, referenceLogProbs: referenceTensor,
                        advantages: advantageTensor, mask: maskTensor, entropy: scored.entropy,
                        logProbabilities: objective.siren.isEnabled ? scored.logProbabilities : nil,
                        sirenAnchor: sirenAnchor)
                    parts = out
                    guard let head = valueHead, let oldValues else { return out.loss }
                    let values = head(scored.hidden).reshaped([chosen.count, width])
                    let oldV = pick(oldValues).cast(values.dtype), target = pick(returns).cast(values.dtype)
                    let clipped = oldV + clamp(values - oldV, min: -config.valueClip, max: config.valueClip)
                    let perToken = 0.5 * maximum((values - target).square(), (clipped - target).square())
                    let v = LossAggregation.tokenMean.aggregate(perToken, mask: maskTensor)
                    valueLoss = v.doubleItem()
                    return out.loss + config.valueCoefficient * v
                }
                let combined = Gradients(
                    paths: gradients.flatMap(\.paths), tensors: gradients.flatMap(\.tensors))
                let (clipped, norm) = combined.clippedByGlobalNorm(config.maxGradNorm)
                optimizer.update(parameters: modules.flatMap { $0.parameters() }, gradients: clipped.tensors)
                if let parts {
                    if let h = parts.sirenEntropy {
                        if sirenAnchor == nil { sirenAnchor = h }
                        sums[RLVRMetricNames.sirenEntropy, default: 0] += h
                    }
                    sums[RLVRMetricNames.policyLoss, default: 0] += parts.policyLoss
                    sums[RLVRMetricNames.kl, default: 0] += parts.klLoss
                    sums[RLVRMetricNames.entropy, default: 0] += parts.entropy
                    sums[RLVRMetricNames.clipRatio, default: 0] += parts.diagnostics.clipFraction
                    sums[RLVRMetricNames.clipRatioLow, default: 0] += parts.diagnostics.lowClipFraction
                    sums[RLVRMetricNames.clipRatioHigh, default: 0] += parts.diagnostics.highClipFraction
                    sums[RLVRMetricNames.dualClipRatio, default: 0] += parts.diagnostics.dualClipFraction
                }
                sums[RLVRMetricNames.gradNorm, default: 0] += norm
                if valueHead != nil { sums[RLVRMetricNames.valueLoss, default: 0] += valueLoss }
                updates += 1
            }
        }
        var metrics = sums.mapValues { $0 / max(updates, 1) }
        metrics[RLVRMetricNames.maxAdvantage] = advantages.map { abs($0) }.max() ?? 0
        if let adoraFraction { metrics[RLVRMetricNames.adoraDisadvantagedFraction] = adoraFraction }
        if let sirenAnchor, objective.siren.isEnabled { metrics[RLVRMetricNames.sirenAnchor] = sirenAnchor }
        return metrics
    }
}
