import Foundation
import Tensor
import Testing

@testable import Language

/// Pieces of the RLVR method components against hand-computed values.
@Suite struct RLVRComponentPieceTests {
    // MARK: Beta beliefs and InSight

    @Test func betaMutualInformationMatchesHandValues() {
        // single outcome (BALD): Beta(1,1) gives ln 2 − 1/2
        #expect(abs(BetaBelief(alpha: 1, beta: 1).mutualInformation() - (log(2) - 0.5)) < 1e-12)
        // digest §8 sanity values
        #expect(abs(BetaBelief(alpha: 5, beta: 5).mutualInformation() - 0.0475) < 5e-5)
        #expect(abs(BetaBelief(alpha: 50, beta: 50).mutualInformation() - 0.0050) < 5e-5)
        #expect(abs(BetaBelief(alpha: 2, beta: 8).mutualInformation() - 0.0457) < 5e-5)
    }

    @Test func multiRolloutMutualInformationMatchesQuadrature() {
        // I(Y; p) = H(Y) − E_p[H(Y | p)] with Y ~ Binomial(m, p), p ~ Beta(α, β), by a 20,000-point midpoint rule
        for (a, b, m) in [(1.0, 1.0, 8), (2.0, 5.0, 4), (7.0, 3.0, 8)] {
            let n = 20_000
            let logB = lgamma(a) + lgamma(b) - lgamma(a + b)
            var marginal = [Double](repeating: 0, count: m + 1), conditional = 0.0
            for i in 0..<n {
                let p = (Double(i) + 0.5) / Double(n)
                let density = exp((a - 1) * log(p) + (b - 1) * log(1 - p) - logB) / Double(n)
                var h = 0.0
                for k in 0...m {
                    let logC = lgamma(Double(m) + 1) - lgamma(Double(k) + 1) - lgamma(Double(m - k) + 1)
                    let q = exp(logC + Double(k) * log(p) + Double(m - k) * log(1 - p))
                    marginal[k] += density * q
                    if q > 0 { h -= q * log(q) }
                }
                conditional += density * h
            }
            let predictive = -marginal.reduce(0) { $0 + ($1 > 0 ? $1 * log($1) : 0) }
            let closed = BetaBelief(alpha: a, beta: b).mutualInformation(rollouts: m)
            #expect(abs(closed - (predictive - conditional)) < 2e-4, "Beta(\(a),\(b)), m \(m)")
        }
    }

    @Test func betaUpdateForgetsTowardThePrior() {
        var belief = BetaBelief(alpha: 3, beta: 5)
        belief.update(successes: 2, trials: 4, decay: 0.5, prior: BetaBelief())
        #expect(belief == BetaBelief(alpha: 4, beta: 5))
        var counted = BetaBelief()
        counted.update(successes: 3, trials: 8, decay: 1, prior: BetaBelief())
        #expect(counted == BetaBelief(alpha: 4, beta: 6))
    }

    @Test func betaSamplesHaveTheBeliefsMean() {
        var rng = Xoshiro256StarStar(seed: 3)
        for belief in [BetaBelief(alpha: 2, beta: 6), BetaBelief(alpha: 0.5, beta: 0.5)] {
            let draws = (0..<20_000).map { _ in belief.sample(using: &rng) }
            #expect(draws.allSatisfy { $0 >= 0 && $0 <= 1 })
            #expect(abs(draws.reduce(0, +) / 20_000 - belief.mean) < 0.01)
        }
    }

    @Test func insightWeightIsTheBellTimesVariance() {
        let selection = PromptSelection(method: .insight)
        #expect(abs(selection.difficultyWeight(0.3) - 0.21) < 1e-12)
        #expect(abs(selection.difficultyWeight(0.5) - 0.25 * exp(-3 * 0.04)) < 1e-12)
        #expect(selection.difficultyWeight(0) == 0 && selection.difficultyWeight(1) == 0)
        // same mean, ten times the evidence: about ten times less score
        let few = selection.insightScore(BetaBelief(alpha: 1, beta: 1), rollouts: 8)
        let many = selection.insightScore(BetaBelief(alpha: 10, beta: 10), rollouts: 8)
        #expect(few > 4 * many)
    }

    @Test func selectionRejectsInvalidValuesWithTheFieldName() {
        var config = RLVRConfig()
        config.selection.mixFraction = 1.5
        #expect(throws: RLVRInputError.self) { try config.validate() }
        do { try config.validate() } catch { #expect(error.description.contains("mixFraction")) }
        config = RLVRConfig()
        config.selection.candidateMultiplier = -1
        do { try config.validate() } catch { #expect(error.description.contains("candidateMultiplier")) }
        config = RLVRConfig()
        config.rewardNoise.probability = 2
        do { try config.validate() } catch { #expect(error.description.contains("probability")) }
        config = RLVRConfig()
        config.adora.lambda = -0.1
        do { try config.validate() } catch { #expect(error.description.contains("lambda")) }
        config = RLVRConfig()
        config.objective.siren.topP = 0
        do { try config.validate() } catch { #expect(error.description.contains("topP")) }
    }

    // MARK: ADORA

    @Test func adoraClassifiesGroupsByLengthAdvantage() {
        // longest correct 5 > mean incorrect non-truncated (3 + 4)/2: advantageous; the truncated 10 is ignored
        #expect(ADORAWeighting.isAdvantageous(lengths: [5, 3, 4, 10], correct: [true, false, false, false],
                                              truncated: [false, false, false, true]))
        // longest correct 2 < mean incorrect 5: disadvantageous
        #expect(!ADORAWeighting.isAdvantageous(lengths: [2, 6, 4], correct: [true, false, false],
                                               truncated: [false, false, false]))
        // no correct completion: disadvantageous; all correct: advantageous
        #expect(!ADORAWeighting.isAdvantageous(lengths: [3, 3], correct: [false, false], truncated: [false, false]))
        #expect(ADORAWeighting.isAdvantageous(lengths: [3, 9], correct: [true, true], truncated: [false, false]))
        let (weights, fraction) = ADORAWeighting(lambda: 0.1).rowWeights(
            lengths: [5, 3, 2, 6], correct: [true, false, true, false], truncated: [false, false, false, false],
            groupIDs: [0, 0, 1, 1])
        #expect(weights == [1, 1, 0.1, 0.1])
        #expect(fraction == 0.5)
        // difficulty advantage: success rate ≤ 0.5 is TAS (amplified ×2), 3 of 4 correct is TDS (kept)
        let difficulty = ADORAWeighting(advantageousWeight: 2, criterion: .difficulty).rowWeights(
            lengths: [1, 1, 1, 1, 1, 1, 1, 1], correct: [true, false, false, true, true, true, true, false],
            truncated: Array(repeating: false, count: 8), groupIDs: [0, 0, 0, 0, 1, 1, 1, 1])
        #expect(difficulty.weights == [2, 2, 2, 2, 1, 1, 1, 1])
        #expect(difficulty.disadvantagedFraction == 0.5)
    }

    // MARK: SIREN

    @Test func sirenNucleusKeepsTokensBeforeTheCrossing() {
        let probabilities: [Float] = [0.3, 0.5, 0.05, 0.15]
        probabilities.withUnsafeBufferPointer { p in
            #expect(SIRENRegularizer(topP: 0.8).nucleus(p) == [1])  // 0.5 < 0.8, 0.8 ≥ 0.8 stops
            #expect(SIRENRegularizer(topP: 0.85).nucleus(p) == [1, 0])
            #expect(SIRENRegularizer(topP: 0.85, topK: 1).nucleus(p) == [1])
            #expect(SIRENRegularizer(topP: 0.4).nucleus(p) == [])
        }
    }

    @Test func sirenPeakMaskUsesTheLinearQuantile() {
        let siren = SIRENRegularizer()
        // sorted 0.1 0.3 0.5 0.7 0.9; position 0.8·4 = 3.2 → 0.74
        #expect(siren.peakPositions([0.1, 0.5, 0.9, 0.3, 0.7]) == [false, false, true, false, false])
        #expect(siren.peakPositions([0.4]) == [false])
        #expect(SIRENRegularizer(peakMask: false).peakPositions([0.4]) == [true])
    }

    @Test func sirenTopPEntropyMatchesHandValueAndFiniteDifferences() {
        let siren = SIRENRegularizer(coefficient: 1, topP: 0.85, peakMask: false)
        let logits: [Double] = [log(0.3), log(0.5), log(0.05), log(0.15)]
        let x = Tensor(logits, shape: [1, 1, 4])
        let (h, selection) = siren.selectedEntropy(logProbabilities: logSoftmax(x, axis: -1), mask: Tensor([1.0], shape: [1, 1]))
        // nucleus {0.5, 0.3} renormalised to 0.625 / 0.375
        let expected = -(0.625 * log(0.625) + 0.375 * log(0.375))
        #expect(abs(h.doubles[0] - expected) < 1e-9)
        #expect(selection.doubles == [1])
        // gradient of H with respect to the logits, against central differences
        let variable = Tensor(logits, shape: [1, 1, 4])
        let (_, grads) = valueAndGrad([variable]) {
            siren.selectedEntropy(logProbabilities: logSoftmax(variable, axis: -1), mask: Tensor([1.0], shape: [1, 1]))
                .entropy.sum()
        }
        let analytic = grads[0].doubles
        for i in 0..<4 {
            var plus = logits, minus = logits
            plus[i] += 1e-6
            minus[i] -= 1e-6
            func value(_ l: [Double]) -> Double {
                siren.selectedEntropy(
                    logProbabilities: logSoftmax(Tensor(l, shape: [1, 1, 4]), axis: -1), mask: Tensor([1.0], shape: [1, 1])
                ).entropy.doubles[0]
            }
            #expect(abs((value(plus) - value(minus)) / 2e-6 - analytic[i]) < 1e-6, "logit \(i)")
        }
    }

    @Test func sirenAnchorQuadraticIsZeroAtTheAnchor() throws {
        var objective = RLVRObjective(aggregation: .seqMeanTokenMean)
        objective.siren = SIRENRegularizer(coefficient: 2, topP: 0.85, peakMask: false)
        let logits = Tensor([log(0.3), log(0.5), log(0.05), log(0.15)], shape: [1, 1, 4])
        let logProbabilities = logSoftmax(logits, axis: -1)
        let logProbs = logProbabilities.gather(indices: [1], axis: 2).reshaped([1, 1])
        let zero = Tensor([0.0], shape: [1, 1]), one = Tensor([1.0], shape: [1, 1])
        let first = try objective.compute(
            logProbs: logProbs, oldLogProbs: nil, advantages: zero, mask: one, logProbabilities: logProbabilities)
        let h = -(0.625 * log(0.625) + 0.375 * log(0.375))
        #expect(abs((first.sirenEntropy ?? 0) - h) < 1e-9)
        #expect(abs(first.loss.doubleItem()) < 1e-12)
        let later = try objective.compute(
            logProbs: logProbs, oldLogProbs: nil, advantages: zero, mask: one, logProbabilities: logProbabilities,
            sirenAnchor: h - 0.5)
        #expect(abs(later.loss.doubleItem() - 2 * 0.25) < 1e-9)
        #expect(throws: RLVRInputError.self) {
            _ = try objective.compute(logProbs: logProbs, oldLogProbs: nil, advantages: zero, mask: one)
        }
    }

    // MARK: Reward noise

    @Test func rewardNoiseKinds() {
        var rng = Xoshiro256StarStar(seed: 1)
        #expect(RewardNoise(kind: .flipped).apply(to: 1, using: &rng) == 0)
        #expect(RewardNoise(kind: .none).apply(to: 0.7, using: &rng) == 0.7)
        #expect(RewardNoise(kind: .mixture, trueWeight: 1).apply(to: 1, using: &rng) == 1)
        let draws = (0..<10_000).map { _ in RewardNoise(kind: .bernoulli, probability: 0.3).apply(to: 1, using: &rng) }
        #expect(Set(draws) == [0, 1])
        #expect(abs(draws.reduce(0, +) / 10_000 - 0.3) < 0.02)
        let mixed = RewardNoise(kind: .mixture, probability: 0.5, trueWeight: 0.75).apply(to: 1, using: &rng)
        #expect(mixed == 0.75 || mixed == 1)
    }

    // MARK: Support

    @Test func supportMetricsMatchHandCounts() {
        let support = SupportComparison(base: [true, true, false, false, true], trained: [true, false, true, false, false])
        #expect(support.preserved == 1 && support.shrunk == 2 && support.expanded == 1 && support.outOfSupport == 1)
        #expect(abs(support.retentionRate - 1.0 / 3) < 1e-12)
        #expect(abs(support.discoveryRate - 0.5) < 1e-12)
        #expect(abs(support.dynamicScore - 0.4) < 1e-12)
        #expect(abs(support.netChangeRate - -0.25) < 1e-12)
        #expect(abs(SupportComparison.epsilon(samples: 8192) - 3.657e-4) < 1e-6)
        let byProbability = SupportComparison(
            baseProbabilities: [0.5, 0.001], trainedProbabilities: [0.002, 0.3], epsilon: 0.01)
        #expect(byProbability.shrunk == 1 && byProbability.expanded == 1)
    }
}

/// SELF's forward-KL estimator.
@Suite struct ForwardKLTests {
    @Test func forwardKLValueAndGradientAtOneToken() {
        let logProb = Tensor([log(0.5)], shape: [1, 1])
        let reference = Tensor([log(0.25)], shape: [1, 1])
        let value = KLEstimator.forward.penalty(logProbs: logProb, referenceLogProbs: reference)
        #expect(abs(value.doubles[0] - 0.5 * log(0.5)) < 1e-12)
        let (_, grads) = valueAndGrad([logProb]) {
            KLEstimator.forward.penalty(logProbs: logProb, referenceLogProbs: reference).sum()
        }
        #expect(abs(grads[0].doubles[0] - -0.5) < 1e-12)
        #expect(abs(KLEstimator.forward.penalty(logProbs: [log(0.5)], referenceLogProbs: [log(0.25)])[0] - 0.5 * log(0.5)) < 1e-12)
    }

    @Test func expectedSurrogateGradientIsTheForwardKLGradient() {
        // E_{a~π_θ}[∇ penalty(a)] = ∇ KL(π_ref ‖ π_θ), checked exactly over a 3-token vocabulary
        let logits: [Double] = [0.3, -0.7, 1.1]
        let referenceProbabilities: [Double] = [0.5, 0.3, 0.2]
        let z = Tensor(logits, shape: [1, 3])
        let (_, grads) = valueAndGrad([z]) {
            let logp = logSoftmax(z, axis: -1)
            let weights = stopGradient(exp(logp))
            let penalty = KLEstimator.forward.penalty(
                logProbs: logp, referenceLogProbs: Tensor(referenceProbabilities.map { log($0) }, shape: [1, 3]))
            return (weights * penalty).sum()
        }
        func forwardKL(_ l: [Double]) -> Double {
            let m = l.max() ?? 0
            let e = l.map { exp($0 - m) }
            let s = e.reduce(0, +)
            return zip(referenceProbabilities, e).reduce(0) { $0 + $1.0 * (log($1.0) - log($1.1 / s)) }
        }
        for i in 0..<3 {
            var plus = logits, minus = logits
            plus[i] += 1e-6
            minus[i] -= 1e-6
            #expect(abs((forwardKL(plus) - forwardKL(minus)) / 2e-6 - grads[0].doubles[i]) < 1e-6, "logit \(i)")
        }
    }
}
