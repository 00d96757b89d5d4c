import Foundation

/// One job of a plan: a `swiftrl` command line and how its result is labelled.
///
/// `arguments` are the arguments after the `swiftrl` binary; the text `{output}` in them is replaced by the
/// executor with the folder where this job may write (the sweep folder for local and Slurm runs, the shared
/// folder given to Ray, or a scratch folder on the worker).
public struct PlannedRun: Codable, Sendable, Hashable {
    /// Unique, file-name safe identifier (`CartPole-v1__ppo__s1`).
    public var id: String
    /// Arguments of the `swiftrl` command, with `{output}` placeholders.
    public var arguments: [String]
    /// Configuration label: runs with the same group differ only in the seed and are aggregated together.
    public var group: String
    /// Environment id, when the run trains on one.
    public var environment: String?
    /// Algorithm name, when the run trains one.
    public var algorithm: String?
    /// The run's seed, if it has one.
    public var seed: UInt64?
    /// The swept values of this configuration (`key → value`), empty for plain benchmarks.
    public var parameters: [String: String]
    /// Stage: every run of stage k finishes before any run of stage k + 1 starts (prerequisites first).
    public var stage: Int

    /// A planned run.
    public init(
        id: String, arguments: [String], group: String, environment: String? = nil, algorithm: String? = nil,
        seed: UInt64? = nil, parameters: [String: String] = [:], stage: Int = 1
    ) {
        self.id = id
        self.arguments = arguments
        self.group = group
        self.environment = environment
        self.algorithm = algorithm
        self.seed = seed
        self.parameters = parameters
        self.stage = stage
    }

    /// The placeholder replaced by the job's output folder.
    public static let outputPlaceholder = "{output}"

    /// `arguments` with `{output}` replaced by `output`.
    public func resolvedArguments(output: String) -> [String] {
        arguments.map { $0.replacingOccurrences(of: Self.outputPlaceholder, with: output) }
    }

    /// `text` reduced to `[A-Za-z0-9._-]` (other characters become `-`), for ids and file names.
    public static func safeName(_ text: String) -> String {
        String(text.unicodeScalars.map { scalar -> Character in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", ".", "_", "-": return Character(scalar)
            default: return "-"
            }
        })
    }
}
