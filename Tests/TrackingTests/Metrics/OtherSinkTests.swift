import Foundation
import Tensor
import Testing

@testable import Tracking

@Suite("JSONL, console and fan-out")
struct OtherSinkTests {
    @Test("JSONL writes one object per entry with wall time")
    func jsonl() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let url = directory.file("metrics.jsonl")
        let sink = try JSONLSink(url: url, clock: .fixed(2.5))
        try sink.scalar("charts/SPS", 100, step: 3)
        try sink.text("note", "a \"b\"\nc", step: 0)
        try sink.scalar("x", .nan, step: 4)
        try sink.close()
        #expect(
            contents(url) == """
                {"step":3,"tag":"charts/SPS","value":100.0,"wall_time":2.5}
                {"step":0,"tag":"note","text":"a \\"b\\"\\nc","wall_time":2.5}
                {"step":4,"tag":"x","value":"NaN","wall_time":2.5}

                """)
    }

    @Test("JSONL lines parse as JSON")
    func jsonlParses() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let url = directory.file("m.jsonl")
        let sink = try JSONLSink(url: url, includeWallTime: false)
        try sink.scalar("t", 1e-7, step: 1)
        try sink.text("u", "\u{1}\t", step: 1)
        try sink.close()
        for line in contents(url).split(separator: "\n") {
            #expect(try JSONSerialization.jsonObject(with: Data(line.utf8)) is [String: Any])
        }
    }

    @Test("console prints one aligned block per step")
    func console() throws {
        let output = BufferedTextOutput()
        let sink = ConsoleSink(output: output)
        try sink.scalar("charts/SPS", 1234, step: 64)
        try sink.scalar("losses/entropy", 0.693147, step: 64)
        try sink.scalar("charts/SPS", 1300, step: 128)
        try sink.flush()
        #expect(
            output.text == """
                ── step 64 ──
                  charts/SPS      1234
                  losses/entropy  0.69315
                ── step 128 ──
                  charts/SPS  1300

                """)
    }

    @Test("on a terminal the console first clears a progress line")
    func consoleTerminal() throws {
        let output = BufferedTextOutput(isTerminal: true)
        let sink = ConsoleSink(output: output)
        try sink.scalar("a", 1, step: 1)
        try sink.flush()
        #expect(output.text == "\r\u{1B}[K── step 1 ──\n  a  1\n")
    }

    @Test("console formats tiny values in scientific notation")
    func consoleFormat() {
        #expect(ConsoleSink.format(0.00001234) == "1.2340e-05")
        #expect(ConsoleSink.format(-3) == "-3")
    }

    @Test("logger fans out to every sink and writes the hyper-parameter table")
    func fanOut() throws {
        let first = BufferedTextOutput()
        let second = BufferedTextOutput()
        let logger = MetricLogger(sinks: [ConsoleSink(output: first), ConsoleSink(output: second)])
        try logger.hyperparameters([("gamma", "0.99")])
        try logger.scalar("a", 1, step: 1)
        try logger.flush()
        #expect(first.text == second.text)
        #expect(first.text.contains("|param|value|\n|-|-|\n|gamma|0.99|"))
        #expect(first.text.contains("── step 1 ──"))
    }

    @Test("a failing sink does not keep the others from receiving a metric")
    func failingSink() throws {
        let output = BufferedTextOutput()
        let logger = MetricLogger(sinks: [FailingSink(), ConsoleSink(output: output)])
        #expect(throws: (any Error).self) { try logger.scalar("a", 1, step: 1) }
        try? logger.flush()
        #expect(output.text.contains("  a  1"))
    }

    @Test("markdown table escapes pipes")
    func tableEscape() {
        #expect(HyperparameterTable.markdown([("a|b", "x\ny")]) == "|param|value|\n|-|-|\n|a\\|b|x y|")
    }
}

/// A sink whose every call fails.
private final class FailingSink: MetricSink {
    private let error = FileIOError(path: "/nowhere", reason: "always fails")
    func scalar(_ tag: String, _ value: Double, step: Int) throws(FileIOError) { throw error }
    func text(_ tag: String, _ text: String, step: Int) throws(FileIOError) { throw error }
    func flush() throws(FileIOError) { throw error }
    func close() throws(FileIOError) { throw error }
}
