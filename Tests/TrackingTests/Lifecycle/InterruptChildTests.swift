import Foundation
import Testing

@testable import Tracking

/// Re-launches this test binary as a child that watches SIGUSR2 (standing in for SIGINT) and checks the two-signal
/// behaviour end to end: the first signal only sets the flag, the second one kills the process.
@Suite("Interrupt in a child process")
struct InterruptChildTests {
    static let variable = "SWIFTRL_INTERRUPT_CHILD_DIR"

    static var canRelaunch: Bool {
        #if os(Linux)
            return true
        #else
            return false
        #endif
    }

    @Test(
        "child (runs only when re-launched by the interrupt test)",
        .enabled(if: ProcessInfo.processInfo.environment["SWIFTRL_INTERRUPT_CHILD_DIR"] != nil))
    func child() throws {
        guard let path = ProcessInfo.processInfo.environment[Self.variable] else { return }
        let directory = URL(fileURLWithPath: path)
        let monitor = InterruptMonitor(signals: [SIGUSR2])
        try "ready".write(to: directory.appendingPathComponent("ready"), atomically: true, encoding: .utf8)
        var reported = false
        for _ in 0..<1_000 {
            if monitor.isRequested && !reported {
                try "requested".write(
                    to: directory.appendingPathComponent("requested"), atomically: true, encoding: .utf8)
                reported = true
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
    }

    private func waitFor(_ url: URL) -> Bool {
        for _ in 0..<500 {
            if FileManager.default.fileExists(atPath: url.path) { return true }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return false
    }

    @Test(
        "first signal sets the flag and the process keeps running; a second signal kills it", .enabled(if: canRelaunch))
    func twoSignals() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0])
        process.arguments = ["--testing-library", "swift-testing", "--filter", "InterruptChildTests/child"]
        process.environment = ProcessInfo.processInfo.environment.merging([Self.variable: directory.url.path]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        try #require(waitFor(directory.file("ready")), "the child did not start")
        kill(process.processIdentifier, SIGUSR2)
        #expect(waitFor(directory.file("requested")))
        #expect(process.isRunning)
        kill(process.processIdentifier, SIGUSR2)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(process.terminationStatus == SIGUSR2)
    }
}
