import Algorithms
import Foundation
import RLCore
import Tensor

/// The `train` performance suite (for `swiftrl bench train --json`; peer: `Benchmarks/peers/train_sb3.py`).
///
/// - `ppo_cartpole_seconds_to_475`: wall seconds from the start of PPO on CartPole-v1 (RL Zoo preset) until a
///   10-episode deterministic evaluation, run every 2048 steps on a separately seeded env, first reaches 475;
///   evaluation time included; median over seeds 1…3 (∞ if a seed does not reach it within 100k steps).
/// - `ppo_cartpole_sps`: environment steps per second while training (evaluation excluded), same runs.
enum TrainBench {
    /// Runs the suite in-process.
    /// - Parameters:
    ///   - quick: one seed instead of three.
    ///   - filter: keep cases whose name contains this text.
    /// - Throws: environment or training errors.
    static func run(quick: Bool, filter: String? = nil) throws -> [BenchmarkResult] {
        let seeds: [UInt64] = quick ? [1] : [1, 2, 3]
        var times: [Double] = [], rates: [Double] = []
        for seed in seeds {
            let (seconds, sps) = try ppoCartPole(seed: seed)
            times.append(seconds)
            rates.append(sps)
        }
        let results = [
            BenchmarkResult(suite: "train", case: "ppo_cartpole_seconds_to_475", unit: "s", samples: times),
            BenchmarkResult(suite: "train", case: "ppo_cartpole_sps", unit: "steps/s", samples: rates),
        ]
        return results.filter { result in filter.map { result.case.contains($0) } ?? true }
    }

    /// One seed: seconds to 475 (∞ if never) and training steps per second.
    static func ppoCartPole(seed: UInt64) throws -> (seconds: Double, stepsPerSecond: Double) {
        guard let preset = PPO.preset(for: "CartPole-v1") else { return (.infinity, 0) }
        let start = Date()
        let ppo = try PPO(config: preset.config, environment: preset.environment, seed: seed)
        let evaluation = EvaluationCallback(
            every: 2_048, episodes: 10, seed: 10_000 + seed, stopAtReturn: 475, evaluateAtEnd: false)
        let timer = EvaluationTimer()
        try ppo.learn(totalSteps: preset.totalSteps, callbacks: [timer, evaluation, timer])
        let total = Date().timeIntervalSince(start)
        let seconds = evaluation.firstReached?.wallSeconds ?? .infinity
        return (seconds, Double(ppo.stepCount) / max(total - timer.evaluationSeconds, 1e-9))
    }
}

/// Measures the time spent between its two positions in the callback list (i.e. in the evaluation callback).
private final class EvaluationTimer: TrainingCallback {
    private(set) var evaluationSeconds = 0.0
    private var began: Date?

    func handle(_ event: TrainingEvent, algorithm: any Algorithm) throws -> CallbackDecision {
        guard case .iterationFinished = event else { return .continue }
        if let began {
            evaluationSeconds += Date().timeIntervalSince(began)
            self.began = nil
        } else {
            began = Date()
        }
        return .continue
    }
}
