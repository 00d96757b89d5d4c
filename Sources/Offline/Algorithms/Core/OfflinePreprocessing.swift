import Environments

/// The map between environment units and the learner units every ``OfflineAlgorithm`` sees: states normalised
/// with the dataset's statistics (TD3+BC §5 / PRDC: `(s − μ)/(σ + 10⁻³)`), actions mapped affinely from the
/// action box to [−1, 1] (clipped), rewards through the algorithm's ``RewardTransform``.
public struct OfflinePreprocessing: Codable, Equatable, Sendable {
    /// State statistics, or nil when states are used as they are.
    public var states: NormalizationStatistics?
    /// Lower bounds of the action box (environment units).
    public var actionLow: [Float]
    /// Upper bounds of the action box.
    public var actionHigh: [Float]
    /// Applied to dataset rewards.
    public var reward: RewardTransform
    /// n of a Discrete action space: actions are indices and pass through unchanged; nil for a Box.
    public var discreteActionCount: Int? = nil

    /// Preprocessing from its parts.
    /// - Throws: ``OfflineAlgorithmError`` when the bounds have different lengths or an empty/inverted interval.
    public init(states: NormalizationStatistics?, actionLow: [Float], actionHigh: [Float], reward: RewardTransform)
        throws(OfflineAlgorithmError)
    {
        guard actionLow.count == actionHigh.count, !actionLow.isEmpty else {
            throw OfflineAlgorithmError(
                "action bounds have \(actionLow.count) and \(actionHigh.count) entries; give one low/high per action")
        }
        for (j, (lo, hi)) in zip(actionLow, actionHigh).enumerated() where !(lo < hi) || !lo.isFinite || !hi.isFinite {
            throw OfflineAlgorithmError(
                "action dimension \(j) has bounds [\(lo), \(hi)]; offline algorithms need a finite box with low < high")
        }
        self.states = states
        self.actionLow = actionLow
        self.actionHigh = actionHigh
        self.reward = reward
    }

    /// Preprocessing for `dataset` acting in `actionSpace`.
    /// - Parameters:
    ///   - normalizeStates: compute state statistics (the papers' default) or keep raw states.
    ///   - epsilon: added to σ (10⁻³ in TD3+BC and PRDC).
    /// - Throws: ``OfflineAlgorithmError`` when the space is neither a Box of the dataset's action size nor a
    ///   Discrete space whose indices the dataset's (one-entry) actions are.
    public init(
        dataset: OfflineDataset, actionSpace: Space, normalizeStates: Bool, epsilon: Float = 1e-3,
        reward: RewardTransform = .identity
    ) throws(OfflineAlgorithmError) {
        if case let .discrete(discrete) = actionSpace {
            try Self.checkDiscrete(dataset, count: discrete.n)
            try self.init(
                states: normalizeStates ? dataset.observationStatistics(epsilon: epsilon) : nil,
                actionLow: [0], actionHigh: [Float(max(discrete.n - 1, 1))], reward: reward)
            discreteActionCount = discrete.n
            return
        }
        guard case let .box(box) = actionSpace else {
            throw OfflineAlgorithmError("offline algorithms need a Box or Discrete action space, got \(actionSpace)")
        }
        guard box.count == dataset.actionDimension else {
            throw OfflineAlgorithmError(
                "the environment's action space has \(box.count) entries but the dataset's actions have "
                    + "\(dataset.actionDimension); use the environment the dataset was recorded in")
        }
        try self.init(
            states: normalizeStates ? dataset.observationStatistics(epsilon: epsilon) : nil,
            actionLow: box.low.map(Float.init), actionHigh: box.high.map(Float.init), reward: reward)
    }

    /// Normalised states for raw rows.
    public func normalize(observations: [Float]) -> [Float] {
        guard let states else { return observations }
        let d = states.mean.count
        var out = observations
        for i in out.indices {
            let j = i % d
            out[i] = (out[i] - states.mean[j]) / (states.standardDeviation[j] + states.epsilon)
        }
        return out
    }

    /// Checks that every action of `dataset` is one index in `0..<count`.
    static func checkDiscrete(_ dataset: OfflineDataset, count: Int) throws(OfflineAlgorithmError) {
        guard dataset.actionDimension == 1 else {
            throw OfflineAlgorithmError(
                "the environment has Discrete(\(count)) actions but the dataset's actions have "
                    + "\(dataset.actionDimension) entries; store one action index per step")
        }
        for (i, a) in dataset.transitions.actions.enumerated() where a != a.rounded() || a < 0 || Int(a) >= count {
            throw OfflineAlgorithmError(
                "transition \(i): action \(a) is not an index in 0..<\(count); use the environment the dataset was "
                    + "recorded in")
        }
    }

    /// Environment actions → [−1, 1] (clipped); discrete indices unchanged.
    public func toLearner(actions: [Float]) -> [Float] {
        if discreteActionCount != nil { return actions }
        let w = actionLow.count
        var out = actions
        for i in out.indices {
            let j = i % w
            let a = 2 * (out[i] - actionLow[j]) / (actionHigh[j] - actionLow[j]) - 1
            out[i] = Swift.min(Swift.max(a, -1), 1)
        }
        return out
    }

    /// [−1, 1] → environment actions (clipped to the box first); discrete indices unchanged.
    public func toEnvironment(actions: [Float]) -> [Float] {
        if discreteActionCount != nil { return actions }
        let w = actionLow.count
        var out = actions
        for i in out.indices {
            let j = i % w
            let a = Swift.min(Swift.max(out[i], -1), 1)
            out[i] = actionLow[j] + (a + 1) * 0.5 * (actionHigh[j] - actionLow[j])
        }
        return out
    }

    /// `dataset` in learner units (every episode's states, actions and rewards transformed).
    /// - Throws: ``DatasetError`` if the transformed data is invalid (it is not for a valid dataset).
    /// - Complexity: O(total entries).
    public func apply(to dataset: OfflineDataset) throws(DatasetError) -> OfflineDataset {
        let episodes = dataset.episodes.map { e in
            OfflineEpisode(
                observations: normalize(observations: e.observations), actions: toLearner(actions: e.actions),
                rewards: e.rewards.map { reward.scale * $0 + reward.shift }, terminations: e.terminations,
                truncations: e.truncations)
        }
        return try OfflineDataset(
            episodes: episodes, observationDimension: dataset.observationDimension,
            actionDimension: dataset.actionDimension)
    }
}
