import Foundation
import ScaleOut
import Tensor

/// The `scaleout` suite (`swiftrl bench scaleout --ray-address http://HOST:8265 --json`): what handing runs to an
/// engine costs. No Python peer: the comparison is the Ray executor against the local one on the same machine.
///
/// - `local_job_overhead_ms` / `ray_job_overhead_ms`: from submitting a job whose command is `swiftrl --version`
///   until its output (the version line) is readable through the executor — process start for the local
///   executor; Ray's job supervisor start-up, scheduling and log plumbing for Ray. 5 jobs each (3 with --quick).
/// - `local_sweep16_s` / `ray_sweep16_s`: wall seconds of a 16-run sweep (`train ppo CartPole-v1`, `runSteps`
///   steps each, ≈ 30 s per run in a release build at the default 300k) through each executor with 2 runs at a
///   time (local `--jobs 2`; Ray 1 CPU per job on a 2-CPU head). Skipped with `--quick`.
/// Ray cases need `--ray-address` (or `RAY_ADDRESS`); without it only the local cases run.
enum ScaleOutBench {
    static func run(quick: Bool, filter: String?, rayAddress: String?, runSteps: Int) throws -> [BenchmarkResult] {
        func wanted(_ name: String) -> Bool { filter.map { name.contains($0) } ?? true }
        let binary = BenchmarkCommand.executableURL()
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("swiftrl-scaleout-\(getpid())")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let client = try rayAddress.map { try RayJobsClient(address: $0) }
        var results: [BenchmarkResult] = []
        let versionRuns = (0..<(quick ? 3 : 5)).map {
            PlannedRun(id: "version\($0)", arguments: ["--version"], group: "v")
        }
        if wanted("local_job_overhead_ms") {
            let executor = LocalExecutor(binary: binary, directory: scratch.appendingPathComponent("local"), jobs: 1)
            let samples = try versionRuns.map { try overhead(of: $0, on: executor) }
            results.append(
                BenchmarkResult(suite: "scaleout", case: "local_job_overhead_ms", unit: "ms", samples: samples))
        }
        if let client, wanted("ray_job_overhead_ms") {
            let executor = RayExecutor(
                client: client, sweepName: "bench-\(getpid())", workerBinary: binary.path, sharedDirectory: nil,
                cpusPerJob: 1, pollInterval: 0.02)
            let samples = try versionRuns.map { try overhead(of: $0, on: executor) }
            results.append(
                BenchmarkResult(suite: "scaleout", case: "ray_job_overhead_ms", unit: "ms", samples: samples))
        }
        guard !quick else { return results }
        let common = TrainingPlans.Common(
            algorithm: "ppo", environments: ["CartPole-v1"], seeds: (1...16).map { UInt64($0) }, totalSteps: runSteps)
        let plan = try TrainingPlans.benchmark(common)
        if wanted("local_sweep16_s") {
            let folder = scratch.appendingPathComponent("sweep-local")
            let executor = LocalExecutor(binary: binary, directory: folder, jobs: 2)
            results.append(try sweep(plan, folder: folder, executor: executor, name: "local_sweep16_s"))
        }
        if let client, wanted("ray_sweep16_s") {
            let folder = scratch.appendingPathComponent("sweep-ray")
            let executor = RayExecutor(
                client: client, sweepName: "bench16-\(getpid())", workerBinary: binary.path,
                sharedDirectory: folder.path, cpusPerJob: 1)
            results.append(try sweep(plan, folder: folder, executor: executor, name: "ray_sweep16_s"))
        }
        return results
    }

    /// Milliseconds from submission until the job's output shows the version line.
    static func overhead(of run: PlannedRun, on executor: any JobExecutor) throws -> Double {
        let start = Date()
        guard let handle = try executor.submit([(run, 1)]).first else { return .nan }
        while Date().timeIntervalSince(start) < 120 {
            if try executor.output(of: handle).contains(SwiftRLCommand.configuration.version) {
                return Date().timeIntervalSince(start) * 1000
            }
            _ = try executor.poll([handle])
            Thread.sleep(forTimeInterval: 0.005)
        }
        throw ScaleOutError.missingResult(run: run.id, reason: "no output within 120 s")
    }

    static func sweep(_ plan: RunPlan, folder: URL, executor: any JobExecutor, name: String) throws -> BenchmarkResult {
        let start = Date()
        let outcome = try SweepDriver(plan: plan, directory: folder, executor: executor, retries: 0).run()
        guard outcome.failed.isEmpty else { throw ScaleOutError.runsFailed(outcome.failed.keys.sorted()) }
        let seconds = Date().timeIntervalSince(start)
        return BenchmarkResult(suite: "scaleout", case: name, unit: "s", samples: [seconds])
    }
}
