import Foundation
import Offline

/// "Offline RL with Observation Histories: Analyzing and Improving Sample Complexity" (Hong, Dragan & Levine,
/// ICLR 2024, arXiv:2310.20663), digest §5.
///
/// On the noisy corridor (``NoisyCorridor``; datasets from ``NoisyCorridorRecipe``: start→middle and middle→goal
/// pieces, so the good policy is a stitch), CQL-discrete is trained three ways with the one offline trainer:
/// on the true cell (oracle state), on GRU-encoded windows of the last k = 4 steps, and on the same windows with
/// the bisimulation loss c_bisim · J(φ) (reward head, Gaussian latent dynamics, closed-form W₂).
///
/// Equations used and where they came from: the total loss L_offlineRL(Q ∘ φ) + c_bisim · J(φ) and the idea that J
/// measures how compact (bisimulation-like) the history representation is are from the paper's abstract and
/// digest §5 (the method section itself could not be retrieved; digest tag "recall — VERIFY"). J's form —
/// (‖φ_i − φ_j‖₁ − |r_i − r_j| − γ W₂(P̂_i, P̂_j))² on permuted batch pairs, target under stop-gradient, W₂ of
/// diagonal Gaussians = √(‖μ_i − μ_j‖² + ‖σ_i − σ_j‖²), σ bounded in [10⁻⁴, 10] — was checked against DBC's
/// public code (Zhang et al. 2021), which the paper builds on. Choices of ours: rewards in the target from the
/// reward head (`representation.reward=dataset` uses the data's), dataset actions in P̂ (not the policy's), heads
/// trained on sg(φ) when c_bisim = 0 so J can be reported for the plain history arm too.
///
/// Units: `<arm>-<size>-s<seed>`, each one training run.
public struct ObservationHistoriesReproduction: UnitReproduction {
    /// The budget; nil: ``ObservationHistoriesBudget/standard(quick:)``.
    public var budget: ObservationHistoriesBudget?

    /// The reproduction with the standard budgets, or a custom one (tests).
    public init(budget: ObservationHistoriesBudget? = nil) { self.budget = budget }

    public var id: String { "observation-histories" }
    public var paper: String {
        "\"Offline RL with Observation Histories: Analyzing and Improving Sample Complexity\" (Hong, Dragan & "
            + "Levine, ICLR 2024, arXiv:2310.20663)"
    }
    public var claim: String {
        "Offline RL conditioned on observation histories stitches poorly unless its history representation is "
            + "compact; adding the bisimulation loss helps with small data, and the loss's value correlates "
            + "negatively with return. On the noisy corridor (stitching needed at the middle cell), CQL-discrete on "
            + "GRU-encoded windows of 4 steps, with and without c_bisim = 1, and on the true state (oracle). Checks, "
            + "success rate of the final policy: (1) on the small dataset history+bisim beats history by ≥ "
            + "\(ObservationHistoriesAnalysis.Threshold.bisimulationGain); (2) on the small dataset history+bisim "
            + "is within \(ObservationHistoriesAnalysis.Threshold.oracleGap) of the oracle; (3) Pearson r between "
            + "the final J(φ) and the final return over every history run ≤ "
            + "\(ObservationHistoriesAnalysis.Threshold.correlation). Verdict: shown if all 3 hold, partly shown if "
            + "1–2 do, else not shown."
    }
    public var defaultSeeds: Int { 5 }

    func resolvedBudget(_ context: ReproductionContext) -> ObservationHistoriesBudget {
        budget ?? .standard(quick: context.quick)
    }

    /// One unit per dataset size, arm and seed.
    /// - Throws: ``ReproductionError/invalidSettings(_:)`` with fewer than two seeds.
    public func units(_ context: ReproductionContext) throws -> [ReproductionUnit] {
        guard context.seeds >= 2 else {
            throw ReproductionError.invalidSettings("observation-histories needs at least two seeds (default 5)")
        }
        let budget = resolvedBudget(context)
        return budget.sizes.flatMap { size in
            ObservationHistoriesArm.allCases.flatMap { arm in
                context.seedList.map { seed in
                    ReproductionUnit(
                        key: "\(ReproductionUnit.keyFragment(arm.rawValue))-\(size.label)-s\(seed)",
                        arm: "\(arm.rawValue) \(size.label)", seed: seed)
                }
            }
        }
    }

    public func runUnit(_ unit: ReproductionUnit, _ context: ReproductionContext) throws -> ObservationHistoriesRun {
        let budget = resolvedBudget(context)
        let parts = unit.arm.split(separator: " ").map(String.init)
        guard let seed = unit.seed, parts.count == 2, let arm = ObservationHistoriesArm(rawValue: parts[0]),
            let size = budget.sizes.first(where: { $0.label == parts[1] })
        else { throw unknown(unit, context) }
        let run = try ObservationHistoriesTraining.run(arm, size: size, budget: budget, seed: seed)
        context.log(
            String(format: "observation-histories %@ %@ s%llu: success %.2f", arm.rawValue, size.label, seed,
                   run.finalReturn) + (run.finalBisimulation.map { String(format: ", J %.3f", $0) } ?? ""))
        return run
    }

    public func report(_ results: [String: ObservationHistoriesRun], _ context: ReproductionContext) throws
        -> ReproductionReport
    {
        let plan = try units(context)
        let budget = resolvedBudget(context)
        let analysis = ObservationHistoriesAnalysis(
            runs: try ordered(results, plan), sizes: budget.sizes.map(\.label))
        let checks = analysis.checks()
        var checkTable = ResultTable(title: "Pre-written checks", columns: ["check", "measured", "holds"])
        checkTable.rows = checks.map { [$0.name, $0.value, $0.holds ? "yes" : "no"] }
        let explanation =
            "\(checks.filter(\.holds).count) of \(checks.count) checks hold. "
            + checks.map { "\($0.name): \($0.value) (\($0.holds ? "holds" : "fails"))" }.joined(separator: "; ")
            + ". Scale: \(budget.summary); \(context.seeds) seeds. A corridor of 10 cells and a 32-unit GRU are far "
            + "smaller than the paper's gridworld, ViZDoom and Wordle tasks; success is over "
            + "\(budget.evaluationEpisodes) episodes per run."
        return ReproductionReport(
            id: id, paper: paper, claim: claim, quick: context.quick, seeds: context.seedList,
            tables: [analysis.returnTable(), checkTable], plots: analysis.plots(),
            verdict: ObservationHistoriesAnalysis.verdict(checks), verdictExplanation: explanation, seconds: 0)
    }
}
