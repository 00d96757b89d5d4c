import Algorithms
import Environments
import Foundation
import Tensor

/// "Lower Bounds for Learning in Revealing POMDPs" (Chen, Wang, Xiong, Mei & Bai, ICML 2023, arXiv:2302.01333),
/// digest §10: the sample-complexity scaling behind the multi-step PAC lower bound, measured on distribution-testing
/// hard instances (``RevealingHardInstance``).
///
/// Per size S and seed: N*, the fewest episodes at which a collision tester on the two revealing observations tells
/// the null instance from a planted one with accuracy 0.8 (``SampleComplexityHarness``: threshold at the 90% null
/// quantile from fresh null runs, 400 null + 400 planted trials per accuracy in the full run, doubling then
/// bisection), ε 0.5. Two constructions: one test (B = 1) over S test states, and B = S/2 nested tests (one
/// unknown branch perturbed, Θ(S) latent states in all). The one-step tester (pair observation only) is measured at
/// 8·N* on the single test. The instance's 1- and 2-step revealing constants (σ_S of the emission matrices) are
/// computed for S ≤ 64.
///
/// Sources: verified from the abstract — Ω(S^{1.5}) latent-state dependence of the multi-step PAC sample complexity,
/// Θ̃(S) for MDPs, hard instances built from distribution testing. The instance here is the digest's simplified
/// construction "in the paper's spirit" (§10, ⚠️): the paper's exact instances, its α-revealing norm and the
/// A, H, O, α exponents were not reachable, so this checks the scaling mechanism (√S per uniformity test, Θ(S) tests
/// that a learner cannot tell apart), not the paper's theorem.
public struct RevealingPOMDPReproduction: UnitReproduction {
    /// The registered reproduction.
    public init() { tiny = false }
    /// A tiny version for tests (small sizes, few trials).
    init(tiny: Bool) { self.tiny = tiny }
    let tiny: Bool

    public var id: String { "revealing-pomdp" }
    public var paper: String {
        "\"Lower Bounds for Learning in Revealing POMDPs\" (Chen, Wang, Xiong, Mei & Bai, ICML 2023, arXiv:2302.01333)"
    }
    public var claim: String {
        "Multi-step revealing POMDPs need Ω(S^1.5) episodes in the latent state count S (vs Θ̃(S) for MDPs): each "
            + "hidden uniformity test needs ≈ √S episodes, Θ(S) indistinguishable tests need ≈ S^1.5, and a learner "
            + "seeing one observation step learns nothing. Checks (ε 0.5, target accuracy 0.8, N* mean over seeds): "
            + "(1) the log-log slope of N* against S for one test is in [0.35, 0.65]; (2) for B = S/2 nested tests it "
            + "is in [1.25, 1.8] (the max over branches adds a sqrt(log S) factor); (3) the one-step tester's accuracy "
            + "at 8·N* is in [0.44, 0.56] at every single-test size; (4) the instance is 2-step 1-revealing and not "
            + "1-step revealing (σ_S = 1 and 0, S ≤ 64). Verdict: shown if all four hold; partly shown if (1) and (3) "
            + "hold; otherwise not shown."
    }
    public var defaultSeeds: Int { 2 }

    static let epsilon = 0.5, target = 0.8
    func singleSizes(quick: Bool) -> [Int] {
        tiny ? [16, 64] : quick ? [16, 64, 256, 1024] : [16, 64, 256, 1024, 4096]
    }
    func nestedSizes(quick: Bool) -> [Int] { tiny ? [8, 16] : quick ? [16, 32, 64] : [16, 32, 64, 128, 256] }
    func trials(quick: Bool) -> Int { tiny ? 40 : quick ? 200 : 400 }

    /// One unit per construction, size and seed.
    /// - Throws: ``ReproductionError/invalidSettings(_:)`` without seeds.
    public func units(_ context: ReproductionContext) throws -> [ReproductionUnit] {
        guard context.seeds >= 1 else { throw ReproductionError.invalidSettings("revealing-pomdp needs a seed") }
        var out: [ReproductionUnit] = []
        for seed in context.seedList {
            for size in singleSizes(quick: context.quick) {
                out.append(ReproductionUnit(key: "single-s\(size)-seed\(seed)", arm: "single", seed: seed))
            }
            for size in nestedSizes(quick: context.quick) {
                out.append(ReproductionUnit(key: "nested-s\(size)-seed\(seed)", arm: "nested", seed: seed))
            }
        }
        return out
    }

    /// N* (and the one-step tester's accuracy, the revealing constants) for one construction, size and seed.
    /// - Throws: an unknown unit or invalid sizes.
    public func runUnit(_ unit: ReproductionUnit, _ context: ReproductionContext) throws -> RevealingUnitResult {
        guard let seed = unit.seed, let size = Int(unit.key.split(separator: "-")[1].dropFirst()),
            unit.key == "\(unit.arm)-s\(size)-seed\(seed)"
        else { throw unknown(unit, context) }
        let branches = unit.arm == "nested" ? size / 2 : 1
        let count = trials(quick: context.quick)
        let harness = SampleComplexityHarness(
            tester: CollisionTester(observations: .twoStep), targetAccuracy: Self.target, trials: count,
            calibrationTrials: count)
        var result = RevealingUnitResult(testStates: size, branches: branches)
        let found = try harness.threshold(testStates: size, branches: branches, epsilon: Self.epsilon, seed: seed)
        result.threshold = found.map(Double.init) ?? .nan
        if let found, unit.arm == "single" {
            let blind = SampleComplexityHarness(
                tester: CollisionTester(observations: .oneStep), targetAccuracy: Self.target, trials: count,
                calibrationTrials: count)
            result.oneStepAccuracy = try blind.accuracy(
                testStates: size, branches: branches, epsilon: Self.epsilon, episodes: 8 * found, seed: seed)
        }
        if size <= 64 {
            var rng = Xoshiro256StarStar(seed: seed).derived("revealing/instance")
            let pomdp = try RevealingHardInstance.planted(
                testStates: size, branches: branches, epsilon: Self.epsilon, using: &rng
            ).pomdp()
            result.alphaOneStep = try pomdp.revealingConstant(stage: 1, steps: 1)
            result.alphaTwoStep = try pomdp.revealingConstant(stage: 1, steps: 2)
        }
        context.log("revealing-pomdp: \(unit.key) N* = \(found.map(String.init) ?? "not reached")")
        return result
    }

    /// Tables, checks and the verdict.
    /// - Throws: ``ReproductionUnitError/missingUnits(reproduction:keys:)``.
    public func report(_ results: [String: RevealingUnitResult], _ context: ReproductionContext) throws
        -> ReproductionReport
    {
        _ = try ordered(results, try units(context))
        var single: [Int: [RevealingUnitResult]] = [:], nested: [Int: [RevealingUnitResult]] = [:]
        for (key, value) in results {
            if key.hasPrefix("single") {
                single[value.testStates, default: []].append(value)
            } else {
                nested[value.testStates, default: []].append(value)
            }
        }
        return RevealingPOMDPAnalysis(
            single: singleSizes(quick: context.quick).map { ($0, single[$0] ?? []) },
            nested: nestedSizes(quick: context.quick).map { ($0, nested[$0] ?? []) },
            trials: trials(quick: context.quick)
        ).report(id: id, paper: paper, claim: claim, context: context)
    }
}

/// One unit of ``RevealingPOMDPReproduction``.
public struct RevealingUnitResult: Codable, Sendable {
    var testStates: Int
    var branches: Int
    /// N* (nan when not reached).
    var threshold = Double.nan
    /// The one-step tester's accuracy at 8·N* (single test only).
    var oneStepAccuracy: Double?
    var alphaOneStep: Double?
    var alphaTwoStep: Double?
}
