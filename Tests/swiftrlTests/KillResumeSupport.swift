import Foundation
import Testing
import Tracking

/// Runs the built `swiftrl` executable (next to this test binary in the build folder) for the kill -9 tests.
enum SwiftRLProcess {
    /// `<build folder>/swiftrl`, if built (`swift build --build-tests` and `swift test` build it).
    static var executable: URL? {
        let candidates = [
            URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0]).deletingLastPathComponent(),
            Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent(),
        ].map { $0.appendingPathComponent("swiftrl") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// Starts `swiftrl arguments`, its output going to `log`.
    static func start(_ arguments: [String], log: URL) throws -> Process {
        let binary = try #require(executable, "the swiftrl executable is not built next to the test binary")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        return process
    }

    /// Runs `swiftrl arguments` to the end and requires success (the log is shown otherwise).
    static func runToEnd(_ arguments: [String], log: URL) throws {
        let process = try start(arguments, log: log)
        process.waitUntilExit()
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        try #require(process.terminationStatus == 0, "swiftrl \(arguments.joined(separator: " ")) failed:\n\(output)")
    }

    /// Starts `swiftrl arguments` and kills it with SIGKILL as soon as `ready()` holds (polled every 5 ms).
    /// - Returns: whether the process was still running when killed.
    static func killWhen(_ arguments: [String], log: URL, ready: () -> Bool) throws -> Bool {
        let process = try start(arguments, log: log)
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning && !ready() && Date() < deadline { Thread.sleep(forTimeInterval: 0.005) }
        guard process.isRunning else { return false }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        return process.terminationReason == .uncaughtSignal
    }

    /// The one run directory under `root`.
    static func runDirectory(in root: URL) throws -> RunDirectory {
        let names = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { !$0.hasPrefix(".") }
        try #require(names.count == 1, "expected one run directory in \(root.path), found \(names)")
        return try RunDirectory(existing: root.appendingPathComponent(names[0]))
    }

    /// The run directory under `root` once it exists, else `nil`.
    static func existingRun(in root: URL) -> RunDirectory? {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: root.path), names.count == 1 else {
            return nil
        }
        return try? RunDirectory(existing: root.appendingPathComponent(names[0]))
    }

    /// `metrics.csv` without the columns in `dropping` (wall-clock rates), rows in file order.
    static func metrics(_ run: RunDirectory, dropping: Set<String> = []) throws -> CSVTable {
        let table = CSVTable(parsing: try String(contentsOf: run.metricsCSV, encoding: .utf8))
        let keep = table.header.indices.filter { !dropping.contains(table.header[$0]) }
        return CSVTable(header: keep.map { table.header[$0] }, rows: table.rows.map { row in keep.map { row[$0] } })
    }
}

/// A scratch folder removed at deinit.
final class ScratchFolder {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("swiftrl-kill-\(UUID().uuidString)")
    init() throws { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
    deinit { try? FileManager.default.removeItem(at: url) }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}
