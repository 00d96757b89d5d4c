import Language

/// One trained configuration of the Lite PPO reproduction.
struct LitePPOArm: Sendable {
    /// Row label.
    var label: String
    /// The method.
    var config: RLVRConfig

    /// The four methods of the headline comparison, then the isolated variants (each differs from Lite PPO in
    /// one knob; Lite PPO itself is the shared reference arm).
    static func all(_ budget: LitePPOBudget) throws -> [LitePPOArm] {
        let lite = try budget.configure(.litePPO)
        var groupStd = lite
        groupStd.advantage = .grpo
        var formatCredit = lite
        formatCredit.rewards = .withFormatCredit
        var groupStdFormatCredit = groupStd
        groupStdFormatCredit.rewards = .withFormatCredit
        var sequenceMean = lite
        sequenceMean.objective.aggregation = .seqMeanTokenMean
        var clipHigher = lite
        clipHigher.objective.policyLoss.epsilonHigh = 0.28
        return [
            LitePPOArm(label: Names.grpo, config: try budget.configure(.grpo)),
            LitePPOArm(label: Names.dapo, config: try budget.configure(.dapo)),
            LitePPOArm(label: Names.drGRPO, config: try budget.configure(.drGRPO)),
            LitePPOArm(label: Names.lite, config: lite),
            LitePPOArm(label: Names.groupStd, config: groupStd),
            LitePPOArm(label: Names.batchStdFormatCredit, config: formatCredit),
            LitePPOArm(label: Names.groupStdFormatCredit, config: groupStdFormatCredit),
            LitePPOArm(label: Names.sequenceMean, config: sequenceMean),
            LitePPOArm(label: Names.clipHigher, config: clipHigher),
        ]
    }

    enum Names {
        static let grpo = "GRPO", dapo = "DAPO", drGRPO = "Dr. GRPO", lite = "Lite PPO"
        static let groupStd = "group mean + group std, binary"
        static let batchStdFormatCredit = "group mean + batch std, format credit"
        static let groupStdFormatCredit = "group mean + group std, format credit"
        static let sequenceMean = "Lite PPO, seq-mean-token-mean"
        static let clipHigher = "Lite PPO, clip-higher ε_high 0.28"
        static let headline = [grpo, dapo, drGRPO, lite]
    }
}

/// Everything recorded from one run (one arm, one seed), saved as `runs/<arm>-seed<k>.json`.
public struct LitePPORunRecord: Codable, Sendable {
    var label: String
    var seed: UInt64
    /// Held-out accuracy curve (avg@n at the sampling temperature 1), steps from 0.
    var curveSteps: [Double]
    var curveAccuracy: [Double]
    var curveLength: [Double]
    /// Per training step: policy entropy, mean response length, max |Â|, zero-std group fraction, high clip fraction.
    var trainEntropy: [Double]
    var trainLength: [Double]
    var maxAdvantage: [Double]
    var zeroStdFraction: [Double]
    var highClip: [Double]
    /// Final held-out evaluation.
    var passAt1: Double
    var passAtK: Double
    var majorityAtK: Double
    var finalLength: Double
    var tokenEntropy: Double
    var answerEntropy: Double
    var seconds: Double
}
