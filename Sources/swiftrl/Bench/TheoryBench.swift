import Algorithms
import Environments
import Optimization
import Tensor

/// `swiftrl bench theory`: tabular exploration throughput on a Garnet MDP with S = 100, A = 10, H = 20 (branching
/// 5, stationary), after 200 warm-up episodes so the empirical model is populated.
/// - `ucbvi_episodes_per_s`: one UCBVI episode = optimistic backward induction (Hoeffding bonus) + playing it
///   (H sampled steps recorded in the model).
/// - `ucbvi_episodes_with_regret_per_s`: the same plus the exact evaluation of the episode's policy through
///   ``EpisodicEvaluator`` (what `swiftrl theory run` and the reproduction do for regret accounting).
/// - `stepmix_episodes_per_s`: one StepMix episode (optimistic plan, H + 1 pessimistic certificates, play).
/// - `lsviucb_updates_per_s`: Sherman–Morrison updates of `Λ⁻¹` at d = 50 (one per observed step of LSVI-UCB).
/// - `lsviucb_episodes_per_s`: one LSVI-UCB episode with d = 50 random non-negative features on the same Garnet
///   (H least-squares backups with bonuses over all S·A pairs, then H sampled steps with their updates).
/// - `milp_solves_per_s` (GLPK trait only): SEQUOIA's argmax MILP on the J = 8 capacity-constrained bandit with a
///   freshly initialised Q-network [a, s] → 32 ReLU → 1 (big-M encoding + 16 assignment binaries), over random states.
enum TheoryBench {
    static let spec = EpisodicMDPSpec.garnet(states: 100, actions: 10, horizon: 20, branching: 5, stationary: true)

    static func run(quick: Bool, filter: String?, clock: BenchmarkClock) throws -> [BenchmarkResult] {
        func wanted(_ name: String) -> Bool { filter.map { name.contains($0) } ?? true }
        var rng = Xoshiro256StarStar(seed: 21)
        let mdp = try spec.generate(using: &rng)
        let rounds = quick ? 3 : 5
        let planner = UCBVI(bonus: .hoeffding(scale: 0.1))
        let baseline = BaselinePolicy.uniform(stateCount: 100, actionCount: 10, horizon: 20)
        var results: [BenchmarkResult] = []
        let cases: [(String, ExplorationAlgorithm, Bool, Int)] = [
            ("ucbvi_episodes_per_s", .ucbvi, false, quick ? 50 : 200),
            ("ucbvi_episodes_with_regret_per_s", .ucbvi, true, quick ? 20 : 100),
            ("stepmix_episodes_per_s", .stepmix, false, quick ? 5 : 20),
        ]
        for (name, algorithm, evaluate, episodes) in cases where wanted(name) {
            var explorer = try algorithm.explorer(for: mdp, planner: planner, kappa: 0.1, baseline: baseline)
            let evaluator = EpisodicEvaluator(mdp)
            func episode() {
                let plan = explorer.plan(episodes: 10_000, start: mdp.initialDistribution)
                if evaluate { _ = plan.value(using: evaluator) }
                explorer.play(plan.draw(using: &rng), in: mdp, using: &rng)
            }
            for _ in 0..<200 { episode() }
            var samples: [Double] = []
            for _ in 0..<rounds {
                let start = Stopwatch.now(clock)
                for _ in 0..<episodes { episode() }
                samples.append(Double(episodes) / (Stopwatch.now(clock) - start))
            }
            results.append(BenchmarkResult(suite: "theory", case: name, unit: "episodes/s", samples: samples))
        }
        let d = 50
        let features = try FeatureMap(
            stateCount: 100, actionCount: 10, dimension: d,
            values: (0..<(1000 * d)).map { _ in Double.random(in: 0..<1, using: &rng) }
        ).normalised()
        if wanted("lsviucb_updates_per_s") {
            var inverse = InverseGram(dimension: d, lambda: 1)
            let updates = quick ? 2000 : 20_000
            var samples: [Double] = []
            for _ in 0..<rounds {
                let start = Stopwatch.now(clock)
                for index in 0..<updates { inverse.update(with: features.row(index % 1000)) }
                samples.append(Double(updates) / (Stopwatch.now(clock) - start))
            }
            results.append(BenchmarkResult(
                suite: "theory", case: "lsviucb_updates_per_s", unit: "updates/s", samples: samples))
        }
        if wanted("lsviucb_episodes_per_s") {
            var learner = try LSVIUCB(features: features, horizon: 20, beta: 0.5)
            func episode() {
                let plan = learner.plan(episodes: 10_000, start: mdp.initialDistribution)
                learner.play(plan.draw(using: &rng), in: mdp, using: &rng)
            }
            for _ in 0..<20 { episode() }
            let episodes = quick ? 2 : 10
            var samples: [Double] = []
            for _ in 0..<rounds {
                let start = Stopwatch.now(clock)
                for _ in 0..<episodes { episode() }
                samples.append(Double(episodes) / (Stopwatch.now(clock) - start))
            }
            results.append(BenchmarkResult(
                suite: "theory", case: "lsviucb_episodes_per_s", unit: "episodes/s", samples: samples))
        }
        if wanted("milp_solves_per_s") && GLPKSolver.isAvailable {
            results.append(try milpSolves(quick: quick, rounds: rounds, clock: clock, using: &rng))
        }
        return results
    }

    static func milpSolves(quick: Bool, rounds: Int, clock: BenchmarkClock, using rng: inout Xoshiro256StarStar)
        throws -> BenchmarkResult
    {
        let problem = try CoupledRMAB.capacityPrototype()
        var config = SEQUOIAConfig()
        config.verifyBruteForce = false
        let network = try SEQUOIA(problem: problem, config: config, seed: 21).network()
        let argmax = QNetworkArgmax(problem: problem)
        let solves = quick ? 20 : 100
        var samples: [Double] = []
        for _ in 0..<rounds {
            let states = (0..<solves).map { _ in
                (0..<problem.armCount).map { _ in Int.random(in: 0...1, using: &rng) }
            }
            let start = Stopwatch.now(clock)
            for state in states { _ = try argmax.milp(network, state: state) }
            samples.append(Double(solves) / (Stopwatch.now(clock) - start))
        }
        return BenchmarkResult(suite: "theory", case: "milp_solves_per_s", unit: "solves/s", samples: samples)
    }
}
