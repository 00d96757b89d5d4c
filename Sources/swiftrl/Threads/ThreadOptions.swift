import ArgumentParser
import Tensor

/// `--threads N` for the training, benchmark, reproduce and bench commands.
struct ThreadOptions: ParsableArguments {
    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Threads for this process: vector-environment stepping and the built-in GEMM (results do not depend on "
                + "either) and OpenBLAS. Default: SWIFTRL_THREADS, else the cores available (GEMM stays at 1 thread "
                + "unless this is given).",
            valueName: "n"))
    var threads: Int?

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1, got \(threads)") }
    }

    /// Applies `--threads` when given (also exported to child processes).
    func apply() {
        if let threads { ThreadBudget.set(threads) }
    }
}
