import Foundation
import Tensor
import Testing

@testable import Language

/// The NumPy reference fixture written by `Scripts/fixtures/rlvr_reference.py`.
struct RLVRFixture: Decodable {
    struct Case: Decodable {
        var name: String, estimator: String, aggregation: String, length: Int?
        var epsLow: Double, epsHigh: Double, dualClip: Double?, level: String
        var klCoefficient: Double?, klEstimator: String?, entropyCoefficient: Double?
        var loss: Double, gradient: [Double]
    }
    struct KLInReward: Decodable { var coefficient: Double, tokenRewards: [Double], grpoAdvantages: [Double] }
    var rows: Int, width: Int, groupIDs: [Int], passAtKGroupIDs: [Int], scores: [Double], mask: [Double],
        tokenRewards: [Double]
    var values: [Double], oldLogProbs: [Double], logProbs: [Double], referenceLogProbs: [Double], entropy: [Double]
    var advantages: [String: [Double]], cases: [Case], klInReward: KLInReward

    static func load() throws -> RLVRFixture {
        guard let url = Bundle.module.url(forResource: "rlvr_losses", withExtension: "json", subdirectory: "Fixtures")
        else { throw RLVRInputError("rlvr_losses.json missing; run Scripts/fixtures/rlvr_reference.py") }
        return try JSONDecoder().decode(RLVRFixture.self, from: Data(contentsOf: url))
    }

    func batch(for estimator: String = "") throws -> AdvantageBatch {
        try AdvantageBatch(
            tokenRewards: tokenRewards, groupIDs: estimator == "passAtK" ? passAtKGroupIDs : groupIDs, mask: mask,
            width: width, values: values)
    }

    func tensor(_ values: [Double]) -> Tensor { Tensor(values, shape: [rows, width]) }
}

func namedEstimator(_ name: String) -> AdvantageEstimator? {
    switch name {
    case "grpo": .grpo
    case "drGRPO": .drGRPO
    case "litePPO": .litePPO
    case "litePPOResiduals": .groupRelative(std: .batchOfResiduals, eps: 1e-6)
    case "rloo": .rloo
    case "reinforcePlusPlusBaseline": .reinforcePlusPlusBaseline
    case "reinforcePlusPlus": .reinforcePlusPlus(gamma: 0.99)
    case "gae": .gae(gamma: 1, lambda: 1)
    case "gaeDiscounted": .gae(gamma: 0.99, lambda: 0.95)
    case "passAtK": .passAtK(normalizeByStd: true)
    default: nil
    }
}

func namedAggregation(_ name: String, length: Int?) -> LossAggregation? {
    switch name {
    case "tokenMean": .tokenMean
    case "seqMeanTokenMean": .seqMeanTokenMean
    case "seqMeanTokenSum": .seqMeanTokenSum
    case "seqMeanTokenSumNorm": .seqMeanTokenSumNorm(length: length)
    default: nil
    }
}

func maxAbsDifference(_ a: [Double], _ b: [Double]) -> Double {
    guard a.count == b.count else { return .infinity }
    return zip(a, b).map { abs($0 - $1) }.max() ?? 0
}

@Suite("RLVR loss parity with the NumPy reference")
struct RLVRParityTests {
    static let caseNames: [String] = (try? RLVRFixture.load().cases.map(\.name)) ?? []
    static let estimatorNames = [
        "grpo", "drGRPO", "litePPO", "litePPOResiduals", "rloo", "reinforcePlusPlusBaseline", "reinforcePlusPlus",
        "gae", "gaeDiscounted", "passAtK",
    ]

    @Test("advantages match", arguments: estimatorNames)
    func advantagesMatch(name: String) throws {
        let fixture = try RLVRFixture.load()
        let estimator = try #require(namedEstimator(name))
        let expected = try #require(fixture.advantages[name])
        let (advantages, _) = try estimator.advantages(for: fixture.batch(for: name))
        #expect(maxAbsDifference(advantages, expected) < 1e-5)
    }

    @Test("loss and gradient match", arguments: caseNames)
    func lossMatches(name: String) throws {
        let fixture = try RLVRFixture.load()
        let c = try #require(fixture.cases.first { $0.name == name })
        let advantages = try #require(namedEstimator(c.estimator)).advantages(for: fixture.batch(for: c.estimator))
            .advantages
        let objective = RLVRObjective(
            policyLoss: PolicyLoss(
                epsilonLow: c.epsLow, epsilonHigh: c.epsHigh, dualClip: c.dualClip,
                level: c.level == "sequence" ? .sequence : .token),
            aggregation: try #require(namedAggregation(c.aggregation, length: c.length)),
            kl: KLConfig(
                coefficient: c.klCoefficient ?? 0, estimator: KLEstimator(rawValue: c.klEstimator ?? "k3") ?? .k3,
                placement: .loss),
            entropyCoefficient: c.entropyCoefficient ?? 0)
        let logProbs = fixture.tensor(fixture.logProbs)
        var loss = 0.0
        let (_, gradients) = try valueAndGrad([logProbs]) {
            let out = try objective.compute(
                logProbs: logProbs, oldLogProbs: fixture.tensor(fixture.oldLogProbs),
                referenceLogProbs: fixture.tensor(fixture.referenceLogProbs), advantages: fixture.tensor(advantages),
                mask: fixture.tensor(fixture.mask), entropy: fixture.tensor(fixture.entropy))
            loss = out.loss.doubleItem()
            return out.loss
        }
        #expect(abs(loss - c.loss) < 1e-5)
        #expect(maxAbsDifference(gradients[0].doubles, c.gradient) < 1e-5)
    }

    @Test("KL in the reward penalises token rewards, then GRPO advantages match")
    func klInReward() throws {
        let fixture = try RLVRFixture.load()
        let kl = KLConfig(coefficient: fixture.klInReward.coefficient, estimator: .k1, placement: .reward)
        let rewards = kl.penalizedRewards(
            tokenRewards: fixture.tokenRewards, oldLogProbs: fixture.oldLogProbs,
            referenceLogProbs: fixture.referenceLogProbs, mask: fixture.mask)
        #expect(maxAbsDifference(rewards, fixture.klInReward.tokenRewards) < 1e-9)
        let batch = try AdvantageBatch(
            tokenRewards: rewards, groupIDs: fixture.groupIDs, mask: fixture.mask, width: fixture.width)
        let advantages = try AdvantageEstimator.grpo.advantages(for: batch).advantages
        #expect(maxAbsDifference(advantages, fixture.klInReward.grpoAdvantages) < 1e-5)
    }
}
