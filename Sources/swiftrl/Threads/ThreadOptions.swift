import ArgumentParser
import Tensor

/// `--threads N` for the training, benchmark, reproduce and bench commands.
struct ThreadOptions: ParsableArguments {
    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Threads for this process: vector-environment stepping (results do not depend on it) and OpenBLAS. "
                + "Default: SWIFTRL_THREADS, else the cores available (OpenBLAS stays at 1 unless this is given).",
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
