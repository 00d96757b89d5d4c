import Foundation
import Tensor
import Testing

@testable import Tracking

@Suite("Run directories")
struct RunDirectoryTests {
    @Test("name is <env>__<algo>__<seed>__<unixtime>")
    func naming() throws {
        let root = try TemporaryDirectory()
        defer { root.remove() }
        let run = try RunDirectory.create(
            root: root.url, environment: "CartPole-v1", algorithm: "ppo", seed: 7, clock: .fixed(1_764_230_000.9))
        #expect(run.url.lastPathComponent == "CartPole-v1__ppo__7__1764230000")
        #expect(run.name == RunName(environment: "CartPole-v1", algorithm: "ppo", seed: 7, unixTime: 1_764_230_000))
    }

    @Test("a run created in the same second gets a distinct directory")
    func collision() throws {
        let root = try TemporaryDirectory()
        defer { root.remove() }
        let first = try RunDirectory.create(root: root.url, environment: "E", algorithm: "a", seed: 1, clock: .fixed(5))
        let second = try RunDirectory.create(
            root: root.url, environment: "E", algorithm: "a", seed: 1, clock: .fixed(5))
        #expect(first.url != second.url)
        #expect(second.url.lastPathComponent == "E__a__1__5-1")
        #expect(second.name?.collisionIndex == 1)
    }

    @Test("names parse back, including env ids with slashes and double underscores")
    func parsing() {
        #expect(RunName(parsing: "ALE-Pong-v5__dqn__3__100")?.environment == "ALE-Pong-v5")
        #expect(
            RunName(environment: "ALE/Pong-v5", algorithm: "dqn", seed: 3, unixTime: 100).description
                == "ALE-Pong-v5__dqn__3__100")
        #expect(
            RunName(parsing: "my__env__sac__2__9-4")
                == RunName(environment: "my__env", algorithm: "sac", seed: 2, unixTime: 9, collisionIndex: 4))
        #expect(RunName(parsing: "CartPole-v1__ppo__1__1764230000")?.experiment == "CartPole-v1__ppo")
    }

    @Test(
        "malformed names do not parse",
        arguments: ["", "a__b__c", "e__a__x__1", "e__a__1__t", "__a__1__2", "e__a__1__2-0"])
    func malformed(name: String) {
        #expect(RunName(parsing: name) == nil)
    }

    @Test("opening a missing directory throws")
    func missing() {
        #expect(throws: (any Error).self) { try RunDirectory(existing: URL(fileURLWithPath: "/nonexistent/run")) }
    }

    @Test("latest checkpoint is the highest complete step; a checkpoint without sidecar is ignored")
    func latestCheckpoint() throws {
        let root = try TemporaryDirectory()
        defer { root.remove() }
        let run = try RunDirectory.create(root: root.url, environment: "E", algorithm: "a", seed: 1, clock: .fixed(1))
        #expect(try run.latestCheckpoint() == nil)
        for step in [512, 2048, 1024] {
            let files = run.checkpoint(step: step)
            try AtomicFile.write("w", to: files.weights)
            try AtomicFile.write("{}", to: files.sidecar)
        }
        try AtomicFile.write("w", to: run.checkpoint(step: 4096).weights)  // killed before the sidecar
        #expect(try run.checkpoints().map(\.step) == [512, 1024, 2048])
        #expect(try run.latestCheckpoint()?.step == 2048)
        #expect(run.checkpoint(step: 2048).weights.lastPathComponent == "step_2048.safetensors")
        #expect(run.checkpoint(step: 2048).sidecar.lastPathComponent == "step_2048.json")
    }

    @Test("pruning keeps the newest checkpoints")
    func prune() throws {
        let root = try TemporaryDirectory()
        defer { root.remove() }
        let run = try RunDirectory.create(root: root.url, environment: "E", algorithm: "a", seed: 1, clock: .fixed(1))
        for step in [1, 2, 3, 4] {
            try AtomicFile.write("w", to: run.checkpoint(step: step).weights)
            try AtomicFile.write("{}", to: run.checkpoint(step: step).sidecar)
        }
        try run.pruneCheckpoints(keepingLast: 2)
        #expect(try run.checkpoints().map(\.step) == [3, 4])
        #expect(!FileManager.default.fileExists(atPath: run.checkpoint(step: 1).weights.path))
    }

    @Test("checkpoint file names parse to steps")
    func checkpointNames() {
        #expect(CheckpointFiles.step(fromFileName: "step_77.json") == 77)
        #expect(CheckpointFiles.step(fromFileName: "step_77.safetensors") == 77)
        #expect(CheckpointFiles.step(fromFileName: "step_x.json") == nil)
        #expect(CheckpointFiles.step(fromFileName: ".step_1.json.tmp-1-2") == nil)
    }

    @Test("config is written atomically and read back")
    func config() throws {
        let root = try TemporaryDirectory()
        defer { root.remove() }
        let run = try RunDirectory.create(root: root.url, environment: "E", algorithm: "a", seed: 1, clock: .fixed(1))
        try run.writeConfig("seed: 1\n")
        #expect(try run.readConfig() == "seed: 1\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: run.url.path) == ["config.yaml"])
    }

    @Test("resume repairs torn files and drops metrics logged after the checkpoint")
    func resume() throws {
        let root = try TemporaryDirectory()
        defer { root.remove() }
        let run = try RunDirectory.create(root: root.url, environment: "E", algorithm: "a", seed: 1, clock: .fixed(1))
        let logger = MetricLogger(sinks: try run.openSinks(columns: ["r"], jsonl: true, clock: .fixed(1)))
        for step in [100, 200, 300] { try logger.scalar("r", Double(step), step: step) }
        try logger.close()
        let handle = try FileHandle(forWritingTo: run.metricsCSV)
        handle.seekToEndOfFile()
        handle.write(Data("400,4".utf8))  // torn row from a killed process
        handle.closeFile()
        let repair = try run.prepareForResume(fromStep: 200)
        #expect(repair == RunDirectory.ResumeRepair(csvRowsRemoved: 1, jsonlLinesRemoved: 1, eventsRemoved: 1))
        #expect(contents(run.metricsCSV) == "step,r\n100,100.0\n200,200.0\n")
        let resumed = MetricLogger(sinks: try run.openSinks(columns: ["r"], jsonl: false, clock: .fixed(2)))
        try resumed.scalar("r", 300, step: 300)
        try resumed.close()
        #expect(contents(run.metricsCSV) == "step,r\n100,100.0\n200,200.0\n300,300.0\n")
        #expect(try run.eventFiles().count == 2)
    }
}
