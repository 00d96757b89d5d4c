import Algorithms
import Environments
import Foundation
import RLCore
import Tensor

/// A behaviour policy that records datasets: actions in environment units for a batch of raw observations.
///
/// Conformers: ``RandomPolicy`` (uniform over the action box), ``AlgorithmPolicy`` (a trained SwiftRL algorithm
/// loaded from a run directory or checkpoint) and ``WaypointExpert`` (a scripted planner for point mazes).
public protocol CollectionPolicy {
    /// A short description stored in the dataset metadata (`random`, `sac@5000`, `waypoint-expert`).
    var name: String { get }
    /// Actions for `count` observation rows.
    /// - Parameters:
    ///   - observations: `count × observationDimension` raw observations, row-major.
    ///   - count: rows.
    ///   - rng: the collector's seeded stream (policies that sample draw from it).
    /// - Returns: `count × actionDimension` actions in environment units.
    func actions(observations: [Float], count: Int, using rng: inout Xoshiro256StarStar) -> [Float]
}

/// Uniformly random actions over a bounded action box (D4RL's "random" datasets).
public struct RandomPolicy: CollectionPolicy {
    /// The action box.
    public let space: BoxSpace

    /// A random policy over `space`.
    /// - Throws: ``CollectionError`` when the box is unbounded (no uniform distribution).
    public init(space: BoxSpace) throws(CollectionError) {
        guard space.isBounded else {
            throw CollectionError("the action space \(space.low)…\(space.high) is unbounded; a random policy needs bounds")
        }
        self.space = space
    }

    public var name: String { "random" }

    public func actions(observations: [Float], count: Int, using rng: inout Xoshiro256StarStar) -> [Float] {
        var out = [Float]()
        out.reserveCapacity(count * space.count)
        for _ in 0..<count {
            for j in 0..<space.count {
                out.append(Float(space.low[j] + rng.nextDouble() * (space.high[j] - space.low[j])))
            }
        }
        return out
    }
}

/// Uniformly random indices of a Discrete action space (the "random" behaviour of discrete datasets).
public struct RandomDiscretePolicy: CollectionPolicy {
    /// n, the number of actions.
    public let count: Int

    /// A random policy over `0..<count`.
    public init(count: Int) { self.count = max(count, 1) }

    public var name: String { "random" }

    public func actions(observations: [Float], count rows: Int, using rng: inout Xoshiro256StarStar) -> [Float] {
        (0..<rows).map { _ in Float(rng.int(below: count)) }
    }
}

/// A trained SwiftRL algorithm (SAC, TD3, PPO, …) acting through its own `predict`.
public struct AlgorithmPolicy: CollectionPolicy {
    /// The algorithm.
    public let algorithm: any Algorithm
    /// Use the distribution's mode (`true`) or sample from it (`false`, D4RL's SAC datasets sample).
    public let deterministic: Bool
    public let name: String

    /// Wraps `algorithm`.
    public init(_ algorithm: any Algorithm, deterministic: Bool = true, name: String? = nil) {
        self.algorithm = algorithm
        self.deterministic = deterministic
        self.name = name ?? "\(type(of: algorithm).name)@\(algorithm.stepCount)"
    }

    /// Loads the newest checkpoint of a run directory (or a checkpoint file) through ``AlgorithmRegistry``.
    /// - Throws: ``CollectionError`` naming the path when it holds no loadable checkpoint.
    public init(loading url: URL, deterministic: Bool = true) throws(CollectionError) {
        do {
            let algorithm = try AlgorithmRegistry.load(from: url)
            self.init(algorithm, deterministic: deterministic, name: "\(type(of: algorithm).name)@\(algorithm.stepCount)")
        } catch {
            throw CollectionError(
                "\(url.path): cannot load a policy (\(error)); pass a run directory written by `swiftrl train` or a "
                    + "checkpoint .safetensors/.json")
        }
    }

    public func actions(observations: [Float], count: Int, using rng: inout Xoshiro256StarStar) -> [Float] {
        algorithm.predict(observations: observations, count: count, deterministic: deterministic)
    }
}
