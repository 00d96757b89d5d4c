import Foundation
import Tensor

/// Running mean and variance (Chan et al. parallel update, as Gymnasium's `RunningMeanStd`), starting from
/// mean 0, variance 1 and a pseudo-count `epsilon` (1e-4). Codable so normalisation statistics can be saved.
public struct RunningMeanStd: Codable, Equatable, Sendable {
    /// Per-entry mean.
    public var mean: [Double]
    /// Per-entry variance.
    public var variance: [Double]
    /// The (pseudo-)count of samples seen.
    public var count: Double

    /// Creates statistics for vectors of `size` entries.
    public init(size: Int, epsilon: Double = 1e-4) {
        mean = Array(repeating: 0, count: size)
        variance = Array(repeating: 1, count: size)
        count = epsilon
    }

    /// Folds in one sample (a batch of one: batch variance 0).
    public mutating func update(_ sample: [Double]) {
        update(batchMean: sample, batchVariance: Array(repeating: 0, count: sample.count), batchCount: 1)
    }

    /// Folds in a batch given its moments.
    public mutating func update(batchMean: [Double], batchVariance: [Double], batchCount: Double) {
        let total = count + batchCount
        for index in mean.indices {
            let delta = batchMean[index] - mean[index]
            let newMean = mean[index] + delta * batchCount / total
            let m2 =
                variance[index] * count + batchVariance[index] * batchCount + delta * delta * count * batchCount / total
            mean[index] = newMean
            variance[index] = m2 / total
        }
        count = total
    }
}

extension RunningMeanStd {
    private enum CodingKeys: String, CodingKey { case mean, variance, count }

    /// Decodes saved statistics, checking that `mean` and `variance` have the same length (they come from files).
    /// - Throws: `DecodingError.dataCorrupted` naming the field otherwise.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        mean = try container.decode([Double].self, forKey: .mean)
        variance = try container.decode([Double].self, forKey: .variance)
        count = try container.decode(Double.self, forKey: .count)
        guard mean.count == variance.count else {
            throw DecodingError.dataCorruptedError(
                forKey: .variance, in: container,
                debugDescription: "has \(variance.count) entries but `mean` has \(mean.count); expected equal lengths")
        }
    }

    /// Writes the statistics as JSON (`{"mean": […], "variance": […], "count": …}`), atomically.
    /// - Throws: `FileIOError` when the file cannot be written.
    public func save(to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try AtomicFile.write(try encoder.encode(self), to: url)
    }

    /// Reads statistics written by ``save(to:)``.
    /// - Throws: ``EnvironmentError/invalidOption(_:)`` naming the file when it is missing or malformed.
    public static func load(from url: URL) throws(EnvironmentError) -> RunningMeanStd {
        do {
            let statistics = try JSONDecoder().decode(RunningMeanStd.self, from: Data(contentsOf: url))
            guard statistics.mean.count == statistics.variance.count else {
                throw EnvironmentError.invalidOption("\(url.path): mean and variance have different lengths")
            }
            return statistics
        } catch let error as EnvironmentError {
            throw error
        } catch {
            throw .invalidOption("\(url.path): cannot read normalisation statistics (\(error.localizedDescription))")
        }
    }
}
