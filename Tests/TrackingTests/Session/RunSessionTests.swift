import Foundation
import Testing

@testable import Tracking

@Suite("Run session")
struct RunSessionTests {
    private func options(_ root: URL) -> RunSession.Options {
        var options = RunSession.Options()
        options.root = root
        options.watchSignals = false
        options.progressOutput = BufferedTextOutput()
        options.clock = .fixed(1_000)
        options.keepCheckpoints = 2
        return options
    }

    private func train(_ session: RunSession, through end: Int) throws {
        for step in stride(from: session.startStep + 100, through: end, by: 100) {
            try session.logger.scalar(MetricTag.episodicReturn, Double(step) / 10, step: step)
            if step % 200 == 0 {
                try session.saveCheckpoint(step: step, weights: Data([1, 2]), sidecar: Data("{\"step\":\(step)}".utf8))
            }
        }
    }

    @Test("a session writes config, metrics, events, checkpoints and the curve")
    func fullRun() throws {
        let root = try TemporaryDirectory()
        defer { root.remove() }
        let session = try RunSession.start(
            environment: "CartPole-v1", algorithm: "ppo", seed: 3, config: SampleConfig(), totalSteps: 1_000,
            options: options(root.url))
        try train(session, through: 1_000)
        try session.finish()
        let run = session.run
        #expect(run.url.lastPathComponent == "CartPole-v1__ppo__3__1000")
        #expect(try ConfigLoader.load(defaults: SampleConfig(), file: run.config) == SampleConfig())
        #expect(CSVTable(parsing: contents(run.metricsCSV)).rows.count == 10)
        #expect(try run.eventFiles().count == 1)
        #expect(try run.checkpoints().map(\.step) == [800, 1_000])
        #expect(contents(run.curveSVG).contains("class=\"mean\""))
    }

    @Test("resuming continues from the newest checkpoint and drops later metrics")
    func resume() throws {
        let root = try TemporaryDirectory()
        defer { root.remove() }
        let first = try RunSession.start(
            environment: "E", algorithm: "ppo", seed: 1, config: SampleConfig(), totalSteps: 1_000,
            options: options(root.url))
        try train(first, through: 500)  // checkpoints at 200 and 400, metrics up to 500
        try first.logger.flush()  // "killed" here: no finish()

        let (session, checkpoint) = try RunSession.resume(first.run, totalSteps: 1_000, options: options(root.url))
        #expect(checkpoint.step == 400)
        #expect(session.startStep == 400)
        #expect(CSVTable(parsing: contents(first.run.metricsCSV)).rows.last?.first == "400")
        try train(session, through: 1_000)
        try session.finish()
        let steps = CSVTable(parsing: contents(first.run.metricsCSV)).rows.compactMap(\.first)
        #expect(steps == (1...10).map { String($0 * 100) })
    }

    @Test("resuming a run without a checkpoint is a clear error")
    func resumeWithoutCheckpoint() throws {
        let root = try TemporaryDirectory()
        defer { root.remove() }
        let run = try RunDirectory.create(root: root.url, environment: "E", algorithm: "a", seed: 1, clock: .fixed(1))
        #expect(throws: RunSessionError.noCheckpoint(path: run.url.path)) {
            try RunSession.resume(run, totalSteps: nil, options: options(root.url))
        }
    }

    @Test("a run without finished episodes ends without a curve and without an error")
    func noCurve() throws {
        let root = try TemporaryDirectory()
        defer { root.remove() }
        let session = try RunSession.start(
            environment: "E", algorithm: "a", seed: 1, config: SampleConfig(), totalSteps: nil,
            options: options(root.url))
        try session.logger.scalar(MetricTag.valueLoss, 1, step: 1)
        try session.finish()
        #expect(!FileManager.default.fileExists(atPath: session.run.curveSVG.path))
    }
}
