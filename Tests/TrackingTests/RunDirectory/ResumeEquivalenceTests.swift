import Foundation
import Tensor
import Testing

@testable import Tracking

/// Simulates the tracking side of a training run: a deterministic "trainer" logging PPO-style metrics, a
/// checkpoint, a crash that leaves torn records, and a resume; the files must equal an uninterrupted run's.
@Suite("Resume equivalence")
struct ResumeEquivalenceTests {
    /// Logs iterations `(from, to]` of 100 steps each; values depend only on the step (like a seeded run).
    static func train(_ run: RunDirectory, from start: Int, to end: Int) throws {
        var sinks = try run.openSinks(columns: MetricTag.ppo, jsonl: false, clock: .fixed(1))
        sinks.append(try JSONLSink(url: run.metricsJSONL, includeWallTime: false))
        let logger = MetricLogger(sinks: sinks)
        if start == 0 { try logger.hyperparameters(try ConfigLoader.flattened(SampleConfig())) }
        for step in stride(from: start + 100, through: end, by: 100) {
            var generator = TestGenerator(seed: UInt64(step))
            if step % 300 == 0 {
                try logger.scalar(MetricTag.episodicReturn, Double(generator.next() % 500), step: step)
            }
            try logger.scalar(MetricTag.valueLoss, Double(generator.next() % 1000) / 1000, step: step)
            try logger.scalar(MetricTag.entropy, 0.69 - Double(step) * 1e-4, step: step)
            try logger.flush()
            if step % 500 == 0 {
                try AtomicFile.write("weights", to: run.checkpoint(step: step).weights)
                try AtomicFile.write("{\"step\":\(step)}", to: run.checkpoint(step: step).sidecar)
            }
        }
        try logger.close()
    }

    /// All scalar `(tag, step, value)` triples of a run's event files, in file order.
    static func scalars(_ run: RunDirectory) throws -> [String] {
        try run.eventFiles().flatMap { file in
            TFRecord.scan(bytes(file)).records.compactMap { record -> String? in
                guard let fields = try? ProtobufReader.fields(record),
                    let summary = fields.first(where: { $0.field == 5 }),
                    case .lengthDelimited(let body) = summary.value
                else { return nil }
                return "\(RecordRecovery.eventStep(record) ?? -1) \(body)"
            }
        }
    }

    @Test("a run killed after its checkpoint and resumed writes the same metrics as an uninterrupted run")
    func killAndResume() throws {
        let root = try TemporaryDirectory()
        defer { root.remove() }
        let reference = try RunDirectory.create(
            root: root.url, environment: "E", algorithm: "ppo", seed: 1, clock: .fixed(1))
        try Self.train(reference, from: 0, to: 1_000)

        let crashed = try RunDirectory.create(
            root: root.url, environment: "E", algorithm: "ppo", seed: 1, clock: .fixed(1))
        try Self.train(crashed, from: 0, to: 700)
        // SIGKILL mid-flush: half-written records at the end of every append-only file.
        for (file, torn) in [(crashed.metricsCSV, "800,,,"), (crashed.metricsJSONL, "{\"step\":80")] {
            let handle = try FileHandle(forWritingTo: file)
            handle.seekToEndOfFile()
            handle.write(Data(torn.utf8))
            handle.closeFile()
        }
        let eventFile = try #require(try crashed.eventFiles().first)
        let partial = TFRecord.frame(TensorBoardEvent.scalar(tag: "x", value: 1, step: 800, wallTime: 1)).prefix(9)
        let handle = try FileHandle(forWritingTo: eventFile)
        handle.seekToEndOfFile()
        handle.write(Data(partial))
        handle.closeFile()

        let checkpoint = try #require(try crashed.latestCheckpoint())
        #expect(checkpoint.step == 500)
        try crashed.prepareForResume(fromStep: checkpoint.step)
        try Self.train(crashed, from: checkpoint.step, to: 1_000)

        #expect(contents(crashed.metricsCSV) == contents(reference.metricsCSV))
        #expect(contents(crashed.metricsJSONL) == contents(reference.metricsJSONL))
        #expect(try Self.scalars(crashed) == Self.scalars(reference))
        #expect(try crashed.eventFiles().count == 2)
    }
}
