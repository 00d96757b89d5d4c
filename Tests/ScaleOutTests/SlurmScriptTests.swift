import Foundation
import Testing

@testable import ScaleOut

@Suite struct SlurmScriptTests {
    static let runs: [(run: PlannedRun, attempt: Int)] = [
        (PlannedRun(id: "r0", arguments: ["first", "{output}/runs"], group: "g"), 1),
        (PlannedRun(id: "r1", arguments: ["--set", "x; touch injected-marker"], group: "g"), 3),
    ]

    @Test func scriptHasOneArrayTaskPerRunAndTheResources() {
        let options = SlurmOptions(
            partition: "cpu", timeLimit: "00:30:00", cpusPerTask: 2, memory: "4G", maxConcurrent: 8,
            extraDirectives: ["account=rl"])
        let text = SlurmScript.render(Self.runs, binary: "/opt/swiftrl", directory: "/shared/sw", jobName: "swiftrl-sw",
                                      options: options)
        for line in [
            "#SBATCH --array=0-1%8", "#SBATCH --cpus-per-task=2", "#SBATCH --time=00:30:00", "#SBATCH --partition=cpu",
            "#SBATCH --mem=4G", "#SBATCH --account=rl", "#SBATCH --output=/shared/sw/logs/slurm-%A_%a.out",
            "    0) run r0 1 /opt/swiftrl first /shared/sw/runs ;;",
            "    1) run r1 3 /opt/swiftrl --set 'x; touch injected-marker' ;;",
        ] {
            #expect(text.contains(line + "\n"), "missing: \(line)")
        }
    }

    /// The script runs under bash as an array task would: the task's command runs with its arguments intact, its
    /// output lands in the run's log and its exit code in the status file.
    @Test func arrayTaskWritesLogAndExitCode() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("slurm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let script = directory.appendingPathComponent("job.sbatch")
        try SlurmScript.render(Self.runs, binary: "/bin/echo", directory: directory.path, jobName: "t",
                               options: SlurmOptions()).write(to: script, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script.path]
        process.environment = ["SLURM_ARRAY_TASK_ID": "1", "PATH": "/usr/bin:/bin"]
        process.currentDirectoryURL = directory
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let log = try String(contentsOf: directory.appendingPathComponent("logs/r1.3.log"), encoding: .utf8)
        #expect(log == "--set x; touch injected-marker\n")
        let code = try String(contentsOf: directory.appendingPathComponent("status/r1.3.exit"), encoding: .utf8)
        #expect(code == "0\n")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("injected-marker").path))
    }
}
