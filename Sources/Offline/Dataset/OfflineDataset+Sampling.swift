extension OfflineDataset {
    /// A batch of transitions drawn uniformly with replacement.
    /// - Parameters:
    ///   - batchSize: the number of transitions.
    ///   - rng: the seeded generator (same seed, same batch).
    /// - Complexity: O(batchSize · row size).
    public func sample(batchSize: Int, using rng: inout some RandomNumberGenerator) -> TransitionBatch {
        let n = count
        let indices = (0..<max(0, batchSize)).map { _ in rng.int(below: n) }
        return batch(at: indices)
    }

    /// A batch of transitions drawn with replacement in proportion to `sampler`'s weights.
    /// - Complexity: O(batchSize · (log count + row size)).
    public func sample(
        batchSize: Int, weights sampler: WeightedSampler, using rng: inout some RandomNumberGenerator
    ) -> TransitionBatch {
        batch(at: (0..<max(0, batchSize)).map { _ in sampler.draw(using: &rng) })
    }

    /// The transitions at `indices` (each in `0..<count`).
    public func batch(at indices: [Int]) -> TransitionBatch {
        TransitionBatch(
            table: transitions, indices: indices, observationDimension: observationDimension,
            actionDimension: actionDimension)
    }
}

/// Draws indices with probability proportional to non-negative weights (cumulative sums + binary search).
public struct WeightedSampler: Sendable {
    /// Running sums of the weights.
    public let cumulative: [Double]

    /// Prepares sampling.
    /// - Parameter weights: one non-negative, finite weight per item, not all zero.
    /// - Throws: ``DatasetError`` for an empty list, negative/non-finite weights or an all-zero list.
    /// - Complexity: O(weights.count).
    public init(weights: [Double]) throws(DatasetError) {
        guard !weights.isEmpty else {
            throw DatasetError(.invalidArgument, "weighted sampling needs at least one weight")
        }
        var sums = [Double]()
        sums.reserveCapacity(weights.count)
        var total = 0.0
        for (index, weight) in weights.enumerated() {
            guard weight.isFinite, weight >= 0 else {
                throw DatasetError(.invalidArgument, "weight \(index) is \(weight); weights must be finite and ≥ 0")
            }
            total += weight
            sums.append(total)
        }
        guard total > 0 else { throw DatasetError(.invalidArgument, "all weights are zero; give some item weight > 0") }
        cumulative = sums
    }

    /// One index.
    /// - Complexity: O(log count).
    public func draw(using rng: inout some RandomNumberGenerator) -> Int {
        let target = rng.nextDouble() * (cumulative.last ?? 0)
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let mid = (low + high) / 2
            if cumulative[mid] > target { high = mid } else { low = mid + 1 }
        }
        return low
    }
}
