import Language
import Tensor

/// `swiftrl bench rlvr`: generation and GRPO training throughput (placeholder until the RLVR bench lands).
enum RLVRBench {
    static func run(quick: Bool, filter: String?, clock: BenchmarkClock) throws -> [BenchmarkResult] {
        []
    }
}
