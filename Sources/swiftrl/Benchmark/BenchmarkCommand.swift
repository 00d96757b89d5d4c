import Algorithms
import ArgumentParser
import Dispatch
import Foundation
import Tensor
import Tracking

/// `swiftrl benchmark`: several seeds × environments as child processes, a table of final returns and wall times.
struct BenchmarkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "benchmark",
        abstract: "Train several seeds/environments in parallel processes; table of returns (mean ± std) and times.",
        discussion: """
            Each (environment, seed) pair runs `swiftrl train` in its own process (at most --jobs at once), with
            its run directory under --output/runs and its log in --output/logs. The final evaluation (10
            deterministic episodes) of each run is aggregated per environment; with --stop-at-return the time and
            steps until an evaluation first reached the threshold are reported too. Results: a table on standard
            output, and benchmark.json / benchmark.csv in --output.

            Examples:
              swiftrl benchmark --algo ppo --env-ids CartPole-v1 Acrobot-v1 --seeds 3 --jobs 2
              swiftrl benchmark --algo ppo --env-ids CartPole-v1 --seeds 3 --stop-at-return 475 --eval-every 2048
              swiftrl benchmark --algo a2c --env-ids CartPole-v1 --seeds 3 --total-steps 200000
            """
    )

    @Option(help: "Algorithm to train.") var algo: String
    @Option(parsing: .upToNextOption, help: "Environment ids.") var envIds: [String]
    @Option(help: "Number of seeds (1…N).") var seeds = 3
    @Option(help: "Parallel processes.") var jobs = 1
    @Option(help: "Training budget override.") var totalSteps: Int?
    @Option(help: "Steps between evaluations.") var evalEvery: Int?
    @Option(
        parsing: .unconditional,
        help: "Stop each run once its evaluation mean reaches this (may be negative); reports the time to reach it.")
    var stopAtReturn: Double?
    @Option(name: .customLong("set"), help: ArgumentHelp("Override a config field.", valueName: "key=value"))
    var overrides: [String] = []
    @Option(help: "Folder for runs, logs and results.") var output = "benchmark"

    func validate() throws {
        guard seeds > 0 else { throw ValidationError("--seeds must be positive, got \(seeds)") }
        guard jobs > 0 else { throw ValidationError("--jobs must be positive, got \(jobs)") }
        guard !envIds.isEmpty else { throw ValidationError("--env-ids needs at least one environment id") }
    }

    func run() throws {
        BackendNotice.printIfSlow()
        _ = try AlgorithmRegistry.type(named: algo)
        let root = URL(fileURLWithPath: output)
        let logs = root.appendingPathComponent("logs"), reports = root.appendingPathComponent("reports")
        for folder in [logs, reports] { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        let executable = Self.executableURL()
        var tasks: [(env: String, seed: Int, report: URL, arguments: [String], log: URL)] = []
        for env in envIds {
            for seed in 1...seeds {
                let name = "\(env)__\(algo)__\(seed)"
                let report = reports.appendingPathComponent(name + ".json")
                var arguments = [
                    "train", algo, "--env", env, "--seed", "\(seed)", "--run-dir", root.appendingPathComponent("runs").path,
                    "--quiet", "--summary-json", report.path,
                ]
                if let totalSteps { arguments += ["--total-steps", "\(totalSteps)"] }
                if let evalEvery { arguments += ["--set", "evaluation.every=\(evalEvery)"] }
                if let stopAtReturn { arguments += ["--set", "evaluation.stopAtReturn=\(stopAtReturn)"] }
                for text in overrides { arguments += ["--set", text] }
                tasks.append((env, seed, report, arguments, logs.appendingPathComponent(name + ".log")))
            }
        }
        let out = StandardTextOutput(.output)
        out.write("benchmark: \(algo) on \(envIds.joined(separator: ", ")), \(seeds) seeds, \(jobs) parallel jobs\n")
        let slots = DispatchSemaphore(value: jobs)
        let group = DispatchGroup()
        let failures = FailureList()
        for task in tasks {
            slots.wait()
            group.enter()
            let process = Process()
            process.executableURL = executable
            process.arguments = task.arguments
            guard FileManager.default.createFile(atPath: task.log.path, contents: nil) else {
                throw ValidationError("cannot create the log file \(task.log.path); check that its folder is writable")
            }
            let handle = try FileHandle(forWritingTo: task.log)
            process.standardOutput = handle
            process.standardError = handle
            process.terminationHandler = { finished in
                if finished.terminationStatus != 0 { failures.add("\(task.env) seed \(task.seed): see \(task.log.path)") }
                try? handle.close()
                slots.signal()
                group.leave()
            }
            try process.run()
        }
        group.wait()
        var rows: [BenchmarkRow] = []
        for env in envIds {
            let reportsForEnv = tasks.filter { $0.env == env }.compactMap { task -> RunReport? in
                guard let data = try? Data(contentsOf: task.report) else { return nil }
                return try? JSONDecoder().decode(RunReport.self, from: data)
            }
            rows.append(BenchmarkRow(environment: env, algorithm: algo, reports: reportsForEnv, threshold: stopAtReturn))
        }
        out.write(BenchmarkRow.table(rows))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write(try encoder.encode(rows), to: root.appendingPathComponent("benchmark.json"))
        try AtomicFile.write(BenchmarkRow.csv(rows), to: root.appendingPathComponent("benchmark.csv"))
        out.write("results: \(root.appendingPathComponent("benchmark.json").path), benchmark.csv\n")
        let failed = failures.items
        if !failed.isEmpty {
            throw ValidationError("\(failed.count) run(s) failed: \(failed.joined(separator: "; "))")
        }
    }

    static func executableURL() -> URL {
        let procSelf = URL(fileURLWithPath: "/proc/self/exe")
        if FileManager.default.fileExists(atPath: procSelf.path) { return procSelf.resolvingSymlinksInPath() }
        return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
    }
}

/// Thread-safe list of failed runs.
final class FailureList: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    func add(_ item: String) { lock.withLock { list.append(item) } }
    var items: [String] { lock.withLock { list } }
}
