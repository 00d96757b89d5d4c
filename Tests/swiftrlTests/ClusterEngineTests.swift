import Foundation
import ScaleOut
import Testing

/// `benchmark` through the real engines: a single-node Ray head (`SWIFTRL_RAY` = path of the `ray` CLI) and a
/// single-node Slurm (`SWIFTRL_SLURM=1`, started by `Scripts/ci/slurm-single-node.sh`). `.ci/run` sets both; without
/// them these tests are skipped (the executors' logic is covered by ScaleOutTests with shell jobs).
@Suite(.serialized) struct ClusterEngineTests {
    static let environment = ProcessInfo.processInfo.environment
    static let ray = environment["SWIFTRL_RAY"]
    static let slurm = environment["SWIFTRL_SLURM"] == "1"

    /// The `swiftrl` executable built next to the test bundle (see ``SwiftRLProcess``).
    static var binary: URL {
        SwiftRLProcess.executable ?? URL(fileURLWithPath: "/nonexistent/swiftrl")
    }

    static let benchmark = [
        "benchmark", "--algo", "ppo", "--env-ids", "CartPole-v1", "Acrobot-v1", "--seeds", "2", "--total-steps", "2048",
        "--eval-every", "1024",
    ]

    static func folder(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(name)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func start(_ arguments: [String], log: URL) throws -> Process {
        try SwiftRLProcess.start(arguments, log: log)
    }

    static func run(_ arguments: [String], log: URL) throws -> Int32 {
        let process = try start(arguments, log: log)
        process.waitUntilExit()
        return process.terminationStatus
    }

    static func finalMeans(_ folder: URL) throws -> [String: [Double]] {
        let file = folder.appendingPathComponent("benchmark.json")
        let rows = try JSONDecoder().decode([BenchmarkRow].self, from: Data(contentsOf: file))
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.configuration, $0.finalMeans) })
    }

    static func localReference() throws -> [String: [Double]] {
        let local = try folder("bench-local")
        defer { try? FileManager.default.removeItem(at: local) }
        let log = local.appendingPathComponent("out.log")
        let status = try run(benchmark + ["--jobs", "2", "--output", local.path], log: log)
        #expect(status == 0, "local benchmark failed: \((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
        return try finalMeans(local)
    }

    static func waitFor(seconds: Double, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return false
    }

    /// 2 environments × 2 seeds of PPO through Ray Jobs: one job is stopped mid-run (retried), the driver is
    /// interrupted after its first result and resumed; the gathered table equals the local run's.
    @Test(.enabled(if: ray != nil && FileManager.default.fileExists(atPath: binary.path)), .timeLimit(.minutes(10)))
    func rayBenchmarkMatchesLocalWithRetryAndResume() throws {
        let reference = try Self.localReference()
        let ray = try #require(Self.ray)
        let port = 8275
        let head = Process()
        head.executableURL = URL(fileURLWithPath: ray)
        head.arguments = [
            "start", "--head", "--port", "6390", "--dashboard-host", "127.0.0.1", "--dashboard-port", "\(port)",
            "--num-cpus", "2", "--include-dashboard", "true", "--disable-usage-stats",
        ]
        head.standardOutput = FileHandle.nullDevice
        head.standardError = FileHandle.nullDevice
        try head.run()
        head.waitUntilExit()
        defer {
            let stop = Process()
            stop.executableURL = URL(fileURLWithPath: ray)
            stop.arguments = ["stop", "--force"]
            stop.standardOutput = FileHandle.nullDevice
            stop.standardError = FileHandle.nullDevice
            try? stop.run()
            stop.waitUntilExit()
        }
        try #require(head.terminationStatus == 0, "ray start failed")
        let address = "http://127.0.0.1:\(port)"
        let client = try RayJobsClient(address: address)
        try #require(Self.waitFor(seconds: 60) { (try? client.version()) != nil }, "the Ray dashboard did not answer")

        let sweep = try Self.folder("bench-ray")
        defer { try? FileManager.default.removeItem(at: sweep) }
        let options = ["--executor", "ray", "--ray-address", address, "--retries", "2"]
        let driver = try Self.start(
            Self.benchmark + options + ["--output", sweep.path], log: sweep.appendingPathComponent("driver1.log"))
        defer { if driver.isRunning { driver.terminate() } }
        let plan = try #require(try Self.waitFor(seconds: 30) {
            FileManager.default.fileExists(atPath: sweep.appendingPathComponent("plan.json").path)
        } ? RunPlan.load(from: sweep) : nil)
        // Stop the first job seen running: the driver must retry it.
        var stopped: String?
        _ = try Self.waitFor(seconds: 120) {
            for run in plan.runs {
                let id = "swiftrl-\(sweep.lastPathComponent)-\(run.id)-a1"
                if try client.info(id)?.status == "RUNNING", try client.stop(id) {
                    stopped = run.id
                    return true
                }
            }
            return false
        }
        let driverLog = {
            (try? String(contentsOf: sweep.appendingPathComponent("driver1.log"), encoding: .utf8)) ?? ""
        }
        let stoppedRun = try #require(stopped, "no job was seen running; driver: \(driverLog())")
        // Interrupt the driver after its first result, then resume.
        try #require(Self.waitFor(seconds: 180) { !SweepResults.load(plan, from: sweep).isEmpty })
        kill(driver.processIdentifier, SIGINT)
        driver.waitUntilExit()
        let firstLog = (try? String(contentsOf: sweep.appendingPathComponent("driver1.log"), encoding: .utf8)) ?? ""
        if driver.terminationStatus == 0 {
            Issue.record("the driver finished before the interrupt arrived; the resume path was not exercised")
        } else {
            #expect(firstLog.contains("--resume"), "interrupt message: \(firstLog)")
        }
        let status = try Self.run(
            ["benchmark", "--resume", sweep.path] + options, log: sweep.appendingPathComponent("driver2.log"))
        let secondLog = (try? String(contentsOf: sweep.appendingPathComponent("driver2.log"), encoding: .utf8)) ?? ""
        #expect(status == 0, "resumed driver failed: \(secondLog)")
        #expect(try Self.finalMeans(sweep) == reference)
        let stateFile = sweep.appendingPathComponent("state.json")
        let state = try JSONDecoder().decode(SweepState.self, from: Data(contentsOf: stateFile))
        #expect(state.failures[stoppedRun]?.first?.contains("stopped") == true, "\(state.failures)")
    }

    /// The same benchmark as a Slurm job array on the single-node cluster equals the local run.
    @Test(.enabled(if: slurm && FileManager.default.fileExists(atPath: binary.path)), .timeLimit(.minutes(10)))
    func slurmBenchmarkMatchesLocal() throws {
        let reference = try Self.localReference()
        let sweep = try Self.folder("bench-slurm")
        defer { try? FileManager.default.removeItem(at: sweep) }
        let status = try Self.run(
            Self.benchmark + ["--executor", "slurm", "--time-limit", "00:10:00", "--output", sweep.path],
            log: sweep.appendingPathComponent("driver.log"))
        let log = (try? String(contentsOf: sweep.appendingPathComponent("driver.log"), encoding: .utf8)) ?? ""
        #expect(status == 0, "slurm benchmark failed: \(log)")
        #expect(try Self.finalMeans(sweep) == reference)
        let scripts = try FileManager.default.contentsOfDirectory(atPath: sweep.appendingPathComponent("slurm").path)
        #expect(scripts.count == 1)
    }
}
