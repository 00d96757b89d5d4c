import Foundation
import Tensor

/// The `env` benchmark suite (results in Tensor's `BenchmarkResult` JSON-lines format): CartPole and Pendulum steps
/// per second (and Hopper-v5's, `hopper_1env`, with the MuJoCo trait), one environment (with its time limit,
/// random actions, reset when done — what `gym.make` + `action_space.sample()` measures) and 256 environments
/// in a threaded ``VectorEnvironment`` (next-step autoreset; ``VectorParallelism/adaptive(threads:)``, which falls
/// back to serial stepping while threads do not pay, e.g. when other processes occupy the cores). Case names match `Benchmarks/peers/env_gymnasium.py`.
public enum EnvBenchmark {
    /// Runs every case.
    /// - Parameters:
    ///   - quick: Fewer and shorter rounds.
    ///   - threads: Threads for the 256-environment cases.
    public static func run(quick: Bool = false, threads: Int = 2) -> [BenchmarkResult] {
        let rounds = quick ? 3 : 7
        let seconds = quick ? 0.1 : 0.25
        return [
            single(
                name: "cartpole_1env", rounds: rounds, seconds: seconds,
                make: { () throws(EnvironmentError) in try TimeLimit(CartPole(), maxEpisodeSteps: 500) },
                action: { Int($0 & 1) }),
            vector(
                name: "cartpole_256env", count: 256, threads: threads, rounds: rounds, seconds: seconds,
                make: { () throws(EnvironmentError) in try TimeLimit(CartPole(), maxEpisodeSteps: 500) },
                action: { Int($0 & 1) }),
            single(
                name: "pendulum_1env", rounds: rounds, seconds: seconds,
                make: { () throws(EnvironmentError) in try TimeLimit(Pendulum(), maxEpisodeSteps: 200) },
                action: unitTorque),
            vector(
                name: "pendulum_256env", count: 256, threads: threads, rounds: rounds, seconds: seconds,
                make: { () throws(EnvironmentError) in try TimeLimit(Pendulum(), maxEpisodeSteps: 200) },
                action: unitTorque),
        ] + mujocoCases(rounds: rounds, seconds: seconds)
    }

    /// `hopper_1env` (Hopper-v5 with its 1000-step limit, uniform random actions in [-1, 1]) when the build has the
    /// MuJoCo trait; none otherwise.
    static func mujocoCases(rounds: Int, seconds: Double) -> [BenchmarkResult] {
        guard MuJoCoSupport.isAvailable else { return [] }
        return [
            single(
                name: "hopper_1env", rounds: rounds, seconds: seconds, warmup: 1_000, batch: 5_000,
                make: { () throws(EnvironmentError) in
                    try TimeLimit(MuJoCoLocomotion(.hopper), maxEpisodeSteps: 1000)
                },
                action: { bits in (0..<3).map { Float((bits >> (20 * UInt64($0))) & 0xFFFFF) * 0x1p-19 - 1 } })
        ]
    }

    private static func unitTorque(_ bits: UInt64) -> Float { Float(bits >> 40) * 0x1p-24 * 4 - 2 }

    private static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }

    /// Steps one environment with actions from `action(randomBits)`, resetting when an episode ends.
    static func single<Env: Environment>(
        name: String, rounds: Int, seconds: Double, warmup: Int = 10_000, batch initialBatch: Int = 100_000,
        make: () throws(EnvironmentError) -> Env,
        action: (UInt64) -> Env.Action
    ) -> BenchmarkResult {
        guard var environment = try? make(), (try? environment.reset(seed: 0)) != nil else {
            return BenchmarkResult(suite: "env", case: name, unit: "steps/s", samples: [])
        }
        var rng = SplitMix64(seed: 1)
        var sink: Float = 0
        func run(_ steps: Int) {
            for _ in 0..<steps {
                guard let step = try? environment.step(action(rng.next())) else { return }
                sink += Float(step.reward)
                if step.terminated || step.truncated { _ = try? environment.reset(seed: nil) }
            }
        }
        run(warmup)
        var samples: [Double] = []
        var batch = initialBatch
        for _ in 0..<rounds {
            let start = now()
            run(batch)
            let elapsed = now() - start
            samples.append(Double(batch) / elapsed)
            batch = Swift.max(warmup, Int(Double(batch) * seconds / Swift.max(elapsed, 1e-6)))
        }
        if sink.isNaN { samples.append(0) }
        return BenchmarkResult(suite: "env", case: name, unit: "steps/s", samples: samples)
    }

    /// Steps a threaded vector environment of `count` copies with random actions.
    static func vector<Env: Environment>(
        name: String, count: Int, threads: Int, rounds: Int, seconds: Double,
        make: @escaping () throws(EnvironmentError) -> Env,
        action: (UInt64) -> Env.Action
    ) -> BenchmarkResult
    where Env.Observation: FlatConvertible {
        let parallelism: VectorParallelism = threads > 1 ? .adaptive(threads: threads) : .serial
        guard
            var environments = try? VectorEnvironment(
                count: count, parallelism: parallelism, make: { (_) throws(EnvironmentError) in try make() }),
            (try? environments.reset(seed: 0)) != nil
        else {
            return BenchmarkResult(suite: "env", case: name, unit: "steps/s", samples: [])
        }
        var rng = SplitMix64(seed: 2)
        let actionSets = (0..<16).map { _ in (0..<count).map { _ in action(rng.next()) } }
        func run(_ batches: Int) {
            for index in 0..<batches { try? environments.step(actionSets[index & 15]) }
        }
        run(200)
        var samples: [Double] = []
        var batches = 1_000
        for _ in 0..<rounds {
            let start = now()
            run(batches)
            let elapsed = now() - start
            samples.append(Double(batches * count) / elapsed)
            batches = Swift.max(100, Int(Double(batches) * seconds / Swift.max(elapsed, 1e-6)))
        }
        return BenchmarkResult(suite: "env", case: name, unit: "steps/s", samples: samples)
    }
}
