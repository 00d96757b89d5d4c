/// How a discrete Q-learner (``OfflineDQN``, ``DiscreteCQL``) represents its input: as it is (the default), or
/// through a GRU history encoder φ, optionally trained with the bisimulation loss of Hong, Dragan & Levine 2024
/// (§5): L = L_offlineRL(Q ∘ φ) + c_bisim · J(φ).
///
/// Select it with `--set representation.encoderWidth=32 --set representation.bisimulationWeight=1` (and
/// `--set trainer.historyLength=4` for windows of the last 4 steps).
public struct HistoryRepresentationConfig: Codable, Equatable, Sendable {
    /// Which reward the bisimulation target |r_i − r_j| compares.
    public enum RewardSource: String, Codable, Sendable, CaseIterable {
        /// The learned reward head r̂(φ(h), a) (Hong et al.'s reward model; default).
        case model
        /// The dataset's rewards (DBC's code).
        case dataset
    }

    /// GRU hidden units of φ (0: no encoder; the Q-network reads the observation). Reproduction: 32.
    public var encoderWidth = 0
    /// c_bisim, the weight of J(φ) in the learner's loss (Hong et al. §5; reproduction 1). 0: no auxiliary loss —
    /// the reward head and latent dynamics still learn on sg(φ) so that J(φ) is reported as a diagnostic.
    public var bisimulationWeight = 0.0
    /// Hidden units of the reward head and of the latent dynamics.
    public var modelWidth = 64
    /// The reward in the bisimulation target.
    public var reward = RewardSource.model

    /// No encoder, no auxiliary loss.
    public init() {}

    /// An encoder of `encoderWidth` units with bisimulation weight `bisimulationWeight`.
    public init(encoderWidth: Int, bisimulationWeight: Double = 0) {
        self.encoderWidth = encoderWidth
        self.bisimulationWeight = bisimulationWeight
    }

    /// Whether a history encoder is used.
    public var usesEncoder: Bool { encoderWidth > 0 }

    /// Checks every field.
    /// - Throws: ``OfflineAlgorithmError`` naming the field.
    public func validate(_ name: String) throws(OfflineAlgorithmError) {
        guard encoderWidth >= 0 else {
            throw OfflineAlgorithmError(
                "\(name).representation.encoderWidth must be ≥ 0 (0: no encoder), got \(encoderWidth)")
        }
        guard bisimulationWeight >= 0, bisimulationWeight.isFinite else {
            throw OfflineAlgorithmError(
                "\(name).representation.bisimulationWeight (c_bisim) must be ≥ 0, got \(bisimulationWeight)")
        }
        guard bisimulationWeight == 0 || usesEncoder else {
            throw OfflineAlgorithmError(
                "\(name).representation.bisimulationWeight needs an encoder; set representation.encoderWidth (e.g. 32)")
        }
        guard modelWidth > 0 else {
            throw OfflineAlgorithmError("\(name).representation.modelWidth must be positive, got \(modelWidth)")
        }
    }

    private enum CodingKeys: String, CodingKey { case encoderWidth, bisimulationWeight, modelWidth, reward }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = Self()
        encoderWidth = try c.decodeIfPresent(Int.self, forKey: .encoderWidth) ?? defaults.encoderWidth
        bisimulationWeight =
            try c.decodeIfPresent(Double.self, forKey: .bisimulationWeight) ?? defaults.bisimulationWeight
        modelWidth = try c.decodeIfPresent(Int.self, forKey: .modelWidth) ?? defaults.modelWidth
        reward = try c.decodeIfPresent(RewardSource.self, forKey: .reward) ?? defaults.reward
    }
}
