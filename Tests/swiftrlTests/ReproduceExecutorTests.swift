import Foundation
import Testing

/// `reproduce <id> --executor local`: every unit runs as its own `swiftrl reproduce --unit` process and the report
/// built from their result lines equals the in-process run's (the summed wall seconds aside).
@Suite struct ReproduceExecutorTests {
    static var binary: URL { ClusterEngineTests.binary }

    /// results.md without its timing (the "Budget: …, N s." line sums unit wall times).
    static func markdown(_ folder: URL) throws -> String {
        let text = try String(contentsOf: folder.appendingPathComponent("results.md"), encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix("Budget:") ? Substring($0.prefix { $0 != "," }) : $0 }
            .joined(separator: "\n")
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: binary.path)), .timeLimit(.minutes(5)))
    func unitsAsJobsGiveTheInProcessReport() throws {
        let root = try ClusterEngineTests.folder("reproduce-executor")
        defer { try? FileManager.default.removeItem(at: root) }
        let settings = ["reproduce", "policy-cliff", "--quick", "--seeds", "1", "--quiet"]
        let direct = root.appendingPathComponent("direct"), jobs = root.appendingPathComponent("jobs")
        #expect(try ClusterEngineTests.run(
            settings + ["--run-dir", direct.path], log: root.appendingPathComponent("direct.log")) == 0)
        let log = root.appendingPathComponent("jobs.log")
        let status = try ClusterEngineTests.run(
            settings + ["--run-dir", jobs.path, "--executor", "local", "--jobs", "2"], log: log)
        #expect(status == 0, "\((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
        #expect(try Self.markdown(jobs) == Self.markdown(direct))
        let units = try FileManager.default.contentsOfDirectory(atPath: jobs.appendingPathComponent("units").path)
        #expect(units.count == 15)
        // Resuming a finished folder submits nothing and rebuilds the same report.
        let again = try ClusterEngineTests.run(
            ["reproduce", "--resume", jobs.path, "--quiet"], log: root.appendingPathComponent("again.log"))
        #expect(again == 0)
        #expect(try Self.markdown(jobs) == Self.markdown(direct))
        let logs = try FileManager.default.contentsOfDirectory(atPath: jobs.appendingPathComponent("logs").path)
        #expect(logs.count == 15, "a finished unit ran again on resume")
    }
}
