import Foundation
import Testing

@testable import Tracking

/// Kills a process that is logging through the real sinks with SIGKILL and checks that every file is a clean
/// sequence of whole records after repair. The writer is this test binary itself, re-launched with
/// `SWIFTRL_KILL_WRITER_DIR` set so that only ``KillDuringWriteTests/writer()`` runs in the child.
@Suite("SIGKILL during writes")
struct KillDuringWriteTests {
    static let variable = "SWIFTRL_KILL_WRITER_DIR"

    @Test(
        "child writer (runs only when re-launched by the kill test)",
        .enabled(if: ProcessInfo.processInfo.environment["SWIFTRL_KILL_WRITER_DIR"] != nil))
    func writer() throws {
        guard let path = ProcessInfo.processInfo.environment[Self.variable] else { return }
        let directory = URL(fileURLWithPath: path)
        let logger = MetricLogger(sinks: [
            try CSVSink(url: directory.appendingPathComponent("metrics.csv"), columns: MetricTag.ppo),
            try JSONLSink(url: directory.appendingPathComponent("metrics.jsonl")),
            try TensorBoardSink(directory: directory, host: "kill"),
        ])
        try "started".write(to: directory.appendingPathComponent("started"), atomically: true, encoding: .utf8)
        var step = 0
        while step < 50_000_000 {  // until killed
            step += 1
            for tag in MetricTag.ppo { try logger.scalar(tag, Double(step), step: step) }
            if step % 10 == 0 { try logger.flush() }
        }
    }

    /// Re-launching the test binary directly works on Linux; on macOS tests run inside the `xctest` host.
    static var canRelaunch: Bool {
        #if os(Linux)
            return true
        #else
            return false
        #endif
    }

    @Test("files written by a process killed with SIGKILL repair to whole records", .enabled(if: canRelaunch))
    func killedWriter() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0])
        process.arguments = ["--testing-library", "swift-testing", "--filter", "KillDuringWriteTests/writer"]
        process.environment = ProcessInfo.processInfo.environment.merging([Self.variable: directory.url.path]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let started = directory.file("started")
        for _ in 0..<400 where !FileManager.default.fileExists(atPath: started.path) {
            Thread.sleep(forTimeInterval: 0.025)
        }
        try #require(FileManager.default.fileExists(atPath: started.path), "the child writer did not start")
        Thread.sleep(forTimeInterval: 0.3)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)

        let csv = directory.file("metrics.csv")
        try RecordRecovery.truncateTornLines(at: csv)
        let table = CSVTable(parsing: contents(csv))
        #expect(table.header == ["step"] + MetricTag.ppo)
        #expect(table.rows.count > 10)
        let wellFormed = table.rows.enumerated().allSatisfy { index, row in
            row == ["\(index + 1)"] + Array(repeating: "\(Double(index + 1))", count: MetricTag.ppo.count)
        }
        #expect(wellFormed)

        let jsonl = directory.file("metrics.jsonl")
        try RecordRecovery.truncateTornLines(at: jsonl)
        let lines = contents(jsonl).split(separator: "\n")
        #expect(lines.count > 100)
        #expect(lines.allSatisfy { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) != nil })

        let events = try #require(try RunDirectory(existing: directory.url).eventFiles().first)
        try RecordRecovery.truncateTornTFRecords(at: events)
        let scan = TFRecord.scan(bytes(events))
        #expect(scan.validLength == bytes(events).count)
        #expect(scan.records.count > 100)
    }
}
