/// A one-dimensional corridor seen through noise: the POMDP of SwiftRL's observation-history reproduction (a small
/// stand-in for the gridworld POMDP of Hong, Dragan & Levine 2024, §6).
///
/// ## Description
/// The agent walks along `length` cells; the goal is the last cell. Datasets that contain only start→middle and
/// middle→goal pieces make a good policy a *stitch* of the two at the middle cell.
///
/// ## Action Space
/// `Discrete(2)`: 0 steps left (the wall at cell 0 stops it), 1 steps right.
///
/// ## Observation Space
/// `Box(0, 1, (length + distractors,))`: a one-hot cell that shows the true cell with probability `1 − noise` and
/// a uniformly drawn cell otherwise, then `distractors` bits drawn uniformly each step (irrelevant to the task).
/// With `oracle` the observation is the true cell's one-hot followed by zero bits (the oracle-state input).
///
/// ## Rewards
/// 1 on reaching the goal, 0 otherwise.
///
/// ## Starting State
/// Cell 0, or the cell given by the reset option `start` (used by dataset recipes).
///
/// ## Episode End
/// 1. Terminated on reaching the goal cell.
/// 2. Truncated by the registration's time limit (40 steps for `NoisyCorridor-v0`).
///
/// ## Arguments
/// `length` (10), `noise` (0.2), `distractors` (4), `oracle` (false).
public struct NoisyCorridor: Environment, Sendable {
    /// Cells; the goal is cell `length − 1`.
    public let length: Int
    /// Probability that the shown cell is drawn uniformly instead of the true one.
    public let noise: Double
    /// Random irrelevant bits appended to each observation.
    public let distractors: Int
    /// Show the true cell without noise or distractor values (the oracle-state agent's input).
    public let oracle: Bool
    /// The true cell, nil before the first reset.
    public private(set) var cell: Int?
    /// The environment's own generator.
    public var random = EpisodeRandom()

    /// A corridor.
    /// - Throws: ``EnvironmentError/invalidOption(_:)`` for fewer than 3 cells, noise outside [0, 1] or negative
    ///   distractors.
    public init(length: Int = 10, noise: Double = 0.2, distractors: Int = 4, oracle: Bool = false)
        throws(EnvironmentError)
    {
        guard length >= 3 else { throw .invalidOption("NoisyCorridor: length must be ≥ 3 cells, got \(length)") }
        guard (0...1).contains(noise) else {
            throw .invalidOption("NoisyCorridor: noise is a probability in [0, 1], got \(noise)")
        }
        guard distractors >= 0 else {
            throw .invalidOption("NoisyCorridor: distractors must be ≥ 0, got \(distractors)")
        }
        self.length = length
        self.noise = noise
        self.distractors = distractors
        self.oracle = oracle
    }

    /// The goal cell.
    public var goal: Int { length - 1 }

    public var observationSpace: Space {
        let count = length + distractors
        return .box(.fixed(low: Array(repeating: 0, count: count), high: Array(repeating: 1, count: count)))
    }
    public var actionSpace: Space { .discrete(DiscreteSpace(validN: 2)) }

    public mutating func reset(seed: UInt64?, options: ResetOptions) throws(EnvironmentError) -> Reset<[Float]> {
        random.prepare(seed: seed)
        let start = options["start"].map { Int($0) } ?? 0
        guard (0..<goal).contains(start) else {
            throw .invalidOption("NoisyCorridor: reset option start must be a cell in 0..<\(goal), got \(start)")
        }
        cell = start
        return Reset(observation: observe(start), info: ["cell": .int(start)])
    }

    public mutating func step(_ action: Int) throws(EnvironmentError) -> Step<[Float]> {
        guard let current = cell else { throw .resetNeeded("NoisyCorridor: call reset(seed:) before step(_:)") }
        guard action == 0 || action == 1 else {
            throw .invalidAction("NoisyCorridor: action \(action) is not 0 (left) or 1 (right)")
        }
        let next = action == 1 ? min(current + 1, goal) : max(current - 1, 0)
        cell = next
        let reached = next == goal
        return Step(
            observation: observe(next), reward: reached ? 1 : 0, terminated: reached, truncated: false,
            info: ["cell": .int(next)])
    }

    /// The observation of `cell`, drawing the noise and distractors from the environment's generator.
    mutating func observe(_ cell: Int) -> [Float] {
        var out = [Float](repeating: 0, count: length + distractors)
        if oracle {
            out[cell] = 1
            return out
        }
        let shown = random.random() < noise ? random.integers(low: 0, high: length) : cell
        out[shown] = 1
        for i in 0..<distractors { out[length + i] = random.random() < 0.5 ? 1 : 0 }
        return out
    }
}
