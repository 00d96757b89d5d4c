import Offline
import Tensor

/// `swiftrl bench offline`: KD-tree build/query cases (and, once the offline algorithms land, gradient steps/s).
enum OfflineBench {
    static func run(quick: Bool, filter: String?, clock: BenchmarkClock) throws -> [BenchmarkResult] {
        KDTreeBenchmark.run(quick: quick, clock: clock).filter { r in filter.map { r.case.contains($0) } ?? true }
    }
}
