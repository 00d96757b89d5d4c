import Foundation

/// What went wrong while planning, submitting or gathering a sweep; each message says how to fix it.
public enum ScaleOutError: Error, Equatable, CustomStringConvertible {
    /// The sweep file or a command-line setting is not usable.
    case invalidSpec(String)
    /// The sweep directory already holds a different plan (resume it, or choose another directory).
    case planMismatch(directory: String)
    /// `--resume` was given a folder without `plan.json`.
    case missingPlan(directory: String)
    /// The Ray Jobs server could not be reached or answered with an error.
    case ray(String)
    /// A Slurm command failed or is missing.
    case slurm(String)
    /// A run's output has no result line / file.
    case missingResult(run: String, reason: String)
    /// The driver stopped on Ctrl-C; the sweep can be resumed.
    case interrupted(directory: String, finished: Int, total: Int)
    /// Some runs failed after all retries.
    case runsFailed([String])

    public var description: String {
        switch self {
        case .invalidSpec(let reason):
            return "invalid sweep: \(reason)"
        case .planMismatch(let directory):
            return "\(directory)/plan.json holds a different plan; resume it with `--resume \(directory)` "
                + "or give another output folder"
        case .missingPlan(let directory):
            return "\(directory) has no plan.json; --resume needs the output folder of an earlier sweep, "
                + "benchmark or reproduce --executor run"
        case .ray(let reason):
            return "Ray: \(reason)"
        case .slurm(let reason):
            return "Slurm: \(reason)"
        case .missingResult(let run, let reason):
            return "run \(run) finished without a result: \(reason)"
        case .interrupted(let directory, let finished, let total):
            return "interrupted with \(finished)/\(total) runs finished; continue with --resume \(directory)"
        case .runsFailed(let runs):
            return "\(runs.count) run(s) failed after all retries: \(runs.joined(separator: "; "))"
        }
    }
}
