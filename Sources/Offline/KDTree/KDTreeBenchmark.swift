import Tensor

/// The KD-tree cases of `swiftrl bench offline` (peer: `Benchmarks/peers/offline_d3rlpy.py`, scipy `cKDTree`).
///
/// Data: points and queries uniform in [0, 1)^10 from seeded generators; queries are exact 1-NN.
public enum KDTreeBenchmark {
    /// Runs `kdtree_build_1m_s` (seconds to build over 1M points, dimension 10) and `kdtree_queries_per_s`
    /// (batched 1-NN queries per second against that tree).
    /// - Parameters:
    ///   - quick: 100k points, fewer rounds (the case names stay the same; for smoke tests only).
    ///   - threads: query worker threads (the peer uses the same count via `workers`).
    ///   - clock: the clock to read; CPU time only makes sense with one thread.
    /// - Returns: one result per case, suite `offline`.
    public static func run(quick: Bool = false, threads: Int = 1, clock: BenchmarkClock = .wall) -> [BenchmarkResult] {
        let n = quick ? 100_000 : 1_000_000
        let d = 10
        let queryCount = quick ? 2_000 : 10_000
        var rng = Xoshiro256StarStar(seed: 1)
        let points = (0..<n * d).map { _ in rng.nextFloat() }
        let queries = (0..<queryCount * d).map { _ in rng.nextFloat() }
        let rounds = quick ? 2 : 5
        var buildSamples: [Double] = []
        var tree: KDTree?
        for _ in 0..<rounds {
            let start = Stopwatch.now(clock)
            tree = try? KDTree(points: points, dimension: d)
            buildSamples.append(Stopwatch.now(clock) - start)
        }
        var results = [BenchmarkResult(suite: "offline", case: "kdtree_build_1m_s", unit: "s", samples: buildSamples)]
        guard let tree else { return results }
        var querySamples: [Double] = []
        for _ in 0..<rounds {
            let start = Stopwatch.now(clock)
            _ = try? tree.nearest(queries, k: 1, threads: threads)
            querySamples.append(Double(queryCount) / (Stopwatch.now(clock) - start))
        }
        results.append(
            BenchmarkResult(suite: "offline", case: "kdtree_queries_per_s", unit: "queries/s", samples: querySamples))
        return results
    }
}
