import Foundation

/// A paper's experiment that anyone can rerun: `swiftrl reproduce <id>`.
///
/// One conforming type per paper, in its own folder (`Experiments/PRDC/`, `Experiments/LitePPO/`, …), listed in
/// ``Reproductions/all``. A reproduction trains what the paper compares, on the machinery of the library targets,
/// and returns tables, curves and an honest verdict on the paper's claim; it never tunes the table to the claim.
public protocol Reproduction: Sendable {
    /// Identifier on the command line, lower-case with dashes (`prdc`, `lite-ppo`).
    var id: String { get }
    /// The paper's title (and venue/year when known).
    var paper: String { get }
    /// The claim this experiment checks, in one sentence.
    var claim: String { get }
    /// Seeds per configuration when `--seeds` is not given.
    var defaultSeeds: Int { get }
    /// Runs the experiment. `--quick` must finish within about 5 minutes on a 2-core CPU, the default within an hour.
    /// - Throws: whatever the training code throws (bad datasets, non-finite losses, I/O errors).
    func run(_ context: ReproductionContext) throws -> ReproductionReport
    /// Why this build cannot run the reproduction (e.g. an optional package trait it needs is off), with the fix;
    /// nil when it can run. `swiftrl reproduce --list` shows it.
    var unavailableReason: String? { get }
}

extension Reproduction {
    /// Available by default.
    public var unavailableReason: String? { nil }
}

/// What a reproduction is asked to do: budget, seeds and where to write.
public struct ReproductionContext: Sendable {
    /// `--quick`: the reduced budget (≤ 5 minutes); otherwise the full budget (≤ 1 hour).
    public var quick: Bool
    /// Seeds per configuration.
    public var seeds: Int
    /// Base seed; seed `i` of a configuration is `baseSeed + i`.
    public var baseSeed: UInt64
    /// The run directory (created by the caller): results, plots and per-run logs go here.
    public var directory: URL
    /// Progress lines for the user (the CLI prints them; tests silence them).
    public var log: @Sendable (String) -> Void

    /// A context; `log` defaults to silence.
    public init(
        quick: Bool, seeds: Int, baseSeed: UInt64 = 0, directory: URL, log: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.quick = quick
        self.seeds = seeds
        self.baseSeed = baseSeed
        self.directory = directory
        self.log = log
    }

    /// The seeds to run: `baseSeed, baseSeed + 1, …`.
    public var seedList: [UInt64] { (0..<UInt64(max(seeds, 0))).map { baseSeed + $0 } }
}
