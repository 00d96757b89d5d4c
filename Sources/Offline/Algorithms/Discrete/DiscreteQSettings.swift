import RLCore
import Tensor
import Tracking

/// The settings every discrete offline learner of the dataset-perspective study shares (Schweighofer et al.
/// 2022, §4 and the authors' `source/agents/*.py`): Adam at 1e-4, target networks snapped every 100 updates,
/// Huber TD loss, one MLP producing `actions × estimates` outputs.
public struct DiscreteQSettings: Codable, Equatable, Sendable {
    /// Adam learning rate (paper: 1e-4 for every algorithm).
    public var learningRate = 1e-4
    /// γ, the discount (paper: 0.95 for CartPole and the MiniGrid tasks, 0.99 for MountainCar and MinAtar).
    public var gamma = 0.95
    /// Updates between hard copies of the online network into the target (paper: 100).
    public var targetUpdateInterval = 100
    /// Hidden widths (paper code: three layers of 256 with SELU; SwiftRL has no SELU, ELU is the nearest).
    public var hiddenSizes = [256, 256, 256]
    /// Hidden activation (paper code: SELU; default ELU, see ``hiddenSizes``).
    public var activation = Activation.elu
    /// δ of the Huber loss (PyTorch `SmoothL1Loss`: 1).
    public var huberDelta = 1.0

    /// The paper's settings.
    public init() {}

    /// Checks every field.
    /// - Throws: ``OfflineAlgorithmError`` naming the field and the accepted range.
    public func validate(_ name: String) throws(OfflineAlgorithmError) {
        guard learningRate > 0, learningRate.isFinite else {
            throw OfflineAlgorithmError("\(name).shared.learningRate must be positive, got \(learningRate)")
        }
        guard (0...1).contains(gamma) else {
            throw OfflineAlgorithmError("\(name).shared.gamma must be in [0, 1], got \(gamma)")
        }
        guard targetUpdateInterval > 0 else {
            throw OfflineAlgorithmError(
                "\(name).shared.targetUpdateInterval must be positive, got \(targetUpdateInterval)")
        }
        guard hiddenSizes.allSatisfy({ $0 > 0 }) else {
            throw OfflineAlgorithmError("\(name).shared.hiddenSizes must be positive widths, got \(hiddenSizes)")
        }
        guard huberDelta > 0 else {
            throw OfflineAlgorithmError("\(name).shared.huberDelta must be positive, got \(huberDelta)")
        }
    }
}

/// The Q-network machinery the discrete learners share: an online network with `actions × estimates` outputs
/// (one per action, per quantile for QR-DQN, per head for REM), an optional target network snapped every
/// ``DiscreteQSettings/targetUpdateInterval`` updates, and the network's Adam optimizer.
public final class DiscreteQCore {
    /// The settings.
    public let settings: DiscreteQSettings
    /// n, the number of actions.
    public let actionCount: Int
    /// Outputs per action (1; quantiles; heads).
    public let estimates: Int
    /// The online network.
    public let q: MLP
    /// The target network (nil for learners without one: BVE, MCE, BC).
    public let target: MLP?
    /// Adam over ``q``.
    public let optimizer: Adam

    /// Builds the networks from the `"networks"` stream of `seed`.
    /// - Parameter inputs: the network's input size when it reads an encoder's latents (default: the observation).
    /// - Throws: ``OfflineAlgorithmError`` for a continuous problem or invalid settings.
    public init(
        _ name: String, settings: DiscreteQSettings, problem: OfflineProblem, estimates: Int = 1, withTarget: Bool,
        inputs: Int? = nil, using rng: inout Xoshiro256StarStar
    ) throws {
        try settings.validate(name)
        let n = try Self.actionCount(name, problem)
        guard estimates > 0 else { throw OfflineAlgorithmError("\(name): estimates per action must be positive") }
        self.settings = settings
        self.actionCount = n
        self.estimates = estimates
        let width = inputs ?? problem.observationDimension
        q = Self.network(width, outputs: n * estimates, settings: settings, using: &rng)
        if withTarget {
            let t = Self.network(width, outputs: n * estimates, settings: settings, using: &rng)
            try t.copyParameters(from: q)
            target = t
        } else {
            target = nil
        }
        optimizer = Adam(learningRate: settings.learningRate)
    }

    /// n of a discrete problem.
    /// - Throws: ``OfflineAlgorithmError`` for a continuous problem.
    public static func actionCount(_ name: String, _ problem: OfflineProblem) throws(OfflineAlgorithmError) -> Int {
        guard let n = problem.actionCount, n > 0, problem.actionDimension == 1 else {
            throw OfflineAlgorithmError(
                "\(name) needs a Discrete action space (one action index per step); the problem is \(problem)")
        }
        return n
    }

    /// An MLP `[inputs] + hidden + [outputs]` with the settings' activation.
    public static func network(
        _ inputs: Int, outputs: Int, settings: DiscreteQSettings, using rng: inout Xoshiro256StarStar
    ) -> MLP {
        MLP([inputs] + settings.hiddenSizes + [outputs], activation: settings.activation, using: &rng)
    }

    /// Snaps the target to the online network when `updates` (counted after this step) is a multiple of the
    /// interval.
    public func snapTarget(after updates: Int) throws {
        guard let target, updates % settings.targetUpdateInterval == 0 else { return }
        try target.copyParameters(from: q)
    }

    /// The batch's states and next states as `[B, d]` tensors and its actions as indices.
    public static func tensors(_ batch: TransitionBatch, observationDimension d: Int) -> (
        s: Tensor, next: Tensor, actions: [Int]
    ) {
        let b = batch.count
        return (
            Tensor(batch.observations, shape: [b, d]), Tensor(batch.nextObservations, shape: [b, d]),
            batch.actions.map { Int($0.rounded()) }
        )
    }

    /// γ(1 − terminal) per row: truncated steps bootstrap, terminal ones do not.
    public func bootstrap(_ batch: TransitionBatch) -> [Float] {
        batch.terminals.map { Float(settings.gamma) * (1 - $0) }
    }

    /// Greedy actions of `q` (after `encoder`, when given) for `count` states.
    public func greedy(_ observations: [Float], count: Int, dimension: Int, encoder: HistoryEncoder? = nil) -> [Float] {
        withNoGrad {
            let x = Tensor(observations, shape: [count, dimension])
            return q(encoder.map { $0(x) } ?? x).argmax(axis: 1).map(Float.init)
        }
    }
}
