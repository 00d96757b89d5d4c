/// A mini-batch of transitions gathered from a ``TransitionTable``, row-major like the table.
public struct TransitionBatch: Sendable, Equatable {
    /// `count × observationDimension` states.
    public var observations: [Float]
    /// `count × actionDimension` actions.
    public var actions: [Float]
    /// `count` rewards.
    public var rewards: [Float]
    /// `count × observationDimension` next states.
    public var nextObservations: [Float]
    /// `count` values: 1 when the MDP terminated after the step, else 0 (multiply the bootstrap by 1 − terminal).
    public var terminals: [Float]
    /// `count` values: 1 when the episode was truncated after the step.
    public var timeouts: [Float]
    /// The transition indices the batch was gathered from.
    public var indices: [Int]

    /// The number of transitions.
    public var count: Int { indices.count }

    /// Gathers rows `indices` of `table`.
    /// - Complexity: O(count · (observationDimension + actionDimension)).
    public init(table: TransitionTable, indices: [Int], observationDimension: Int, actionDimension: Int) {
        self.indices = indices
        observations = []
        observations.reserveCapacity(indices.count * observationDimension)
        nextObservations = []
        nextObservations.reserveCapacity(indices.count * observationDimension)
        actions = []
        actions.reserveCapacity(indices.count * actionDimension)
        rewards = indices.map { table.rewards[$0] }
        terminals = indices.map { table.terminals[$0] ? 1 : 0 }
        timeouts = indices.map { table.timeouts[$0] ? 1 : 0 }
        for index in indices {
            let o = index * observationDimension
            observations.append(contentsOf: table.observations[o..<o + observationDimension])
            nextObservations.append(contentsOf: table.nextObservations[o..<o + observationDimension])
            let a = index * actionDimension
            actions.append(contentsOf: table.actions[a..<a + actionDimension])
        }
    }
}
