import Environments
import Foundation
import RLCore
import Tensor
import Testing
import Tracking

@testable import Offline

/// `OfflineRun.resume` (what `swiftrl offline train --resume` calls): a run stopped after its checkpoint at step
/// k and resumed to N ends with the weights, evaluations and metrics of an uninterrupted N-step run.
@Suite struct OfflineRunResumeTests {
    static func config(checkpointEvery: Int = 10) -> OfflineRunConfig<TD3BC> {
        var hyper = TD3BCConfig()
        hyper.td3.setHiddenSizes([8, 8])
        return OfflineRunConfig<TD3BC>(
            seed: 2, steps: 30, checkpointEvery: checkpointEvery, dataset: "memory",
            env: EnvironmentConfig(id: "Pendulum-v1"),
            trainer: OfflineTrainerSettings(
                batchSize: 16, logEvery: 5, evaluation: EvaluationSettings(every: 15, episodes: 1)),
            hyperparameters: hyper)
    }

    static func options(_ root: URL) -> RunSession.Options {
        var options = RunSession.Options()
        options.root = root
        options.progress = false
        options.watchSignals = false
        return options
    }

    static func table(_ run: URL) throws -> CSVTable {
        let text = try String(contentsOf: run.appendingPathComponent("metrics.csv"), encoding: .utf8)
        let table = CSVTable(parsing: text)
        let keep = table.header.indices.filter { table.header[$0] != OfflineMetricTag.stepsPerSecond }
        return CSVTable(header: keep.map { table.header[$0] }, rows: table.rows.map { row in keep.map { row[$0] } })
    }

    @Test func stoppedRunResumesExactly() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("offline-resume-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let dataset = try randomPendulumDataset(episodes: 2, length: 30, seed: 4)
        let straight = try OfflineRun.train(
            TD3BC.self, dataset: dataset, config: Self.config(),
            options: Self.options(root.appendingPathComponent("a")))

        // stop at step 10 (the checkpoint callback writes the step it stops at), then resume to 30
        let stopper = ClosureCallback { event, _ in
            if case let .iterationFinished(step, _) = event, step >= 10 { return .stop }
            return .continue
        }
        let first = try OfflineRun.train(
            TD3BC.self, dataset: dataset, config: Self.config(),
            options: Self.options(root.appendingPathComponent("b")), callbacks: [stopper])
        let run = try RunDirectory(existing: first.run)
        #expect(try run.latestCheckpoint()?.step == 10)
        let resumed = try OfflineRun.resume(
            TD3BC.self, run: first.run, dataset: dataset, config: Self.config(),
            options: Self.options(root.appendingPathComponent("b")))

        let a = try TrainingCheckpoint.read(from: try #require(straight.checkpoint))
        let b = try TrainingCheckpoint.read(from: try #require(resumed.checkpoint))
        #expect(try b.header().step == 30)
        #expect(Set(a.tensors.keys) == Set(b.tensors.keys))
        for (name, tensor) in a.tensors { #expect(tensor.doubles == b.tensors[name]?.doubles, "\(name)") }
        #expect(resumed.evaluations == straight.evaluations)
        #expect(try Self.table(resumed.run) == Self.table(straight.run))

        // a different config is refused, naming the run directory
        #expect(throws: ResumeError.self) {
            try OfflineRun.resume(
                TD3BC.self, run: first.run, dataset: dataset, config: Self.config(checkpointEvery: 5),
                options: Self.options(root.appendingPathComponent("b")))
        }
    }
}
