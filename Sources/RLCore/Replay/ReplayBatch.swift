/// A sampled mini-batch, row-major, ready to become tensors: `B` rows of each field.
public struct ReplayBatch: Sendable {
    /// Number of rows `B`.
    public var size: Int
    /// s, `B × observationSize`.
    public var observations: [Float]
    /// a, `B × actionSize`.
    public var actions: [Float]
    /// r (or n-step discounted sums), `B`.
    public var rewards: [Float]
    /// s', `B × observationSize`.
    public var nextObservations: [Float]
    /// 1 where s' is terminal, else 0, `B`.
    public var terminated: [Float]
    /// γᵏ per row, `B`.
    public var discounts: [Float]
    /// Importance-sampling weights w_i (all 1 for uniform sampling), `B`.
    public var weights: [Float]
    /// Storage slots of the rows (pass them back to ``ReplayBuffer/updatePriorities(slots:tdErrors:)``).
    public var slots: [Int]

    /// The actions as integer indices (discrete action spaces store the index as one float).
    public var discreteActions: [Int] { actions.map { Int($0.rounded()) } }

    /// `discount · (1 − terminated)` per row: the factor on the bootstrap value in the TD target.
    public var bootstrapFactors: [Float] { zip(discounts, terminated).map { $0 * (1 - $1) } }
}
