import Foundation
import Testing

@testable import Tracking

@Suite("TensorBoard sink")
struct TensorBoardSinkTests {
    @Test("file name is events.out.tfevents.<unixtime>.<host>")
    func fileName() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let sink = try TensorBoardSink(directory: directory.url, host: "box", clock: .fixed(1_700_000_000.7))
        try sink.close()
        #expect(sink.url.lastPathComponent == "events.out.tfevents.1700000000.box")
    }

    @Test("a second file in the same second gets a numeric suffix")
    func collision() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let first = try TensorBoardSink(directory: directory.url, host: "box", clock: .fixed(5))
        let second = try TensorBoardSink(directory: directory.url, host: "box", clock: .fixed(5))
        #expect(first.url != second.url)
        #expect(second.url.lastPathComponent == "events.out.tfevents.5.box.1")
    }

    @Test("first record is the file version; scalars follow with their steps")
    func records() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let sink = try TensorBoardSink(directory: directory.url, host: "h", clock: .fixed(10))
        try sink.scalar(MetricTag.episodicReturn, 21.5, step: 128)
        try sink.scalar(MetricTag.valueLoss, 0.25, step: 256)
        try sink.close()
        let records = TFRecord.scan(bytes(sink.url)).records
        #expect(records.count == 3)
        #expect(records.first == TensorBoardEvent.fileVersionRecord(wallTime: 10))
        #expect(
            records[1] == TensorBoardEvent.scalar(tag: MetricTag.episodicReturn, value: 21.5, step: 128, wallTime: 10))
        #expect(RecordRecovery.eventStep(records[2]) == 256)
    }

    @Test("nothing but the version record reaches the disk before flush")
    func buffering() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let sink = try TensorBoardSink(directory: directory.url, host: "h", clock: .fixed(1))
        try sink.scalar("a", 1, step: 1)
        #expect(TFRecord.scan(bytes(sink.url)).records.count == 1)
        try sink.flush()
        #expect(TFRecord.scan(bytes(sink.url)).records.count == 2)
    }

    @Test(
        "TensorBoard's EventAccumulator reads tags, steps, values and the hyper-parameter text",
        .enabled(if: ProcessInfo.processInfo.environment["SWIFTRL_PYTHON"] != nil))
    func tensorBoardReadsEvents() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let logger = MetricLogger(sinks: [try TensorBoardSink(directory: directory.url)])
        let table = HyperparameterTable.markdown([("learningRate", "0.00025"), ("numEnvs", "4")])
        try logger.hyperparameters([("learningRate", "0.00025"), ("numEnvs", "4")])
        var expected: [String: [[Double]]] = [:]
        for iteration in 1...50 {
            let step = iteration * 512
            let values: [(String, Double)] = [
                (MetricTag.episodicReturn, Double(iteration) * 9.5),
                (MetricTag.stepsPerSecond, 1000 + Double(iteration)),
                (MetricTag.valueLoss, 1.0 / Double(iteration)),
                (MetricTag.approxKL, -0.001 * Double(iteration)),
            ]
            for (tag, value) in values {
                try logger.scalar(tag, value, step: step)
                expected[tag, default: []].append([Double(step), Double(Float(value))])
            }
        }
        try logger.close()
        let json: [String: Any] = [
            "scalars": expected,
            "texts": [MetricTag.hyperparameters: [[0, table]]],
        ]
        let expectedURL = directory.file("expected.json")
        try JSONSerialization.data(withJSONObject: json).write(to: expectedURL)
        let result = try PythonRunner.run(
            script: "fixtures/tensorboard_check.py", arguments: [directory.url.path, expectedURL.path])
        #expect(result.status == 0, "\(result.output)")
    }
}
