import Foundation
import Testing

@testable import Tracking

@Suite("Crash recovery of append-only files")
struct RecordRecoveryTests {
    @Test("a torn last line is cut; whole lines are kept")
    func tornLine() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let url = directory.file("m.jsonl")
        try "{\"step\":1}\n{\"step\":2}\n{\"st".write(to: url, atomically: false, encoding: .utf8)
        #expect(try RecordRecovery.truncateTornLines(at: url) == 4)
        #expect(contents(url) == "{\"step\":1}\n{\"step\":2}\n")
        #expect(try RecordRecovery.truncateTornLines(at: url) == 0)
    }

    @Test("a torn TFRecord tail is cut back to the last whole record")
    func tornEvents() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let sink = try TensorBoardSink(directory: directory.url, host: "h", clock: .fixed(1))
        try sink.scalar("a", 1, step: 1)
        try sink.close()
        let whole = bytes(sink.url)
        let torn = TFRecord.frame(TensorBoardEvent.scalar(tag: "a", value: 2, step: 2, wallTime: 1)).prefix(20)
        try Data(whole + torn).write(to: sink.url)
        #expect(try RecordRecovery.truncateTornTFRecords(at: sink.url) == 20)
        #expect(bytes(sink.url) == whole)
    }

    @Test("a missing file needs no repair")
    func missing() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        #expect(try RecordRecovery.truncateTornLines(at: directory.file("none.csv")) == 0)
        #expect(try RecordRecovery.truncateTornTFRecords(at: directory.file("none")) == 0)
    }

    @Test("rewinding a CSV keeps rows up to the checkpoint step")
    func rewindCSV() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let url = directory.file("metrics.csv")
        try "step,a\n1,1.0\n2,2.0\n3,3.0\n4,4".write(to: url, atomically: false, encoding: .utf8)
        #expect(try RecordRecovery.rewindCSV(at: url, toStep: 2) == 1)
        #expect(contents(url) == "step,a\n1,1.0\n2,2.0\n")
    }

    @Test("rewinding JSONL keeps lines up to the checkpoint step")
    func rewindJSONL() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let url = directory.file("metrics.jsonl")
        try "{\"step\":1,\"v\":1}\n{\"step\":5,\"v\":2}\n{\"step\":9,\"v\":3}\n".write(
            to: url, atomically: false, encoding: .utf8)
        #expect(try RecordRecovery.rewindJSONL(at: url, toStep: 5) == 1)
        #expect(contents(url) == "{\"step\":1,\"v\":1}\n{\"step\":5,\"v\":2}\n")
    }

    @Test("rewinding an event file keeps the version record and earlier steps")
    func rewindEvents() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let sink = try TensorBoardSink(directory: directory.url, host: "h", clock: .fixed(1))
        for step in [10, 20, 30] { try sink.scalar("a", Double(step), step: step) }
        try sink.close()
        #expect(try RecordRecovery.rewindEvents(at: sink.url, toStep: 20) == 1)
        let steps = TFRecord.scan(bytes(sink.url)).records.compactMap(RecordRecovery.eventStep)
        #expect(steps == [0, 10, 20])
    }

    @Test("a child killed with SIGKILL while appending leaves only whole records")
    func sigkill() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let url = directory.file("kill.csv")
        // A shell loop appending whole lines with single writes, killed mid-stream.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "i=0; while true; do i=$((i+1)); printf '%d,%d\\n' $i $i >> '\(url.path)'; done"]
        try process.run()
        Thread.sleep(forTimeInterval: 0.2)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try RecordRecovery.truncateTornLines(at: url)
        let lines = contents(url).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.last == "")
        #expect(lines.dropLast().allSatisfy { $0.split(separator: ",").count == 2 })
    }
}

@Suite("Sinks reopen crashed files cleanly")
struct ReopenTests {
    @Test("JSONL sink cuts a torn line before appending")
    func jsonl() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let url = directory.file("m.jsonl")
        try "{\"step\":1}\n{\"st".write(to: url, atomically: false, encoding: .utf8)
        let sink = try JSONLSink(url: url, includeWallTime: false)
        try sink.scalar("a", 2, step: 2)
        try sink.close()
        #expect(contents(url) == "{\"step\":1}\n{\"step\":2,\"tag\":\"a\",\"value\":2.0}\n")
    }

    @Test("TensorBoard sink cuts a torn record before appending to an existing file")
    func events() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let first = try TensorBoardSink(directory: directory.url, host: "h", clock: .fixed(1))
        try first.scalar("a", 1, step: 1)
        try first.close()
        let handle = try FileHandle(forWritingTo: first.url)
        handle.seekToEndOfFile()
        handle.write(Data([1, 2, 3]))
        handle.closeFile()
        let again = try TensorBoardSink(url: first.url, clock: .fixed(2))
        try again.scalar("a", 2, step: 2)
        try again.close()
        let scan = TFRecord.scan(bytes(first.url))
        #expect(scan.validLength == bytes(first.url).count)
        #expect(scan.records.compactMap(RecordRecovery.eventStep) == [0, 1, 2])
    }
}
