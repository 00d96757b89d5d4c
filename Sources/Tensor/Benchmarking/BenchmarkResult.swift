import Foundation

/// One benchmark measurement, printed as one JSON object per line by `swiftrl bench <suite> --json`
/// (`{"suite": …, "case": …, "unit": …, "median": …, "min": …, "max": …}`).
public struct BenchmarkResult: Codable, Sendable, Equatable {
    public var suite: String
    public var `case`: String
    public var unit: String
    public var median: Double
    public var min: Double
    public var max: Double
    /// For peer measurements: which implementation (e.g. `torch 2.13.0+cpu`, `gymnasium 1.2.0`).
    public var peer: String?

    public init(suite: String, case name: String, unit: String, median: Double, min: Double, max: Double, peer: String? = nil) {
        self.peer = peer
        self.suite = suite
        self.case = name
        self.unit = unit
        self.median = median
        self.min = min
        self.max = max
    }

    /// A result from repeated samples (already in `unit`).
    public init(suite: String, case name: String, unit: String, samples: [Double]) {
        let sorted = samples.sorted()
        let median = sorted.isEmpty ? .nan : (sorted.count % 2 == 1
            ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2)
        self.init(suite: suite, case: name, unit: unit, median: median, min: sorted.first ?? .nan, max: sorted.last ?? .nan)
    }

    /// The JSON line.
    public var jsonLine: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(self)).flatMap { String(data: $0, encoding: .utf8) } ?? "{}"
    }
}

/// Which clock a benchmark reads.
public enum BenchmarkClock: String, Sendable, CaseIterable {
    /// Wall-clock (monotonic) time.
    case wall
    /// CPU time of the calling thread: on a shared, busy machine this estimates the unloaded wall time of
    /// single-threaded work (SwiftRL pins BLAS to one thread; the peer scripts do the same and use the same clock).
    case cpu
}

/// Timing helpers for benchmarks (never used in unit tests).
public enum Stopwatch {
    /// Monotonic seconds.
    public static func now() -> Double { now(.wall) }

    /// Seconds on `clock`.
    public static func now(_ clock: BenchmarkClock) -> Double {
        var t = timespec()
        clock_gettime(clock == .wall ? CLOCK_MONOTONIC : CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }

    /// Seconds per call of `body`, one sample per round of `iterations` calls, after `warmup` calls.
    public static func sample(
        warmup: Int, rounds: Int, iterations: Int, clock: BenchmarkClock = .wall, _ body: () -> Void
    ) -> [Double] {
        for _ in 0..<warmup { body() }
        return (0..<rounds).map { _ in
            let start = now(clock)
            for _ in 0..<iterations { body() }
            return (now(clock) - start) / Double(iterations)
        }
    }
}
