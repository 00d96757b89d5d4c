/// On-policy rollout storage, time-major (`index = t·N + env`), for `T` steps of `N` sub-environments.
///
/// Next-step autoreset: the step after an episode end is a reset step whose action the environment ignored;
/// it is stored with `valid = false` and masked out of GAE (advantage and return 0) and of the losses.
/// Truncation: the observation stored right after a truncated step is the episode's final observation
/// (next-step mode reports it before resetting), so V(s_final) is simply the next stored value — or the
/// bootstrap value of the observation after the rollout when the truncation happened in the last step.
public struct RolloutBuffer: Sendable {
    /// T, steps per rollout.
    public let steps: Int
    /// N, sub-environments.
    public let environments: Int
    /// Floats per observation.
    public let observationSize: Int
    /// Floats per action.
    public let actionSize: Int
    /// Observations, `T·N·observationSize`.
    public private(set) var observations: [Float]
    /// Actions as floats, `T·N·actionSize`.
    public private(set) var actions: [Float]
    /// log π_old(a|s), `T·N`.
    public private(set) var logProbs: [Float]
    /// V_old(s), `T·N`.
    public private(set) var values: [Double]
    /// Rewards, `T·N`.
    public private(set) var rewards: [Double]
    /// `terminated` of each step.
    public private(set) var terminated: [Bool]
    /// `truncated` of each step.
    public private(set) var truncated: [Bool]
    /// False for next-step-autoreset steps.
    public private(set) var valid: [Bool]
    /// Â after ``computeAdvantages(lastValues:gamma:lambda:)``.
    public private(set) var advantages: [Double]
    /// Value targets Â + V after ``computeAdvantages(lastValues:gamma:lambda:)``.
    public private(set) var returns: [Double]
    /// Steps stored so far (0…T).
    public private(set) var count = 0

    /// An empty buffer.
    public init(steps: Int, environments: Int, observationSize: Int, actionSize: Int) {
        self.steps = steps
        self.environments = environments
        self.observationSize = observationSize
        self.actionSize = actionSize
        let total = steps * environments
        observations = Array(repeating: 0, count: total * observationSize)
        actions = Array(repeating: 0, count: total * actionSize)
        logProbs = Array(repeating: 0, count: total)
        values = Array(repeating: 0, count: total)
        rewards = Array(repeating: 0, count: total)
        terminated = Array(repeating: false, count: total)
        truncated = Array(repeating: false, count: total)
        valid = Array(repeating: true, count: total)
        advantages = Array(repeating: 0, count: total)
        returns = Array(repeating: 0, count: total)
    }

    /// Whether all T steps are stored.
    public var isFull: Bool { count == steps }

    /// Empties the buffer (storage is reused).
    public mutating func reset() { count = 0 }

    /// Stores one step of all sub-environments: the observation the action was chosen in, the action, its
    /// log-probability and value, and what the environment returned.
    /// - Precondition: the buffer is not full and every array has the per-step size.
    public mutating func add(
        observations stepObservations: [Float], actions stepActions: [Float], logProbs stepLogProbs: [Float],
        values stepValues: [Double], step: EnvironmentStep
    ) {
        precondition(count < steps, "RolloutBuffer: full; call reset() after computing advantages")
        let n = environments
        let base = count * n
        observations.replaceSubrange(
            (base * observationSize)..<((base + n) * observationSize), with: stepObservations)
        actions.replaceSubrange((base * actionSize)..<((base + n) * actionSize), with: stepActions)
        for env in 0..<n {
            logProbs[base + env] = stepLogProbs[env]
            values[base + env] = stepValues[env]
            rewards[base + env] = step.rewards[env]
            terminated[base + env] = step.terminated[env]
            truncated[base + env] = step.truncated[env]
            valid[base + env] = step.valid[env]
        }
        count += 1
    }

    /// GAE(λ) over the stored steps (``generalizedAdvantages(rewards:values:terminated:truncated:truncatedValues:valid:lastValues:numEnvs:gamma:lambda:)``).
    /// - Parameter lastValues: V of the observations after the last step, one per sub-environment.
    /// - Complexity: O(T·N).
    public mutating func computeAdvantages(lastValues: [Double], gamma: Double, lambda: Double) {
        let n = environments, total = count * n
        var truncatedValues = [Double](repeating: 0, count: total)
        for i in 0..<total where truncated[i] {
            truncatedValues[i] = i + n < total ? values[i + n] : lastValues[i % n]
        }
        let result = generalizedAdvantages(
            rewards: Array(rewards[0..<total]), values: Array(values[0..<total]),
            terminated: Array(terminated[0..<total]), truncated: Array(truncated[0..<total]),
            truncatedValues: truncatedValues, valid: Array(valid[0..<total]), lastValues: lastValues, numEnvs: n,
            gamma: gamma, lambda: lambda)
        advantages.replaceSubrange(0..<total, with: result.advantages)
        returns.replaceSubrange(0..<total, with: result.returns)
    }

    /// Indices (into the `T·N` transitions) of the valid transitions, in time-major order.
    public var validIndices: [Int] { (0..<(count * environments)).filter { valid[$0] } }
}
