// PPOWithCallback: train PPO from Swift code with callbacks — TensorBoard logging, periodic evaluation and a
// callback of your own — instead of through `TrainingRun` / `swiftrl train`.
//
// PPO trains on CartPole-v1 with RL Zoo's tuned preset for a small budget. Every training event goes to the
// callbacks in order: `MetricLoggingCallback` writes CleanRL's tags (charts/episodic_return, losses/…) to a
// `MetricLogger` whose only sink is a `TensorBoardSink` in a temporary directory; `EvaluationCallback` runs
// deterministic evaluation episodes on a separately seeded environment; `BestReturnCallback` (below) shows how
// to write your own `TrainingCallback`: it tracks the best training episode and could stop training early.
//
// Run: swift run PPOWithCallback            (then: tensorboard --logdir <the printed directory>)
// Algorithms train on environments of `EnvironmentRegistry.standard`; see Examples/CustomEnvironment for your own.
import Algorithms
import Environments
import Foundation
import RLCore
import Tracking

/// Remembers the best training-episode return and prints a line after every PPO iteration.
final class BestReturnCallback: TrainingCallback {
    /// The best undiscounted return of a finished training episode so far.
    private(set) var best = -Double.infinity
    private var episodes = 0

    func handle(_ event: TrainingEvent, algorithm: any Algorithm) throws -> CallbackDecision {
        switch event {
        case let .episodeFinished(_, episodeReturn, _):
            episodes += 1
            best = max(best, episodeReturn)
        case let .iterationFinished(step, metrics):
            let sps = metrics.first { $0.tag == MetricTag.stepsPerSecond }?.value ?? 0
            if step % 2048 == 0 {
                print(String(
                    format: "step %5d  episodes %4d  best return %5.0f  %5.0f steps/s", step, episodes, best, sps))
            }
        case .started, .finished:
            break
        }
        return .continue  // return .stop to end `learn` after this event
    }
}

let environmentID = "CartPole-v1"
let totalSteps = 8_192
guard let preset = PPO.preset(for: environmentID) else {
    throw EnvironmentError.unknownEnvironment("no PPO preset for \(environmentID)")
}
let logDirectory = FileManager.default.temporaryDirectory
    .appendingPathComponent("swiftrl-ppo-callback-\(UUID().uuidString)")
let tensorBoard = try TensorBoardSink(directory: logDirectory)  // creates the directory
let logger = MetricLogger(sinks: [tensorBoard])

let evaluation = EvaluationCallback(every: 4_096, episodes: 5, seed: 10_000, logger: logger)
let bestReturn = BestReturnCallback()
let ppo = try PPO(config: preset.config, environment: preset.environment, seed: 1)
print("PPO on \(environmentID): \(preset.environment.numEnvs) envs × \(preset.config.numSteps) steps per iteration")
try ppo.learn(
    totalSteps: totalSteps, callbacks: [MetricLoggingCallback(logger: logger), evaluation, bestReturn])
try logger.close()

for record in evaluation.history {
    print(String(format: "evaluation at step %5d: mean return %6.1f ± %5.1f over %d episodes", record.step,
                 record.result.mean, record.result.standardDeviation, record.result.returns.count))
}
if let final = evaluation.history.last {
    print(String(format: "final evaluation: %.1f (CartPole-v1 counts as solved at ≥ 475; train longer for that)",
                 final.result.mean))
}
print(String(format: "best training episode: %.0f", bestReturn.best))
print("TensorBoard events: \(tensorBoard.url.path)")
