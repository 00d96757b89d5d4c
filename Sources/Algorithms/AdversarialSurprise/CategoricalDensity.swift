/// The episodic density model p_θ of Adversarial Surprise (Fickinger et al. 2021, arXiv:2107.07394): a factorised
/// categorical distribution over discrete observation features, fitted by counting the observations added since the
/// last ``reset()``.
///
/// `θ_{f,c} = n_{f,c} / n` (the uniform `1/K` before the first observation), floored at ``floor`` before the log,
/// and `log p_θ(o) = Σ_f log θ_{f, o_f}`. This is the authors' `CategoricalBuffer` (`buffers.py`, the default
/// `--buffer cat` of `run_minigrid.py`), whose floor is 1e-3. Surprise is `−log p_θ(o)`.
public struct CategoricalDensity: Sendable, Equatable {
    /// Number of features per observation.
    public let features: Int
    /// K, the number of classes each feature can take (values `0..<K`).
    public let classes: Int
    /// The floor on θ before the log (the authors' clip threshold), default 1e-3.
    public let floor: Double
    /// n_{f,c} at `f · classes + c`.
    public private(set) var counts: [Int]
    /// n, the number of observations added since the last reset.
    public private(set) var size = 0

    /// An empty model.
    /// - Throws: ``SurpriseError/invalidConfiguration(_:)`` unless features ≥ 1, classes ≥ 2 and floor in (0, 1).
    public init(features: Int, classes: Int, floor: Double = 1e-3) throws(SurpriseError) {
        guard features >= 1 else { throw .invalidConfiguration("density features must be ≥ 1, got \(features)") }
        guard classes >= 2 else { throw .invalidConfiguration("density classes must be ≥ 2, got \(classes)") }
        guard floor > 0, floor < 1 else {
            throw .invalidConfiguration("density floor must be in (0, 1), got \(floor)")
        }
        self.features = features
        self.classes = classes
        self.floor = floor
        counts = Array(repeating: 0, count: features * classes)
    }

    /// θ_{f,c}: the fitted probability that feature `f` takes class `c` (before the floor).
    public func theta(feature f: Int, value c: Int) -> Double {
        size == 0 ? 1 / Double(classes) : Double(counts[f * classes + c]) / Double(size)
    }

    /// log p_θ(o) = Σ_f log max(θ_{f, o_f}, floor).
    /// - Precondition: `observation` has ``features`` values in `0..<classes` (see ``classify(_:)``).
    public func logProbability(_ observation: [Int]) -> Double {
        var total = 0.0
        for (f, c) in observation.enumerated() { total += Double.log(Swift.max(theta(feature: f, value: c), floor)) }
        return total
    }

    /// −log p_θ(o).
    public func surprise(_ observation: [Int]) -> Double { -logProbability(observation) }

    /// Adds one observation to the counts.
    public mutating func add(_ observation: [Int]) {
        for (f, c) in observation.enumerated() { counts[f * classes + c] += 1 }
        size += 1
    }

    /// Forgets every observation (done at the start of each episode).
    public mutating func reset() {
        counts = Array(repeating: 0, count: features * classes)
        size = 0
    }

    /// An environment's float observation as class indices, checking the shape and range.
    /// - Throws: ``SurpriseError/invalidObservation(_:)`` naming the bad feature.
    public func classify(_ observation: [Float]) throws(SurpriseError) -> [Int] {
        guard observation.count == features else {
            throw .invalidObservation("expected \(features) features, got \(observation.count)")
        }
        var out = [Int](repeating: 0, count: features)
        for (f, value) in observation.enumerated() {
            let c = Int(value)
            guard Float(c) == value, c >= 0, c < classes else {
                throw .invalidObservation("feature \(f) is \(value); it must be an integer in 0..<\(classes)")
            }
            out[f] = c
        }
        return out
    }
}

/// Errors of the Adversarial Surprise components.
public enum SurpriseError: Error, Equatable, CustomStringConvertible {
    /// A hyper-parameter is out of range; the message names it.
    case invalidConfiguration(String)
    /// An observation does not fit the density model.
    case invalidObservation(String)

    public var description: String {
        switch self {
        case .invalidConfiguration(let reason): "invalid Adversarial Surprise configuration: \(reason)"
        case .invalidObservation(let reason): "observation does not fit the categorical density model: \(reason)"
        }
    }
}
