import Environments

/// A distribution-testing hard instance for multi-step revealing POMDPs, in the spirit of Chen, Wang, Xiong, Mei &
/// Bai, "Lower Bounds for Learning in Revealing POMDPs" (ICML 2023, arXiv:2302.01333): their lower bounds come from
/// embedding uniformity testing (Paninski 2008) into the latent dynamics. This is the digest's simplified
/// construction (§10, a reconstruction: the paper's instances were not reachable), with three stages and one action:
///
/// - stage 0: the latent state is one of B *branch* states (uniform), revealed by its observation;
/// - gate: from branch b the next latent state is one of S *test* states, arranged in S/2 pairs, drawn from `p_b`;
///   under the null every `p_b` is uniform, under the alternative one unknown branch b* has
///   `p_{b*}(2i + j) = (1 + σ_i·ε·(1 − 2j))/S` with unknown signs σ_i = ±1 (Paninski's perturbation);
/// - stage 1 observes the pair i only, stage 2 the member bit j only (the test state persists).
///
/// So the POMDP is 2-step revealing (the pair and the bit together identify the state) while a single observation
/// carries no information: every pair has mass 2/S under both hypotheses. One test (B = 1) needs Θ(√S/ε²)
/// episodes; B = Θ(S) nested tests, of which the learner cannot tell which is perturbed, need Θ(S^{1.5}/ε²)
/// (up to logarithms) — the S^{1.5} of the paper's multi-step PAC bound.
public struct RevealingHardInstance: Sendable {
    /// S, the number of test states (even).
    public let testStates: Int
    /// B, the number of branches (sub-tests).
    public let branches: Int
    /// ε, the perturbation (Paninski), in (0, 1].
    public let epsilon: Double
    /// b*, the perturbed branch, or nil under the null.
    public let perturbedBranch: Int?
    /// σ_i = ±1 for the S/2 pairs of the perturbed branch.
    public let signs: [Double]

    /// Checks sizes.
    static func check(testStates: Int, branches: Int, epsilon: Double) throws(TabularError) {
        guard testStates >= 2, testStates % 2 == 0, testStates <= 1 << 20 else {
            throw .invalidConfiguration("revealing instance: S must be even and in 2…2^20, got \(testStates)")
        }
        guard branches >= 1, branches <= 1 << 16 else {
            throw .invalidConfiguration("revealing instance: B must be in 1…65536, got \(branches)")
        }
        guard epsilon > 0, epsilon <= 1 else {
            throw .invalidConfiguration("revealing instance: ε must be in (0, 1], got \(epsilon)")
        }
    }

    /// The null instance (every branch uniform).
    /// - Throws: ``TabularError/invalidConfiguration(_:)`` for S odd or < 2, B < 1, ε outside (0, 1].
    public static func null(testStates: Int, branches: Int = 1, epsilon: Double) throws(TabularError)
        -> RevealingHardInstance
    {
        try check(testStates: testStates, branches: branches, epsilon: epsilon)
        return RevealingHardInstance(
            testStates: testStates, branches: branches, epsilon: epsilon, perturbedBranch: nil, signs: [])
    }

    /// An alternative instance: a uniformly random branch b* with uniformly random signs.
    /// - Throws: as ``null(testStates:branches:epsilon:)``.
    public static func planted(
        testStates: Int, branches: Int = 1, epsilon: Double, using generator: inout some RandomNumberGenerator
    ) throws(TabularError) -> RevealingHardInstance {
        try check(testStates: testStates, branches: branches, epsilon: epsilon)
        let branch = Int.random(in: 0..<branches, using: &generator)
        let signs = (0..<(testStates / 2)).map { _ in Bool.random(using: &generator) ? 1.0 : -1.0 }
        return RevealingHardInstance(
            testStates: testStates, branches: branches, epsilon: epsilon, perturbedBranch: branch, signs: signs)
    }

    /// `p_b(s)` for test state s = 2i + j.
    public func gateProbability(branch: Int, state: Int) -> Double {
        guard branch == perturbedBranch else { return 1 / Double(testStates) }
        let sign = signs[state / 2] * (state % 2 == 0 ? 1 : -1)
        return (1 + sign * epsilon) / Double(testStates)
    }

    /// One episode's observations `(branch, pair, bit)`, drawn from the closed form (the same law as
    /// ``pomdp()``'s, checked in tests): b uniform, i uniform (pairs have mass 2/S under both hypotheses), j from
    /// `p_b(2i + j)/(2/S)`.
    @inline(__always) public func sample(using generator: inout some RandomNumberGenerator)
        -> (branch: Int, pair: Int, bit: Int)
    {
        let branch = branches == 1 ? 0 : Int.random(in: 0..<branches, using: &generator)
        let pair = Int.random(in: 0..<(testStates / 2), using: &generator)
        var zero = 0.5
        if branch == perturbedBranch { zero = 0.5 * (1 + signs[pair] * epsilon) }
        let bit = Double.random(in: 0..<1, using: &generator) < zero ? 0 : 1
        return (branch, pair, bit)
    }

    /// Largest `B + S` for which ``pomdp()`` builds dense tables.
    public static let maximumDenseStates = 2048

    /// The instance as a dense ``EpisodicPOMDP``: latent states `0..<B` (branches) and `B..<B + S` (tests);
    /// observations `0..<B` (branch ids), `B..<B + S/2` (pair ids), `B + S/2 + j` (bits); H = 3, A = 1.
    /// - Throws: ``TabularError/invalidConfiguration(_:)`` when B + S exceeds ``maximumDenseStates``.
    public func pomdp() throws(TabularError) -> EpisodicPOMDP {
        let (b, s) = (branches, testStates)
        let n = b + s, o = b + s / 2 + 2
        guard n <= Self.maximumDenseStates else {
            throw .invalidConfiguration(
                "revealing instance: B + S = \(n) exceeds \(Self.maximumDenseStates) for dense tables")
        }
        var gate = [Double](repeating: 0, count: n * n), stay = gate
        for state in 0..<n { stay[state * n + state] = 1 }
        for branch in 0..<b {
            for test in 0..<s { gate[branch * n + b + test] = gateProbability(branch: branch, state: test) }
        }
        for test in 0..<s { gate[(b + test) * n + b + test] = 1 }
        var early = [Double](repeating: 0, count: n * o), late = early
        for branch in 0..<b {
            early[branch * o + branch] = 1
            late[branch * o + branch] = 1
        }
        for test in 0..<s {
            early[(b + test) * o + b + test / 2] = 1
            late[(b + test) * o + b + s / 2 + test % 2] = 1
        }
        var start = [Double](repeating: 0, count: n)
        for branch in 0..<b { start[branch] = 1 / Double(b) }
        return EpisodicPOMDP(
            stateCount: n, actionCount: 1, observationCount: o, horizon: 3, transitions: [gate, stay, stay],
            emissions: [early, early, late], initialDistribution: start)
    }
}
