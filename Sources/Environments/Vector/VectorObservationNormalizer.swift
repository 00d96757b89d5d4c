/// Observation normalisation for vector environments, like Gymnasium's `wrappers.vector.NormalizeObservation`:
/// each batch `(count, size)` updates running statistics with its mean and variance (unless frozen), and rows are
/// mapped to `(x − mean) / √(var + ε)`. The statistics are a saveable ``RunningMeanStd``.
public struct VectorObservationNormalizer: Equatable, Sendable {
    /// Running statistics per observation entry.
    public var statistics: RunningMeanStd
    /// Whether batches update the statistics.
    public var updatesStatistics = true
    /// ε under the square root.
    public let epsilon: Double

    /// Creates a normaliser for observations of `size` floats.
    public init(size: Int, epsilon: Double = 1e-8) {
        statistics = RunningMeanStd(size: size)
        self.epsilon = max(epsilon, .leastNonzeroMagnitude)
    }

    /// Updates the statistics with `observations` (row-major `(rows, size)`) and returns them normalised.
    /// - Throws: ``EnvironmentError/spaceMismatch(_:)`` when the count is not a multiple of the size.
    public mutating func callAsFunction(_ observations: [Float]) throws(EnvironmentError) -> [Float] {
        let size = statistics.mean.count
        guard size > 0, observations.count % size == 0 else {
            throw .spaceMismatch(
                "normaliser: \(observations.count) floats is not a multiple of the observation size \(size)")
        }
        let rows = observations.count / size
        if updatesStatistics, rows > 0 {
            var mean = [Double](repeating: 0, count: size), variance = [Double](repeating: 0, count: size)
            for row in 0..<rows { for index in 0..<size { mean[index] += Double(observations[row * size + index]) } }
            for index in 0..<size { mean[index] /= Double(rows) }
            for row in 0..<rows {
                for index in 0..<size {
                    let delta = Double(observations[row * size + index]) - mean[index]
                    variance[index] += delta * delta
                }
            }
            for index in 0..<size { variance[index] /= Double(rows) }
            statistics.update(batchMean: mean, batchVariance: variance, batchCount: Double(rows))
        }
        var result = observations
        for index in 0..<size {
            let mean = statistics.mean[index], scale = 1 / (statistics.variance[index] + epsilon).squareRoot()
            for row in 0..<rows {
                result[row * size + index] = Float((Double(observations[row * size + index]) - mean) * scale)
            }
        }
        return result
    }
}
