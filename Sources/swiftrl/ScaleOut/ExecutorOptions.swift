import ArgumentParser
import Foundation
import ScaleOut
import Tracking

/// The options every many-run command shares (`benchmark`, `sweep`, `reproduce --executor`): where the runs
/// execute, retries, resume, and the Ray / Slurm settings.
struct ExecutorOptions: ParsableArguments {
    enum Kind: String, ExpressibleByArgument, CaseIterable { case local, ray, slurm }

    @Option(help: "Where runs execute: local (child processes; default), ray (Ray Jobs API) or slurm (sbatch array).")
    var executor: Kind?
    @Option(help: "Parallel processes with --executor local.") var jobs = 1
    @Option(help: "Extra attempts for a failed or lost run.") var retries = 1
    @Option(help: "Continue the sweep in this folder: re-read its plan.json and results, submit only what is missing.")
    var resume: String?
    @Flag(help: "On Ctrl-C also cancel the running jobs (default: leave them running; --resume picks them up).")
    var cancelOnExit = false
    @Option(help: "Ray dashboard address (default: $RAY_ADDRESS), e.g. http://HOST:8265.") var rayAddress: String?
    @Option(help: "CPUs reserved per job (Ray entrypoint_num_cpus, Slurm --cpus-per-task).") var cpusPerJob: Int = 1
    @Option(help: "Path of the swiftrl binary on the workers / compute nodes (default: this binary's path).")
    var workerBinary: String?
    @Option(help: "Ray: a folder every node sees; run directories are written there (default: worker /tmp).")
    var sharedDir: String?
    @Option(help: "Ray: runtime_env.working_dir of each job.") var workingDir: String?
    @Option(help: ArgumentHelp("Ray: an environment variable of each job (runtime_env).", valueName: "KEY=VALUE"))
    var rayEnv: [String] = []
    @Option(help: "Slurm: partition.") var partition: String?
    @Option(help: "Slurm: time limit per run (HH:MM:SS).") var timeLimit = "01:00:00"
    @Option(help: "Slurm: memory per run (e.g. 4G).") var memory: String?
    @Flag(help: "Slurm: print the job script and exit without submitting.") var dryRun = false

    func validate() throws {
        guard jobs > 0 else { throw ValidationError("--jobs must be positive, got \(jobs)") }
        guard retries >= 0 else { throw ValidationError("--retries must be 0 or more, got \(retries)") }
        guard cpusPerJob > 0 else { throw ValidationError("--cpus-per-job must be positive, got \(cpusPerJob)") }
        for item in rayEnv where !item.contains("=") || item.hasPrefix("=") {
            throw ValidationError("--ray-env \(item) needs KEY=VALUE, e.g. --ray-env OMP_NUM_THREADS=1")
        }
        if dryRun && kind != .slurm {
            throw ValidationError("--dry-run prints the Slurm script: add --executor slurm")
        }
    }

    /// `--executor`; when not given, the executor recorded in the resumed folder, else local.
    var kind: Kind {
        if let executor { return executor }
        if let resume, let recorded = SweepState.recordedExecutor(in: URL(fileURLWithPath: resume)) {
            return Kind(rawValue: recorded) ?? .local
        }
        return .local
    }

    /// The executor for a sweep in `directory` named `name`.
    func make(directory: URL, name: String) throws -> any JobExecutor {
        let binary = workerBinary ?? BenchmarkCommand.executableURL().path
        switch kind {
        case .local:
            return LocalExecutor(binary: URL(fileURLWithPath: binary), directory: directory, jobs: jobs)
        case .ray:
            let address = rayAddress ?? ProcessInfo.processInfo.environment["RAY_ADDRESS"] ?? ""
            guard !address.isEmpty else {
                throw ScaleOutError.ray("give the dashboard address: --ray-address http://HOST:8265 (or RAY_ADDRESS)")
            }
            let client = try RayJobsClient(address: address)
            _ = try client.version()
            return RayExecutor(
                client: client, sweepName: name, workerBinary: binary, sharedDirectory: sharedDir,
                cpusPerJob: Double(cpusPerJob), environment: rayEnvironment, workingDirectory: workingDir)
        case .slurm:
            return SlurmExecutor(
                binary: binary, directory: directory,
                options: SlurmOptions(
                    partition: partition, timeLimit: timeLimit, cpusPerTask: cpusPerJob, memory: memory),
                jobName: "swiftrl-" + name)
        }
    }

    /// `--ray-env` as a dictionary (a key given twice keeps the last value).
    var rayEnvironment: [String: String] {
        var result: [String: String] = [:]
        for item in rayEnv {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            result[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
        }
        return result
    }

    /// Runs `plan` in `directory` with the chosen executor, printing progress to standard error; `nil` when
    /// `--dry-run` only printed the Slurm script.
    func drive(
        _ plan: RunPlan, in directory: URL, validate: @escaping (PlannedRun, Data) throws -> Void
    ) throws -> SweepOutcome? {
        let name = directory.standardizedFileURL.lastPathComponent
        let executor = try make(directory: directory, name: name)
        if dryRun, let slurm = executor as? SlurmExecutor {
            StandardTextOutput(.output).write(slurm.script(for: plan.runs.map { ($0, 1) }))
            return nil
        }
        let errors = StandardTextOutput(.error)
        errors.write("\(plan.title): \(plan.runs.count) runs on \(executor.name), folder \(directory.path)\n")
        let interrupt = InterruptMonitor()
        defer { interrupt.stop() }
        let driver = SweepDriver(
            plan: plan, directory: directory, executor: executor, retries: retries, cancelOnExit: cancelOnExit,
            progress: { errors.write($0 + "\n") }, validate: validate, isInterrupted: { interrupt.isRequested })
        return try driver.run()
    }

    /// The sweep folder and the plan: a resumed folder's stored plan, or `makePlan()` saved into `output`.
    func planAndFolder(output: String, makePlan: () throws -> RunPlan) throws -> (RunPlan, URL) {
        if let resume {
            let directory = URL(fileURLWithPath: resume).standardizedFileURL
            return (try RunPlan.load(from: directory), directory)
        }
        return (try makePlan(), URL(fileURLWithPath: output).standardizedFileURL)
    }
}

/// Decodes a training run's result line (what the driver accepts from `train --result-line`).
func validateRunReport(_ run: PlannedRun, _ data: Data) throws {
    _ = try JSONDecoder().decode(RunReport.self, from: data)
}
