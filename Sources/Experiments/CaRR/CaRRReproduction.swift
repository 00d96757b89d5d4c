import Agents
import Foundation
import Tensor

/// "Chaining the Evidence: Robust Reinforcement Learning for Deep Search Agents with Citation-Aware Rubric
/// Rewards" (CaRR and C-GRPO; ACL 2026, arXiv:2601.06021), digest §2.
///
/// The same MiniHop setting as ``IGPOReproduction`` (log-linear policy, G 8 × 16 questions, 5 turns, noisy BM25).
/// Rubrics come from the graph edges of each question's gold chain; the judge is a rule (a filled rubric is
/// supported when a cited document states that fact); the log-linear agent's answer cites every document its
/// searches returned; a hidden entity other than the answer is identified when the agent's own actions name it.
/// Arms on the one ``AgentTrainer``: outcome-only GRPO; C-GRPO with the figure's group-max normalisation; C-GRPO
/// as the released code computes it (`--normalize-rubric-reward --rubric-only-positive` uses the un-normalised
/// rubric reward), α 0.3 both.
///
/// Equations used (digest §2 ✅, `launch_server.py` and `sglang_rollout.py`, the latter re-read for this port):
/// R_rubric = share of rubrics supported by the citations and connected to `<E0>` by BFS; C-GRPO
/// R_i = 0 for a wrong answer, else (1 − α) + α·R_rubric,i / max_j R_rubric,j (figure) or (1 − α) + α·R_rubric,i
/// (code); then GRPO's group z-score.
public struct CaRRReproduction: UnitReproduction {
    /// A smaller setting for tests (nil: the quick or full budget).
    var settingOverride: MiniHopSetting?

    public init() {}

    init(setting: MiniHopSetting) { settingOverride = setting }

    public var id: String { "carr" }
    public var paper: String {
        "\"Chaining the Evidence: Robust Reinforcement Learning for Deep Search Agents with Citation-Aware Rubric "
            + "Rewards\" (CaRR / C-GRPO, ACL 2026, arXiv:2601.06021)"
    }
    public var claim: String {
        "Citation-aware rubric rewards (C-GRPO) raise the share of evidence-backed answers at equal or better "
            + "success than outcome-only GRPO. Checks (MiniHop, log-linear policy; grounded = correct with the whole "
            + "gold evidence chain retrieved): (1) C-GRPO (group-max normalisation) − GRPO grounded success ≥ 0.02 "
            + "with its 95% paired interval above 0; (2) C-GRPO's success is not worse than GRPO's by more than "
            + "0.02 (mean paired difference ≥ −0.02); (3) the code's variant passes test (1) too. Verdict: shown if "
            + "all three hold; partly shown if (2) and one of (1), (3) hold; otherwise not shown."
    }
    public var defaultSeeds: Int { 5 }

    /// The arms, in table order.
    static let arms: [(key: String, label: String, method: AgentMethod)] = [
        ("grpo", "GRPO (outcome only)", .grpo),
        ("c-grpo", "C-GRPO (group-max normalisation, figure)", .cgrpo),
        ("c-grpo-code", "C-GRPO (released code's variant)",
            AgentMethod(rubricReward: CGRPOReward(normalizeByGroupMax: false))),
    ]

    /// One unit per arm × seed, arm-major.
    /// - Throws: ``ReproductionError/invalidSettings(_:)`` with fewer than two seeds.
    public func units(_ context: ReproductionContext) throws -> [ReproductionUnit] {
        guard context.seeds >= 2 else { throw ReproductionError.invalidSettings("carr needs at least two seeds") }
        return Self.arms.flatMap { arm in
            context.seedList.map { ReproductionUnit(key: "\(arm.key)-s\($0)", arm: arm.key, seed: $0) }
        }
    }

    /// Trains one arm on one seed's world.
    /// - Throws: an unknown unit or the trainer's errors.
    public func runUnit(_ unit: ReproductionUnit, _ context: ReproductionContext) throws -> MiniHopArmResult {
        guard let seed = unit.seed, let arm = Self.arms.first(where: { $0.key == unit.arm }) else {
            throw unknown(unit, context)
        }
        let result = try MiniHopRun.run(method: arm.method, setting: setting(context), seed: seed)
        context.log(
            String(format: "carr: %@ seed %llu grounded %.3f", arm.key, seed, result.evaluation.groundedSuccess))
        return result
    }

    func setting(_ context: ReproductionContext) -> MiniHopSetting {
        settingOverride ?? MiniHopSetting.standard(quick: context.quick)
    }

    /// Tables, checks, curves and the verdict.
    /// - Throws: ``ReproductionUnitError/missingUnits(reproduction:keys:)``.
    public func report(_ results: [String: MiniHopArmResult], _ context: ReproductionContext) throws
        -> ReproductionReport
    {
        let plan = try units(context)
        var byArm: [String: [MiniHopArmResult]] = [:]
        for arm in Self.arms { byArm[arm.key] = try ordered(results, plan.filter { $0.arm == arm.key }) }
        let grpo = byArm["grpo"] ?? [], figure = byArm["c-grpo"] ?? [], code = byArm["c-grpo-code"] ?? []
        let table = MiniHopTables.summary(arms: Self.arms.map { ($0.label, byArm[$0.key] ?? []) })
        let one = PairedDifference(figure.map(\.evaluation.groundedSuccess), grpo.map(\.evaluation.groundedSuccess))
        let two = PairedDifference(figure.map(\.evaluation.success), grpo.map(\.evaluation.success))
        let three = PairedDifference(code.map(\.evaluation.groundedSuccess), grpo.map(\.evaluation.groundedSuccess))
        let checks: [(name: String, value: String, holds: Bool)] = [
            ("(1) C-GRPO − GRPO grounded success", one.formatted, one.shows),
            ("(2) C-GRPO − GRPO success", two.formatted, two.mean >= -0.02),
            ("(3) C-GRPO (code) − GRPO grounded success", three.formatted, three.shows),
        ]
        var checkTable = ResultTable(title: "Pre-written checks", columns: ["check", "measured", "holds"])
        checkTable.rows = checks.map { [$0.name, $0.value, $0.holds ? "yes" : "no"] }
        let verdict: ClaimVerdict =
            checks.allSatisfy(\.holds) ? .shown : checks[1].holds && (checks[0].holds || checks[2].holds)
            ? .partlyShown : .notShown
        let setting = setting(context)
        let explanation = "\(checks.filter(\.holds).count) of 3 checks hold. "
            + checks.map { "\($0.name): \($0.value) (\($0.holds ? "holds" : "fails"))" }.joined(separator: "; ")
            + ". Scale: \(setting.updates) updates × \(setting.trainer.tasksPerStep) questions × G "
            + "\(setting.trainer.groupSize), \(context.seeds) seeds; rule judge over the graph's facts, citations = "
            + "the agent's whole tool history (the log-linear agent writes no citation list)."
        return ReproductionReport(
            id: id, paper: paper, claim: claim, quick: context.quick, seeds: context.seedList,
            tables: [table, checkTable],
            plots: [MiniHopTables.curves(name: "curves-carr", arms: Self.arms.map { ($0.label, byArm[$0.key] ?? []) },
                seeds: context.seedList)],
            verdict: verdict, verdictExplanation: explanation, seconds: 0)
    }
}
