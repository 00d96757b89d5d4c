import Environments
import Offline

/// The scale of an observation-histories run (Hong, Dragan & Levine 2024 on a noisy corridor, minutes on 2 cores).
public struct ObservationHistoriesBudget: Sendable {
    /// Corridor cells (the registered `NoisyCorridor-v0`: 10).
    public var corridorLength = 10
    /// Probability the shown cell is drawn uniformly (`NoisyCorridor-v0`: 0.2).
    public var noise = 0.2
    /// Distractor bits (`NoisyCorridor-v0`: 4).
    public var distractors = 4
    /// k, steps per history window.
    public var historyLength = 4
    /// Dataset sizes judged and reported: (label, approach/finish episodes per family, random episodes).
    public var sizes: [DatasetSize]
    /// Gradient steps per run.
    public var steps: Int
    /// Gradient steps between evaluations (the curves).
    public var evaluateEvery: Int
    /// Evaluation episodes (deterministic policy, noisy corridor).
    public var evaluationEpisodes: Int
    /// The learner's shared settings.
    public var shared: DiscreteQSettings
    /// CQL's α (Schweighofer et al.'s discrete CQL default 0.1).
    public var alpha = 0.1
    /// Batch size.
    public var batchSize = 64
    /// GRU units of φ (digest §5: 32).
    public var encoderWidth = 32
    /// c_bisim of the bisimulation arm (digest §5: 1).
    public var bisimulationWeight = 1.0

    /// One dataset size.
    public struct DatasetSize: Sendable, Equatable {
        /// Label (`small`, `large`).
        public var label: String
        /// Approach and finish episodes each.
        public var perFamily: Int
        /// Random-walk episodes.
        public var random: Int

        /// A size.
        public init(label: String, perFamily: Int, random: Int) {
            self.label = label
            self.perFamily = perFamily
            self.random = random
        }
    }

    /// A budget.
    public init(
        sizes: [DatasetSize], steps: Int, evaluateEvery: Int, evaluationEpisodes: Int, shared: DiscreteQSettings
    ) {
        self.sizes = sizes
        self.steps = steps
        self.evaluateEvery = evaluateEvery
        self.evaluationEpisodes = evaluationEpisodes
        self.shared = shared
    }

    /// Full: small (8 + 8 + 4 episodes) and large (40 + 40 + 20) datasets, 3,000 steps, evaluation every 500 steps
    /// over 20 episodes; quick: small only, 1,500 steps. Both: CQL-discrete with 64-64 ELU networks, Adam 1e-3,
    /// γ 0.95, target every 100 updates, batch 64.
    public static func standard(quick: Bool) -> ObservationHistoriesBudget {
        var shared = DiscreteQSettings()
        shared.hiddenSizes = [64, 64]
        shared.learningRate = 1e-3
        shared.gamma = 0.95
        let small = DatasetSize(label: "small", perFamily: 8, random: 4)
        let large = DatasetSize(label: "large", perFamily: 40, random: 20)
        return quick
            ? ObservationHistoriesBudget(
                sizes: [small], steps: 1_500, evaluateEvery: 500, evaluationEpisodes: 20,
                shared: shared)
            : ObservationHistoriesBudget(
                sizes: [small, large], steps: 3_000, evaluateEvery: 500, evaluationEpisodes: 20,
                shared: shared)
    }

    /// The corridor the datasets are recorded in (the registered ids use the defaults).
    /// - Throws: `EnvironmentError` for invalid settings.
    public func corridor() throws -> NoisyCorridor {
        try NoisyCorridor(length: corridorLength, noise: noise, distractors: distractors)
    }

    /// One line for the report.
    public var summary: String {
        "corridor \(corridorLength) cells, noise \(noise), \(distractors) distractor bits; "
            + "k = \(historyLength); CQL-discrete α \(alpha), \(shared.hiddenSizes) ELU, Adam "
            + "\(shared.learningRate), batch \(batchSize), \(steps) steps; GRU \(encoderWidth); c_bisim "
            + "\(bisimulationWeight); \(evaluationEpisodes) evaluation episodes; datasets "
            + sizes.map { "\($0.label) \($0.perFamily)+\($0.perFamily)+\($0.random)" }.joined(separator: ", ")
    }
}

/// The three agents compared.
public enum ObservationHistoriesArm: String, CaseIterable, Sendable, Codable {
    /// CQL on the true cell (`NoisyCorridorState-v0`), no history.
    case oracle = "oracle-state"
    /// CQL on GRU-encoded history windows, no auxiliary loss.
    case history = "history"
    /// The same + c_bisim · J(φ).
    case bisimulation = "history+bisim"
}
