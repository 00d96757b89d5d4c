import Offline
import Tensor

/// The scale of a dataset-perspective run (Schweighofer et al. 2022 scaled to minutes on 2 cores).
public struct DatasetPerspectiveBudget: Sendable {
    /// The environment (the study's CartPole-v1, γ 0.95).
    public var environmentID = "CartPole-v1"
    /// Online DQN steps (the study: 100,000; the RL Zoo CartPole preset trains 50,000).
    public var onlineSteps: Int
    /// Transitions per dataset (the study: as many as the online run).
    public var transitions: Int
    /// Gradient steps per offline run (the study: 5 × the transitions, 500,000).
    public var offlineSteps: Int
    /// Evaluation episodes of the final policy (the study: 10).
    public var evaluationEpisodes: Int
    /// Epochs of the BC policy behind the entropy measure (the study: 10).
    public var entropyEpochs: Int
    /// The learners' shared settings: the study's γ 0.95, target every 100, Huber; networks and learning rate
    /// scaled down (see ``standard(quick:)``).
    public var shared: DiscreteQSettings
    /// Batch size (the study: 128).
    public var batchSize = 128
    /// The offline algorithms by registry name.
    public var algorithms: [String]

    /// A budget.
    public init(
        onlineSteps: Int, transitions: Int, offlineSteps: Int, evaluationEpisodes: Int, entropyEpochs: Int,
        shared: DiscreteQSettings, algorithms: [String] = DatasetPerspectiveBudget.allAlgorithms
    ) {
        self.onlineSteps = onlineSteps
        self.transitions = transitions
        self.offlineSteps = offlineSteps
        self.evaluationEpisodes = evaluationEpisodes
        self.entropyEpochs = entropyEpochs
        self.shared = shared
        self.algorithms = algorithms
    }

    /// The nine algorithms in the study's order.
    public static let allAlgorithms = OfflineAlgorithmRegistry.discrete.map { $0.name }

    /// Full: online DQN 20k steps, 10k transitions per dataset, 2,000 offline steps per run, 5 evaluation episodes
    /// (CPU ≈ 8 min in release); quick: 12k online steps, 4k transitions, 800 offline steps. Both: 64-64 networks
    /// (the study: 3 × 256 SELU) and Adam 1e-3 (the study: 1e-4 over ≈ 250× more steps), batch 128, γ 0.95, target
    /// snapped every 100 updates.
    public static func standard(quick: Bool) -> DatasetPerspectiveBudget {
        var shared = DiscreteQSettings()
        shared.hiddenSizes = [64, 64]
        shared.learningRate = 1e-3
        shared.gamma = 0.95
        return quick
            ? DatasetPerspectiveBudget(
                onlineSteps: 12_000, transitions: 4_000, offlineSteps: 800, evaluationEpisodes: 5, entropyEpochs: 2,
                shared: shared)
            : DatasetPerspectiveBudget(
                onlineSteps: 20_000, transitions: 10_000, offlineSteps: 2_000, evaluationEpisodes: 5,
                entropyEpochs: 3, shared: shared)
    }

    /// One line for the report.
    public var summary: String {
        "\(environmentID): online DQN \(onlineSteps) steps, \(transitions) transitions per dataset, \(offlineSteps) "
            + "offline steps (batch \(batchSize), \(shared.hiddenSizes.map(String.init).joined(separator: "-")) "
            + "\(shared.activation.rawValue), Adam \(shared.learningRate), γ \(shared.gamma), target every "
            + "\(shared.targetUpdateInterval)), \(evaluationEpisodes) evaluation episodes"
    }
}
