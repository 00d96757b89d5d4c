import Offline
import RLCore

/// The shared budget of the PRDC and A2PR reproductions: which datasets, how many gradient steps, network width
/// and evaluation schedule, for `--quick` (≤ 5 minutes on 2 cores) and the default (≤ 1 hour).
public struct OfflinePaperBudget: Sendable {
    /// Datasets of the main table.
    public var datasets: [OfflineDatasetSpec]
    /// Datasets of the PRDC β sweep.
    public var sweepDatasets: [OfflineDatasetSpec]
    /// β values of the sweep (PRDC §4: β trades nearest-action (β→0) for same-state (β→∞) constraints).
    public var betas: [Double]
    /// Gradient steps per run.
    public var steps: Int
    /// Hidden widths of every network.
    public var hidden: [Int]
    /// Trainer settings (batch 256, state normalisation, evaluation schedule).
    public var settings: OfflineTrainerSettings
    /// SAC steps of the Pendulum behaviour run.
    public var behaviourSteps: Int
    /// Human-readable budget for the report.
    public var summary: String

    /// A budget.
    public init(
        datasets: [OfflineDatasetSpec], sweepDatasets: [OfflineDatasetSpec], betas: [Double], steps: Int,
        hidden: [Int], settings: OfflineTrainerSettings, behaviourSteps: Int, summary: String
    ) {
        self.datasets = datasets
        self.sweepDatasets = sweepDatasets
        self.betas = betas
        self.steps = steps
        self.hidden = hidden
        self.settings = settings
        self.behaviourSteps = behaviourSteps
        self.summary = summary
    }

    /// The recipes of the issue: random, medium, medium-replay, medium-expert, 90 % random + 10 % expert.
    public static let recipes = ["random", "medium", "medium-replay", "medium-expert", "mix:random=0.9,expert=0.1"]

    /// The budget for `quick` or full runs.
    public static func standard(quick: Bool) -> OfflinePaperBudget {
        if quick {
            let datasets = ["random", "medium", "mix:random=0.9,expert=0.1"].map {
                OfflineDatasetSpec(environmentID: "PointMaze_UMaze-v3", recipe: $0, episodes: 60)
            }
            return OfflinePaperBudget(
                datasets: datasets, sweepDatasets: [datasets[2]], betas: [0.1, 2, 100], steps: 4_000, hidden: [64, 64],
                settings: OfflineTrainerSettings(
                    batchSize: 256, logEvery: 1_000, evaluation: EvaluationSettings(every: 500, episodes: 10)),
                behaviourSteps: 0,
                summary: "quick: U-maze only, 3 of the 5 datasets (random, medium, 90 % random + 10 % expert; 60 "
                    + "episodes each), 4k gradient steps, 64-64 networks, score = mean of the last 3 evaluations "
                    + "(every 500 steps, 10 episodes); β sweep {0.1, 2, 100} on the mixed set")
        }
        let datasets =
            recipes.map { OfflineDatasetSpec(environmentID: "PointMaze_UMaze-v3", recipe: $0, episodes: 100) }
            + recipes.map { OfflineDatasetSpec(environmentID: "PointMaze_Medium-v3", recipe: $0, episodes: 60) }
            + recipes.map { OfflineDatasetSpec(environmentID: "Pendulum-v1", recipe: $0, episodes: 100) }
        return OfflinePaperBudget(
            datasets: datasets,
            sweepDatasets: [datasets[4], datasets[14]], betas: [0.1, 0.5, 2, 10, 100], steps: 10_000, hidden: [64, 64],
            settings: OfflineTrainerSettings(
                batchSize: 256, logEvery: 1_000, evaluation: EvaluationSettings(every: 1_000, episodes: 10)),
            behaviourSteps: 6_000,
            summary: "full: U-maze, medium maze and Pendulum × 5 datasets (100/60/100 episodes; medium-expert "
                + "doubles), 10k gradient steps, 64-64 networks, score = mean of the last 3 evaluations (every "
                + "1k steps, 10 episodes); β sweep {0.1, 0.5, 2, 10, 100} on the two mixed sets (U-maze, Pendulum)")
    }
}
