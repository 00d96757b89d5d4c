import Offline
import Tensor

/// `swiftrl bench offline`: KD-tree build/query (peer: scipy cKDTree) and offline gradient steps per second
/// (peer: d3rlpy on one thread, `Benchmarks/peers/offline_d3rlpy.py`).
///
/// `td3bc_steps_per_s` / `iql_steps_per_s`: the paper defaults (256-256 networks, batch 256; TD3+BC's actor every
/// second step), observation dimension 17 and action dimension 6 (hopper/walker shapes), a synthetic dataset of
/// 100k random transitions; each step includes sampling the batch. Median of rounds of `steps` updates after a
/// warm-up.
///
/// `dqn_discrete_steps_per_s` / `qrdqn_steps_per_s` / `cql_discrete_steps_per_s`: the discrete learners of the
/// dataset-perspective study at equal arithmetic with d3rlpy's DoubleDQN, DoubleDQN with 50 QR quantiles and
/// DiscreteCQL: 64-64 ReLU Q-network, batch 128, Huber TD loss to the double-DQN target, hard target copy every 100
/// updates, Adam; CartPole shapes (observation 4, 2 actions), 100k random transitions.
enum OfflineBench {
    static func run(quick: Bool, filter: String?, clock: BenchmarkClock) throws -> [BenchmarkResult] {
        func wanted(_ name: String) -> Bool { filter.map { name.contains($0) } ?? true }
        var results: [BenchmarkResult] = []
        if wanted("kdtree_build_1m_s") || wanted("kdtree_queries_per_s") {
            results = KDTreeBenchmark.run(quick: quick, clock: clock).filter { wanted($0.case) }
        }
        let rounds = quick ? 3 : 5
        let steps = quick ? 50 : 200
        let continuous: [(String, () throws -> any OfflineAlgorithm)] = [
            ("td3bc_steps_per_s", { try TD3BC(config: TD3BCConfig(), problem: problem, seed: 1) }),
            ("iql_steps_per_s", { try IQL(config: IQLConfig(), problem: problem, seed: 1) }),
        ]
        for (name, make) in continuous where wanted(name) {
            results.append(try gradientSteps(try make(), name: name, rounds: rounds, steps: steps, clock: clock))
        }
        // Discrete learners at d3rlpy's arithmetic: 64-64 ReLU, batch 128 on a CartPole-shaped problem.
        var shared = DiscreteQSettings()
        shared.hiddenSizes = [64, 64]
        shared.activation = .relu
        let discrete = OfflineProblem(observationDimension: 4, actionDimension: 1, actionCount: 2)
        let discreteCases: [(String, () throws -> any OfflineAlgorithm)] = [
            ("dqn_discrete_steps_per_s", {
                var config = OfflineDQNConfig()
                config.shared = shared
                return try OfflineDQN(config: config, problem: discrete, seed: 1)
            }),
            ("qrdqn_steps_per_s", {
                var config = QRDQNConfig()
                config.shared = shared
                return try QRDQN(config: config, problem: discrete, seed: 1)
            }),
            ("cql_discrete_steps_per_s", {
                var config = DiscreteCQLConfig()
                config.shared = shared
                return try DiscreteCQL(config: config, problem: discrete, seed: 1)
            }),
        ]
        for (name, make) in discreteCases where wanted(name) {
            results.append(try gradientSteps(
                try make(), data: try syntheticDataset(problem: discrete), batchSize: 128, name: name, rounds: rounds,
                steps: 4 * steps, clock: clock))
        }
        return results
    }

    static let problem = OfflineProblem(observationDimension: 17, actionDimension: 6)

    /// 100k random transitions of `problem`'s shapes, in learner units (discrete actions uniform indices).
    static func syntheticDataset(problem: OfflineProblem = problem, transitions: Int = 100_000) throws
        -> OfflineDataset
    {
        var rng = Xoshiro256StarStar(seed: 11)
        let o = problem.observationDimension, a = problem.actionDimension, length = 1000
        let count = problem.actionCount
        let episodes = (0..<(transitions / length)).map { _ in
            OfflineEpisode(
                observations: (0..<((length + 1) * o)).map { _ in Float(rng.normal()) },
                actions: (0..<(length * a)).map { _ in
                    count.map { Float(Int(rng.next() % UInt64($0))) } ?? rng.nextFloat() * 2 - 1
                },
                rewards: (0..<length).map { _ in Float(rng.normal()) },
                terminations: Array(repeating: false, count: length),
                truncations: Array(repeating: false, count: length - 1) + [true])
        }
        return try OfflineDataset(episodes: episodes, observationDimension: o, actionDimension: a)
    }

    static func gradientSteps<A: OfflineAlgorithm>(
        _ algorithm: A, data: OfflineDataset? = nil, batchSize: Int = 256, name: String, rounds: Int, steps: Int,
        clock: BenchmarkClock
    ) throws -> BenchmarkResult {
        let data = try data ?? syntheticDataset()
        try algorithm.prepare(data: data)
        var rng = Xoshiro256StarStar(seed: 12)
        for _ in 0..<20 { _ = try algorithm.update(data.sample(batchSize: batchSize, using: &rng)) }
        var samples: [Double] = []
        for _ in 0..<rounds {
            let start = Stopwatch.now(clock)
            for _ in 0..<steps { _ = try algorithm.update(data.sample(batchSize: batchSize, using: &rng)) }
            samples.append(Double(steps) / (Stopwatch.now(clock) - start))
        }
        return BenchmarkResult(suite: "offline", case: name, unit: "steps/s", samples: samples)
    }
}
