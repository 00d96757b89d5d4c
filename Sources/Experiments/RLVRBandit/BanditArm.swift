import Foundation
import Language
import Tensor

/// One configuration of a StrategyBandit experiment: a bandit setting and an RLVR method on the one trainer.
struct BanditArm: Sendable {
    /// Table label.
    var label: String
    /// The bandit generator's knobs.
    var bandit: StrategyBandit.Configuration
    /// The method.
    var config: RLVRConfig
    /// Weighted rewards replacing the default solving-set reward (nil: the default).
    var rewards: (@Sendable (StrategyBandit) -> [WeightedReward])? = nil
    /// Share of the problems trained on (the first ones); the rest are held out. Exact metrics cover all problems.
    var trainingShare: Double = 1
    /// Unit-key fragment (nil: ``ReproductionUnit/keyFragment(_:)`` of the label).
    var key: String? = nil
}

/// The budget shared by the StrategyBandit reproductions (digest §14.1: G 8, 32 prompts per step, 400 steps).
struct BanditBudget: Codable, Equatable, Sendable {
    /// Trainer steps per run.
    var steps: Int
    /// Steps between exact evaluations (curves).
    var evaluateEvery: Int
    /// ks of the exact pass@k.
    var ks: [Int]

    static func make(quick: Bool) -> BanditBudget {
        BanditBudget(steps: quick ? 150 : 400, evaluateEvery: quick ? 25 : 25, ks: StrategyBandit.defaultKs)
    }
}

/// What one (arm, seed) run produced: exact curves and the base and final reports (the unit result of the
/// StrategyBandit reproductions).
public struct BanditRunRecord: Codable, Sendable {
    var label: String
    var seed: UInt64
    var steps: [Double]
    /// Completions sampled for training up to each curve point (the x-axis of data-efficiency plots).
    var rollouts: [Double]
    var passAt1: [Double]
    var passAtMax: [Double]
    var entropy: [Double]
    var junkMass: [Double]
    var base: StrategyBanditReport
    var final: StrategyBanditReport
    var seconds: Double
    /// Problems `0 ..< trainingProblems` were trained on; the others are held out.
    var trainingProblems: Int
}

/// Runs arms of a StrategyBandit experiment: each seed generates its own bandit and initial policy; the training
/// stream is derived from the seed, so a seed gives the same record on every run on one machine.
enum BanditExperiment {
    /// The GRPO baseline of the digest's toy (group mean/std, one on-policy update per batch) with Adam at
    /// `learningRate`.
    static func grpo(learningRate: Double = 0.02) -> RLVRConfig {
        RLVRConfig(
            advantage: .grpo, objective: RLVRObjective(aggregation: .tokenMean), groupSize: 8, promptsPerStep: 32,
            learningRate: learningRate)
    }

    static func run(_ arm: BanditArm, seed: UInt64, budget: BanditBudget) throws -> BanditRunRecord {
        let start = Stopwatch.now()
        let bandit = try StrategyBandit(configuration: arm.bandit, seed: seed)
        let policy = bandit.makePolicy(seed: seed)
        let trainer = try bandit.makeTrainer(policy: policy, config: arm.config, rewardFunctions: arm.rewards?(bandit))
        let trainingProblems = max(1, Int((arm.trainingShare * Double(arm.bandit.problems)).rounded()))
        let pool = Array(bandit.problemsAsTasks.prefix(trainingProblems))
        var rng = Xoshiro256StarStar(seed: seed).derived("bandit-training")
        let base = bandit.evaluate(policy, ks: budget.ks)
        var record = BanditRunRecord(
            label: arm.label, seed: seed, steps: [0], rollouts: [0], passAt1: [base.passAtK.first ?? .nan],
            passAtMax: [base.passAtK.last ?? .nan], entropy: [base.entropy], junkMass: [base.junkMass], base: base,
            final: base, seconds: 0, trainingProblems: trainingProblems)
        var rollouts = 0.0
        for step in 1...budget.steps {
            let metrics = try trainer.step(pool: pool, using: &rng)
            rollouts += metrics[RLVRMetricNames.rollouts] ?? 0
            if step % budget.evaluateEvery == 0 || step == budget.steps {
                let report = bandit.evaluate(policy, ks: budget.ks)
                record.steps.append(Double(step))
                record.rollouts.append(rollouts)
                record.passAt1.append(report.passAtK.first ?? .nan)
                record.passAtMax.append(report.passAtK.last ?? .nan)
                record.entropy.append(report.entropy)
                record.junkMass.append(report.junkMass)
                record.final = report
            }
        }
        record.seconds = Stopwatch.now() - start
        return record
    }

    /// Runs `arm` for `seed`, saves the record as JSON under `runs/` and logs one line.
    static func runLogged(
        _ arm: BanditArm, seed: UInt64, budget: BanditBudget, context: ReproductionContext
    ) throws -> BanditRunRecord {
        let folder = context.directory.appendingPathComponent("runs", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let record = try run(arm, seed: seed, budget: budget)
        try AtomicFile.write(
            try encoder.encode(record), to: folder.appendingPathComponent("\(fileName(arm.label))-seed\(seed).json"))
        context.log(
            String(
                format: "%@ seed %llu: pass@1 %.3f → %.3f, pass@%d %.3f → %.3f, entropy %.2f → %.2f (%.1f s)",
                arm.label, seed, record.base.passAtK.first ?? .nan, record.final.passAtK.first ?? .nan,
                budget.ks.last ?? 0, record.base.passAtK.last ?? .nan, record.final.passAtK.last ?? .nan,
                record.base.entropy, record.final.entropy, record.seconds))
        return record
    }

    static func fileName(_ label: String) -> String {
        let characters: [Character] = label.lowercased().map { c in c.isASCII && (c.isLetter || c.isNumber) ? c : " " }
        return String(characters).split(separator: " ").map(String.init).joined(separator: "-")
    }

    /// Mean ± std over seeds of `value` for the runs labelled `label`.
    static func summary(_ records: [BanditRunRecord], _ label: String, _ value: (BanditRunRecord) -> Double) -> SeedSummary {
        SeedSummary(records.filter { $0.label == label }.map(value))
    }

    /// One curve plot: `value` against steps (or rollouts) for every run.
    static func plot(
        _ records: [BanditRunRecord], name: String, title: String, yLabel: String, xLabel: String = "trainer steps",
        x: (BanditRunRecord) -> [Double] = { $0.steps }, y: (BanditRunRecord) -> [Double]
    ) -> CurvePlot {
        CurvePlot(
            name: name, title: title, xLabel: xLabel, yLabel: yLabel,
            series: records.map { CurvePlot.Series(label: $0.label, run: "seed \($0.seed)", steps: x($0), values: y($0)) })
    }
}
