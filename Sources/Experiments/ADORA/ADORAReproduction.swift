import Foundation
import Language
import Tensor

/// "ADORA: Dynamic Advantage Estimation" (arXiv:2602.10019) on the tiny Qwen2-style base model of the Lite PPO
/// reproduction (SFT on 1–2 digit addition, half direct answers and half worked steps, so correct completions differ
/// in length): GRPO against GRPO + ADORA with the released code's length-advantage rule (TDS ×0.1) and with the
/// paper's difficulty-advantage rule for LLMs (TAS ×2), on the one trainer with equal rollouts.
///
/// Units: stage 0 `base-model` (pretrains and caches the shared base model), then one unit per arm × seed.
public struct ADORAReproduction: UnitReproduction {
    public init() {}
    public var id: String { "adora" }
    public var paper: String { "\"ADORA: Dynamic Advantage Estimation\" (arXiv:2602.10019; code ShadeCloak/ADORA)" }
    public var claim: String {
        "Reweighting advantages by temporarily advantageous / disadvantageous samples trains faster or to a higher "
            + "accuracy than GRPO at equal rollouts. Verdict (judged on the released code's length rule, λ 0.1): shown if "
            + "(1) ADORA's mean final held-out accuracy is at least GRPO's and (2) its mean accuracy over the curve's "
            + "evaluations (area under the curve) is higher than GRPO's; partly shown if one holds; otherwise not shown. "
            + "The difficulty-rule arm is reported, not judged."
    }
    public var defaultSeeds: Int { 3 }

    static let grpo = "GRPO", length = "ADORA length rule, TDS ×0.1", difficulty = "ADORA difficulty rule, TAS ×2"

    static func arms(_ budget: LitePPOBudget) throws -> [(String, RLVRConfig)] {
        let grpoConfig = try budget.configure(RLVRConfig(advantage: .grpo, objective: RLVRObjective(aggregation: .tokenMean)))
        var lengthConfig = grpoConfig, difficultyConfig = grpoConfig
        lengthConfig.adora = ADORAWeighting(lambda: 0.1, criterion: .length)
        difficultyConfig.adora = ADORAWeighting(advantageousWeight: 2, criterion: .difficulty)
        return [(Self.grpo, grpoConfig), (Self.length, lengthConfig), (Self.difficulty, difficultyConfig)]
    }

    static let armLabels = [grpo, length, difficulty]

    static func key(_ label: String, _ seed: UInt64) -> String { "\(ReproductionUnit.keyFragment(label))-s\(seed)" }

    /// One (arm, seed) run: the held-out curve and the share of groups ADORA marked disadvantaged.
    public struct Record: Codable, Sendable {
        var label: String, seed: UInt64, steps: [Double], accuracy: [Double], length: [Double], tdsFraction: Double
    }

    /// `base-model` (stage 0), then every arm × seed, seed-major.
    /// - Throws: ``ReproductionError/invalidSettings(_:)`` without seeds.
    public func units(_ context: ReproductionContext) throws -> [ReproductionUnit] {
        guard context.seeds >= 1 else { throw ReproductionError.invalidSettings("adora needs at least one seed") }
        return [ReproductionUnit(key: "base-model", arm: "", seed: nil, stage: 0)]
            + context.seedList.flatMap { seed in
                Self.armLabels.map { ReproductionUnit(key: Self.key($0, seed), arm: $0, seed: seed) }
            }
    }

    /// Caches the base model (stage 0, nil result) or trains one arm for one seed.
    /// - Throws: an unknown unit, or pretraining and training errors.
    public func runUnit(_ unit: ReproductionUnit, _ context: ReproductionContext) throws -> Record? {
        let bed = try TinyAdditionBed(context, heldOutSeed: 20_260_210) { $0.curveProblems }
        guard let seed = unit.seed else { return nil }
        let budget = bed.budget
        guard let arm = try Self.arms(budget).first(where: { Self.key($0.0, seed) == unit.key }) else {
            throw unknown(unit, context)
        }
        let (label, config) = arm
        let runStart = Stopwatch.now()
        let model = try bed.base.cloned()
        let runner = bed.runner(steps: budget.steps, evaluateEvery: budget.evaluateEvery, samples: budget.curveSamples)
        let outcome = try runner.run(
            model: model, config: config, task: bed.training, heldOut: bed.heldOut, seed: seed)
        let tds = outcome.metrics.compactMap { $0[RLVRMetricNames.adoraDisadvantagedFraction] }
        let record = Record(
            label: label, seed: seed, steps: outcome.evaluations.map { Double($0.step) },
            accuracy: outcome.evaluations.map(\.report.averageAtN),
            length: outcome.evaluations.map(\.report.meanLength),
            tdsFraction: tds.isEmpty ? .nan : tds.reduce(0, +) / Double(tds.count))
        context.log(
            String(
                format: "%@ seed %llu: held-out accuracy %.3f → %.3f, length %.1f → %.1f (%.0f s)", label, seed,
                record.accuracy.first ?? .nan, record.accuracy.last ?? .nan, record.length.first ?? .nan,
                record.length.last ?? .nan, Stopwatch.now() - runStart))
        return record
    }

    /// The table, curves and verdict from every arm × seed.
    /// - Throws: ``ReproductionUnitError/missingUnits(reproduction:keys:)``.
    public func report(_ results: [String: Record?], _ context: ReproductionContext) throws -> ReproductionReport {
        let budget = try LitePPOBudget.make(quick: context.quick)
        let records = try ordered(results, units(context)).compactMap { $0 }
        let arms = Self.armLabels.map { ($0, ()) }
        func summary(_ label: String, _ v: (Record) -> Double) -> SeedSummary {
            SeedSummary(records.filter { $0.label == label }.map(v))
        }
        let area = { (r: Record) in r.accuracy.dropFirst().reduce(0, +) / Double(max(r.accuracy.count - 1, 1)) }
        var table = ResultTable(
            title: "Held-out accuracy (avg@\(budget.curveSamples) on \(budget.curveProblems) problems) after "
                + "\(budget.steps) steps, equal rollouts (mean ± std over seeds)",
            columns: ["arm", "final accuracy", "mean accuracy over evaluations", "final length", "TDS share of groups"])
        for (label, _) in arms {
            table.rows.append([
                label, summary(label) { $0.accuracy.last ?? .nan }.formatted(digits: 3), summary(label, area).formatted(digits: 3),
                summary(label) { $0.length.last ?? .nan }.formatted(digits: 1),
                label == Self.grpo ? "" : summary(label) { $0.tdsFraction }.formatted(digits: 2),
            ])
        }
        let finalADORA = summary(Self.length) { $0.accuracy.last ?? 0 }.mean
        let finalGRPO = summary(Self.grpo) { $0.accuracy.last ?? 0 }.mean
        let areaADORA = summary(Self.length, area).mean, areaGRPO = summary(Self.grpo, area).mean
        let c1 = finalADORA >= finalGRPO, c2 = areaADORA > areaGRPO
        let verdict: ClaimVerdict = c1 && c2 ? .shown : (c1 || c2 ? .partlyShown : .notShown)
        let explanation = String(
            format: "(1) final accuracy ADORA %.3f vs GRPO %.3f %@; (2) mean accuracy over the curve %.3f vs %.3f %@. "
                + "Difficulty rule (×2): final %.3f. Tiny model, %d held-out problems × %d samples: differences of a few "
                + "hundredths are within evaluation noise.",
            finalADORA, finalGRPO, c1 ? "(holds)" : "(fails)", areaADORA, areaGRPO, c2 ? "(holds)" : "(fails)",
            summary(Self.difficulty) { $0.accuracy.last ?? 0 }.mean, budget.curveProblems, budget.curveSamples)
        let plot = CurvePlot(
            name: "accuracy", title: "Held-out accuracy", xLabel: "trainer steps", yLabel: "avg@\(budget.curveSamples)",
            series: records.map { CurvePlot.Series(label: $0.label, run: "seed \($0.seed)", steps: $0.steps, values: $0.accuracy) })
        let lengths = CurvePlot(
            name: "length", title: "Held-out completion length", xLabel: "trainer steps", yLabel: "tokens",
            series: records.map { CurvePlot.Series(label: $0.label, run: "seed \($0.seed)", steps: $0.steps, values: $0.length) })
        return ReproductionReport(
            id: id, paper: paper, claim: claim, quick: context.quick, seeds: context.seedList, tables: [table],
            plots: [plot, lengths], verdict: verdict, verdictExplanation: explanation, seconds: 0)
    }
}
