import Foundation

extension ReplayBuffer {
    /// Draws `batchSize` transitions with replacement: uniformly, or proportionally to priority with stratified
    /// segments (one draw in each of `batchSize` equal slices of the total priority, as in Schaul et al. 2016).
    /// - Parameters:
    ///   - batchSize: rows `B`.
    ///   - step: the training step, for β annealing under prioritized sampling.
    ///   - rng: the generator (the buffer keeps no randomness of its own).
    /// - Throws: ``ReplayBufferError/shapeMismatch(_:)`` when the buffer is empty or `batchSize` ≤ 0.
    /// - Complexity: O(B·(observationSize + actionSize)), plus O(B log capacity) when prioritized.
    public func sample<G: RandomNumberGenerator>(batchSize: Int, step: Int = 0,
                                                 using rng: inout G) throws(ReplayBufferError) -> ReplayBatch {
        guard count > 0 else { throw .shapeMismatch("sample: the buffer is empty; add transitions first") }
        guard batchSize > 0 else { throw .shapeMismatch("sample: batchSize must be positive, got \(batchSize)") }
        var slots = [Int](repeating: 0, count: batchSize)
        var weights = [Float](repeating: 1, count: batchSize)
        if let priorities, priorities.total > 0 {
            let total = priorities.total
            let segment = total / Double(batchSize)
            let beta = sampling.beta(at: step)
            let n = Double(count)
            let maxWeight = pow(n * priorities.minimum / total, -beta)
            for row in 0..<batchSize {
                let target = (Double(row) + rng.nextDouble()) * segment
                var slot = priorities.find(prefix: min(target, total * (1 - 1e-12)))
                if slot >= count || priorities[slot] <= 0 { slot = rng.int(below: count) }
                slots[row] = slot
                let probability = priorities[slot] / total
                weights[row] = Float(pow(n * probability, -beta) / maxWeight)
            }
        } else {
            for row in 0..<batchSize { slots[row] = rng.int(below: count) }
        }
        return gather(slots: slots, weights: weights)
    }

    /// The transitions in `slots` as a batch with the given weights (all 1 by default).
    /// - Precondition: every slot is in `0..<count`.
    public func gather(slots: [Int], weights: [Float]? = nil) -> ReplayBatch {
        let b = slots.count, os = observationSize, asz = actionSize
        var batch = ReplayBatch(
            size: b, observations: [Float](repeating: 0, count: b * os), actions: [Float](repeating: 0, count: b * asz),
            rewards: [Float](repeating: 0, count: b), nextObservations: [Float](repeating: 0, count: b * os),
            terminated: [Float](repeating: 0, count: b), discounts: [Float](repeating: 0, count: b),
            weights: weights ?? [Float](repeating: 1, count: b), slots: slots)
        observations.withUnsafeBufferPointer { obs in
            nextObservations.withUnsafeBufferPointer { next in
                batch.observations.withUnsafeMutableBufferPointer { outObs in
                    batch.nextObservations.withUnsafeMutableBufferPointer { outNext in
                        for (row, slot) in slots.enumerated() {
                            precondition(slot >= 0 && slot < count, "gather: slot \(slot) outside 0..<\(count)")
                            for j in 0..<os {
                                outObs[row * os + j] = obs[slot * os + j]
                                outNext[row * os + j] = next[slot * os + j]
                            }
                        }
                    }
                }
            }
        }
        for (row, slot) in slots.enumerated() {
            for j in 0..<asz { batch.actions[row * asz + j] = actions[slot * asz + j] }
            batch.rewards[row] = rewards[slot]
            batch.terminated[row] = terminated[slot]
            batch.discounts[row] = discounts[slot]
        }
        return batch
    }

    /// Sets the priorities of sampled transitions from their TD errors: p_i = (|δ_i| + ε)ᵅ. No-op for uniform
    /// sampling.
    /// - Parameters:
    ///   - slots: ``ReplayBatch/slots`` of the batch.
    ///   - tdErrors: δ_i, one per slot.
    /// - Throws: ``ReplayBufferError/shapeMismatch(_:)`` when the counts differ or a slot is out of range.
    /// - Complexity: O(B log capacity).
    public mutating func updatePriorities(slots: [Int], tdErrors: [Float]) throws(ReplayBufferError) {
        guard case let .prioritized(alpha, _, _, epsilon) = sampling, priorities != nil else { return }
        guard slots.count == tdErrors.count else {
            throw .shapeMismatch("updatePriorities: \(slots.count) slots but \(tdErrors.count) TD errors")
        }
        for (slot, error) in zip(slots, tdErrors) {
            guard slot >= 0 && slot < count else {
                throw .shapeMismatch("updatePriorities: slot \(slot) outside 0..<\(count)")
            }
            let magnitude = Double(error).isFinite ? Swift.abs(Double(error)) : 0
            let priority = pow(magnitude + epsilon, alpha)
            priorities?.update(slot, priority: priority)
            maxPriority = Swift.max(maxPriority, priority)
        }
    }

    /// The sampling probability P(i) of the transition in `slot` (1/count for uniform sampling).
    public func probability(ofSlot slot: Int) -> Double {
        guard let priorities, priorities.total > 0 else { return 1 / Double(Swift.max(count, 1)) }
        return priorities[slot] / priorities.total
    }
}
