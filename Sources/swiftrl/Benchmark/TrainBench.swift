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
/// - `sac_pendulum_seconds_to_-200`: the same protocol for SAC on Pendulum-v1 (RL Zoo preset: SB3 defaults with
///   learning rate 1e-3), evaluating every 1000 steps, budget 20k steps.
/// - `sac_pendulum_cpu_seconds_to_-200`: the same runs timed with the thread CPU clock (on a shared machine this
///   estimates the unloaded wall time; the peer reports its process CPU time with one torch thread).
/// - `sac_pendulum_steps_to_-200`: environment steps at that first evaluation, same runs (sample efficiency).
/// - `sac_update_ms`: milliseconds per SAC gradient step (256-256 networks, batch 256), from the same runs.
enum TrainBench {
    /// Evaluation interval of the SAC case (the peer uses the same).
    static let sacEvaluationInterval = 1_000

    /// Runs the suite in-process.
    /// - Parameters:
    ///   - quick: one seed instead of three.
    ///   - filter: keep cases whose name contains this text (cases whose runs are not needed are skipped).
    /// - Throws: environment or training errors.
    static func run(quick: Bool, filter: String? = nil) throws -> [BenchmarkResult] {
        let seeds: [UInt64] = quick ? [1] : [1, 2, 3]
        func wanted(_ name: String) -> Bool { filter.map { name.contains($0) } ?? true }
        var results: [BenchmarkResult] = []
        if wanted("ppo_cartpole_seconds_to_475") || wanted("ppo_cartpole_sps") {
            let runs = try seeds.map { try ppoCartPole(seed: $0) }
            results += [
                BenchmarkResult(suite: "train", case: "ppo_cartpole_seconds_to_475", unit: "s", samples: runs.map(\.seconds)),
                BenchmarkResult(suite: "train", case: "ppo_cartpole_sps", unit: "steps/s", samples: runs.map(\.stepsPerSecond)),
            ]
        }
        if ["sac_pendulum_seconds_to_-200", "sac_pendulum_cpu_seconds_to_-200", "sac_pendulum_steps_to_-200",
            "sac_update_ms"].contains(where: wanted) {
            let runs = try seeds.map { try sacPendulum(seed: $0) }
            results += [
                BenchmarkResult(suite: "train", case: "sac_pendulum_seconds_to_-200", unit: "s", samples: runs.map(\.seconds)),
                BenchmarkResult(suite: "train", case: "sac_pendulum_cpu_seconds_to_-200", unit: "s", samples: runs.map(\.cpuSeconds)),
                BenchmarkResult(suite: "train", case: "sac_pendulum_steps_to_-200", unit: "steps", samples: runs.map(\.steps)),
                BenchmarkResult(suite: "train", case: "sac_update_ms", unit: "ms", samples: runs.map(\.updateMilliseconds)),
            ]
        }
        return results.filter { wanted($0.case) }
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

    /// One seed of SAC on Pendulum-v1: wall and CPU seconds and steps to −200 (∞ if never within the preset's 20k
    /// steps) and milliseconds per gradient step (training time without evaluation, over the gradient steps taken).
    static func sacPendulum(seed: UInt64) throws
        -> (seconds: Double, cpuSeconds: Double, steps: Double, updateMilliseconds: Double)
    {
        guard let preset = SAC.preset(for: "Pendulum-v1") else { return (.infinity, .infinity, .infinity, 0) }
        let cpuStart = Stopwatch.now(.cpu)
        let sac = try SAC(config: preset.config, environment: preset.environment, seed: seed)
        let evaluation = EvaluationCallback(
            every: sacEvaluationInterval, episodes: 10, seed: 10_000 + seed, stopAtReturn: -200,
            evaluateAtEnd: false)
        let timer = EvaluationTimer(clock: .cpu)
        try sac.learn(totalSteps: preset.totalSteps, callbacks: [timer, evaluation, timer])
        let cpu = Stopwatch.now(.cpu) - cpuStart
        let reached = evaluation.firstReached
        let updates = max(sac.stepCount - preset.config.learningStarts, 1)
        return (reached?.wallSeconds ?? .infinity, reached == nil ? .infinity : cpu,
                reached.map { Double($0.step) } ?? .infinity, (cpu - timer.evaluationSeconds) / Double(updates) * 1000)
    }
}

/// Measures the time spent between its two positions in the callback list (i.e. in the evaluation callback).
private final class EvaluationTimer: TrainingCallback {
    private(set) var evaluationSeconds = 0.0
    private var began: Double?
    private let clock: BenchmarkClock

    init(clock: BenchmarkClock = .wall) { self.clock = clock }

    func handle(_ event: TrainingEvent, algorithm: any Algorithm) throws -> CallbackDecision {
        guard case .iterationFinished = event else { return .continue }
        if let began {
            evaluationSeconds += Stopwatch.now(clock) - began
            self.began = nil
        } else {
            began = Stopwatch.now(clock)
        }
        return .continue
    }
}
