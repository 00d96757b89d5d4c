import Foundation
import Testing

@testable import ScaleOut

@Suite struct ShellQuotingTests {
    @Test func plainWordsStayReadableAndOthersAreSingleQuoted() {
        #expect(ShellQuoting.quote("ppo.learningRate=0.001") == "ppo.learningRate=0.001")
        #expect(ShellQuoting.quote("a b") == "'a b'")
        #expect(ShellQuoting.quote("") == "''")
        #expect(ShellQuoting.quote("it's") == "'it'\\''s'")
        #expect(ShellQuoting.commandLine(["train", "x;y"]) == "train 'x;y'")
    }

    /// The shell sees each value as one literal argument: nothing in it runs.
    @Test func metacharactersCannotInjectCommands() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("quote-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let values = [
            "x; touch injected-marker", "$(touch injected-marker)", "`touch injected-marker`",
            "a' ; touch injected-marker; '",
            "x && touch injected-marker", "x | touch injected-marker", "line\ntouch injected-marker", "*", "~", "$HOME",
        ]
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", ShellQuoting.commandLine(["printf", "%s\\0"] + values)]
        process.currentDirectoryURL = directory
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let printed = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        #expect(printed == values)
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("injected-marker").path))
    }
}
