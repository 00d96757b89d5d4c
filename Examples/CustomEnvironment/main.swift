// CustomEnvironment: write your own environment, register it, check it against the Gymnasium contract, step it.
//
// `LineWalk` is a 1-D "reach the goal" task: the agent and the goal sit on the cells 0…10 of a line, the agent moves
// left, stays or moves right, and the episode ends when it stands on the goal. It conforms to `Environment`
// (typed observation `SIMD2<Float>` in a Box, typed action `Int` in Discrete(3)), is registered as `LineWalk-v0` in a
// copy of the standard registry (which adds the time limit, order enforcement and the passive checker, as
// `gymnasium.make` does), and must pass every check of `EnvironmentChecker` (`swiftrl env check` for built-ins).
//
// Finally it is added to the process-wide registry (`EnvironmentRegistry.registerShared`, Gymnasium's `gym.register`)
// and PPO trains on it for a few thousand steps, as on any built-in id.
//
// Run: swift run CustomEnvironment
import Algorithms
import Environments
import Foundation
import RLCore
import Tracking

/// A 1-D goal-reaching task on cells 0…10.
///
/// ## Observation Space
/// Box([0, 0], [1, 1]): the agent's cell and the goal's cell, each divided by 10.
/// ## Action Space
/// Discrete(3): 0 = left, 1 = stay, 2 = right (moves are clipped at the ends of the line).
/// ## Rewards
/// −0.01 per step; +1 on the step that reaches the goal.
/// ## Starting State
/// Agent and goal on distinct uniformly random cells drawn from the environment's own seeded generator.
/// ## Episode End
/// Terminated when the agent reaches the goal; truncation is left to the registry's `TimeLimit`.
struct LineWalk: Environment, Sendable {
    /// The last cell of the line.
    static let lastCell = 10
    /// The per-step cost that makes shorter paths better.
    static let stepCost = -0.01

    let observationSpace: Space
    let actionSpace: Space
    private var random = EpisodeRandom()
    private var agent: Int?
    private var goal = 0

    /// A fresh, unseeded environment.
    /// - Throws: `EnvironmentError` if a space cannot be built (it cannot for these literal bounds).
    init() throws(EnvironmentError) {
        observationSpace = .box(try BoxSpace(low: 0, high: 1, shape: [2]))
        actionSpace = .discrete(try DiscreteSpace(3))
    }

    mutating func reset(seed: UInt64?, options: ResetOptions) throws(EnvironmentError) -> Reset<SIMD2<Float>> {
        random.prepare(seed: seed)  // re-seed only when a seed is given (Gymnasium's rule)
        let start = random.integers(low: 0, high: Self.lastCell + 1)
        let offset = random.integers(low: 1, high: Self.lastCell + 1)  // never on the agent's cell
        agent = start
        goal = (start + offset) % (Self.lastCell + 1)
        return Reset(observation: observation(start))
    }

    mutating func step(_ action: Int) throws(EnvironmentError) -> Step<SIMD2<Float>> {
        guard let position = agent else { throw .resetNeeded("LineWalk-v0: call reset(seed:) before step(_:)") }
        guard (0...2).contains(action) else {
            throw .invalidAction("\(action); expected 0 (left), 1 (stay) or 2 (right)")
        }
        let next = min(max(position + action - 1, 0), Self.lastCell)
        agent = next
        let reached = next == goal
        return Step(
            observation: observation(next), reward: Self.stepCost + (reached ? 1 : 0), terminated: reached,
            truncated: false)
    }

    private func observation(_ position: Int) -> SIMD2<Float> {
        SIMD2(Float(position), Float(goal)) / Float(Self.lastCell)
    }

}

// Register it next to the built-ins, with a 50-step time limit.
var registry = EnvironmentRegistry.standard
registry.register(
    EnvironmentSpec(
        id: "LineWalk-v0", summary: "Walk along a line of 11 cells to a random goal.", maxEpisodeSteps: 50,
        rewardThreshold: 0.9, make: { _ throws(EnvironmentError) in try LineWalk() }))

// The checker builds fresh instances through the registry and runs every contract check.
let results = EnvironmentChecker(id: "LineWalk-v0", registry: registry).run()
for result in results {
    print("\(result.passed ? "pass" : "FAIL")  \(result.name)\(result.message.isEmpty ? "" : ": \(result.message)")")
}
try EnvironmentChecker(id: "LineWalk-v0", registry: registry).validate()  // throws on the first failure
print("LineWalk-v0 passed all \(results.count) checks\n")

/// A compact form of an observation or action: one decimal for arrays.
func show(_ value: SpaceValue) -> String {
    guard case let .array(values) = value else { return value.summary }
    return "[" + values.map { String(format: "%.1f", $0) }.joined(separator: ", ") + "]"
}

// A few random steps through the type-erased environment, as `gymnasium.make` would give you.
var env = try registry.make("LineWalk-v0")
var actions = SpaceSampler(space: env.actionSpace, seed: 0)
var observation = try env.reset(seed: 0).observation
print("reset: observation \(show(observation))")
for index in 1...8 {
    let action = actions.sample()
    let step = try env.step(action)
    print("step \(index): action \(show(action)) → observation \(show(step.observation)), reward \(step.reward)")
    observation = step.observation
    if step.terminated || step.truncated {
        print("episode over (terminated \(step.terminated), truncated \(step.truncated))")
        observation = try env.reset().observation
    }
}

// Train PPO on it: training, evaluation and the CLI make environments from the process-wide registry.
EnvironmentRegistry.registerShared(try registry.spec("LineWalk-v0"))
var session = RunSession.Options()
session.root = FileManager.default.temporaryDirectory.appendingPathComponent("swiftrl-linewalk-runs")
session.progress = false
let outcome = try TrainingRun.train(
    PPO.self,
    request: TrainingRequest(
        environmentID: "LineWalk-v0", seed: 1, totalSteps: 8192,
        overrides: ["env.numEnvs=4", "evaluation.every=8192"], session: session))
let score = outcome.evaluations.last.map { String(format: "%.2f", $0.result.mean) } ?? "n/a"
print("PPO on LineWalk-v0: \(outcome.finalStep) steps, evaluation mean return \(score) (a straight walk scores ≈ 0.95)")
