import Environments
import Tensor

/// One logged step `(s, a, r, s′)` of a tabular trajectory.
public struct TabularStep: Codable, Equatable, Sendable {
    /// State index.
    public var state: Int
    /// Action index.
    public var action: Int
    /// Reward received.
    public var reward: Double
    /// Next-state index.
    public var nextState: Int

    /// A step.
    public init(state: Int, action: Int, reward: Double, nextState: Int) {
        self.state = state
        self.action = action
        self.reward = reward
        self.nextState = nextState
    }
}

/// The 7 × 7 grid world of "Explaining RL Decisions with Trajectories" (Deshmukh et al., ICLR 2023) as its
/// reproducibility study (Abdel Sadek et al., TMLR 2024) runs it: starts (2, 0), (6, 2), (2, 4); terminals
/// (0, 6) +1, (6, 6) +1, (4, 3) −1; obstacles (1, 1), (1, 3), (3, 1), (3, 3), (4, 4), (6, 4), (4, 6); reward −0.1
/// per step; a move into an obstacle or off the grid stays put. State index `row · 7 + column`.
public enum AttributionGrid {
    /// The layout (`S` start, `G` +1 terminal, `L` −1 terminal, `#` obstacle).
    public static let layout = [
        "......G",
        ".#.#...",
        "S...S..",
        ".#.#...",
        "...L#.#",
        ".......",
        "..S.#.G",
    ]

    /// The environment (deterministic moves, step reward −0.1, terminal rewards ±1).
    /// - Throws: never for this layout; ``EnvironmentError`` in principle.
    public static func environment() throws(EnvironmentError) -> GridWorld {
        try GridWorld(layout: layout, slipProbability: 0, stepReward: -0.1, goalReward: 1, lavaReward: -1)
    }

    /// Number of states (49).
    public static let stateCount = 49
    /// Number of actions (4).
    public static let actionCount = 4

    /// Whether `state` ends an episode (a goal or the lava cell).
    public static func isTerminal(_ state: Int) -> Bool {
        let cell = Array(layout[state / 7])[state % 7]
        return cell == "G" || cell == "L"
    }
}

/// Tabular Dyna-Q (Sutton 1990) as the study's data generator uses it: Q initialised U(0, 1), ε-greedy (ε 0.1),
/// one-step Q-learning (α, γ) on every real step followed by `planningSteps` replayed model updates.
public struct DynaQAgent: Sendable {
    /// Q(s, a), row-major `S × A`.
    public var q: [Double]
    /// The deterministic model: `(reward, next state)` for each visited `(s, a)`.
    var model: [Int: (reward: Double, next: Int)] = [:]
    /// Visited states in order (with repeats, as the study samples from its list) and actions taken per state.
    var visitedStates: [Int] = []
    var actionsTaken: [Int: [Int]] = [:]
    /// Number of actions.
    public let actionCount: Int

    /// An agent with Q drawn U(0, 1) from `rng`.
    public init(stateCount: Int, actionCount: Int, rng: inout Xoshiro256StarStar) {
        self.actionCount = actionCount
        q = (0..<(stateCount * actionCount)).map { _ in rng.nextDouble() }
    }

    /// ε-greedy action (ties to the lowest index, like `numpy.argmax`).
    public func action(_ state: Int, epsilon: Double, rng: inout Xoshiro256StarStar) -> Int {
        if rng.nextDouble() < epsilon { return Int(rng.next(upperBound: UInt64(actionCount))) }
        return greedy(state)
    }

    /// The greedy action.
    public func greedy(_ state: Int) -> Int {
        var best = 0
        for a in 1..<actionCount where q[state * actionCount + a] > q[state * actionCount + best] { best = a }
        return best
    }

    func maxQ(_ state: Int) -> Double { (0..<actionCount).map { q[state * actionCount + $0] }.max() ?? 0 }

    /// Trains for `episodes` episodes on `environment`.
    /// - Parameters:
    ///   - alpha: α, step size (study: 0.1). - gamma: γ (study: 0.95). - planningSteps: model updates per step (5).
    /// - Throws: environment errors.
    public mutating func train(
        _ environment: inout GridWorld, episodes: Int, alpha: Double = 0.1, gamma: Double = 0.95,
        planningSteps: Int = 5, epsilon: Double = 0.1, rng: inout Xoshiro256StarStar, stepLimit: Int = 10_000
    ) throws {
        var state = try environment.reset(seed: rng.next(), options: ResetOptions()).observation
        var finished = 0, steps = 0
        while finished < episodes, steps < stepLimit {
            let a = action(state, epsilon: epsilon, rng: &rng)
            visitedStates.append(state)
            actionsTaken[state, default: []].append(a)
            let step = try environment.step(a)
            steps += 1
            let i = state * actionCount + a
            q[i] += alpha * (step.reward + gamma * maxQ(step.observation) - q[i])
            model[i] = (step.reward, step.observation)
            state = step.observation
            if step.terminated {
                finished += 1
                state = try environment.reset(seed: rng.next(), options: ResetOptions()).observation
            }
            for _ in 0..<planningSteps {
                let s = visitedStates[Int(rng.next(upperBound: UInt64(visitedStates.count)))]
                let taken = actionsTaken[s] ?? []
                let a1 = taken[Int(rng.next(upperBound: UInt64(taken.count)))]
                guard let (r1, next) = model[s * actionCount + a1] else { continue }
                let j = s * actionCount + a1
                q[j] += alpha * (r1 + gamma * maxQ(next) - q[j])
            }
        }
    }

    /// One ε-greedy episode of at most `maxLength` steps, with the study's closing pseudo-step
    /// `(s_T, random action, 0, s_T)`; returns the steps and the last real reward.
    /// - Throws: environment errors.
    public func perform(
        _ environment: inout GridWorld, maxLength: Int, epsilon: Double = 0.1, rng: inout Xoshiro256StarStar
    ) throws -> (steps: [TabularStep], lastReward: Double) {
        var state = try environment.reset(seed: rng.next(), options: ResetOptions()).observation
        var steps: [TabularStep] = []
        var last = 0.0
        var done = false
        while !done, steps.count < maxLength {
            let a = action(state, epsilon: epsilon, rng: &rng)
            let step = try environment.step(a)
            steps.append(TabularStep(state: state, action: a, reward: step.reward, nextState: step.observation))
            last = step.reward
            state = step.observation
            done = step.terminated
        }
        steps.append(
            TabularStep(
                state: state, action: Int(rng.next(upperBound: UInt64(actionCount))), reward: 0, nextState: state))
        return (steps, last)
    }
}

/// The study's offline data: `agents` partially trained Dyna-Q agents (`trainingEpisodes` episodes each) roll out
/// ε-greedy trajectories of at most `maxLength` steps until `positives` trajectories end at a +1 terminal and
/// `negatives` at the −1 terminal (others are discarded); positives sorted by length ascending, then negatives
/// by length descending (study defaults: 5 agents, 2 episodes, length 10, 50 + 10).
public struct AttributionDataSpec: Codable, Equatable, Sendable {
    /// Dyna-Q agents (5).
    public var agents = 5
    /// Training episodes per agent (2).
    public var trainingEpisodes = 2
    /// Maximum trajectory length (10).
    public var maxLength = 10
    /// Trajectories ending at +1 (50).
    public var positives = 50
    /// Trajectories ending at −1 (10).
    public var negatives = 10

    /// The study's defaults.
    public init() {}

    /// Generates the trajectories (streams `"dyna-<i>"` for agent i's initialisation and training, `"rollouts"`).
    /// - Throws: ``DatasetError`` when the agents cannot produce the counts within 200,000 rollouts; environment
    ///   errors.
    public func generate(seed: UInt64) throws -> [[TabularStep]] {
        var environment = try AttributionGrid.environment()
        let root = Xoshiro256StarStar(seed: seed)
        var trained: [DynaQAgent] = []
        for index in 0..<agents {
            var rng = root.derived("dyna-\(index)")
            var agent = DynaQAgent(stateCount: AttributionGrid.stateCount, actionCount: 4, rng: &rng)
            try agent.train(&environment, episodes: trainingEpisodes, rng: &rng)
            trained.append(agent)
        }
        var rng = root.derived("rollouts")
        var positive: [[TabularStep]] = [], negative: [[TabularStep]] = []
        var attempts = 0
        while positive.count < positives || negative.count < negatives {
            attempts += 1
            guard attempts <= 200_000 else {
                throw DatasetError(
                    .invalidArgument,
                    "attribution data: \(positive.count)/\(positives) positive and \(negative.count)/\(negatives) "
                        + "negative trajectories after 200,000 rollouts; lower the counts or raise maxLength")
            }
            let agent = trained[Int(rng.next(upperBound: UInt64(trained.count)))]
            let (steps, last) = try agent.perform(&environment, maxLength: maxLength, rng: &rng)
            if last == 1, positive.count < positives { positive.append(steps) }
            if last == -1, negative.count < negatives { negative.append(steps) }
        }
        // Stable orders: by length, ties by recording order.
        let up = positive.indices.sorted { (positive[$0].count, $0) < (positive[$1].count, $1) }.map { positive[$0] }
        let down = negative.indices.sorted { (-negative[$0].count, $0) < (-negative[$1].count, $1) }
            .map { negative[$0] }
        return up + down
    }
}
