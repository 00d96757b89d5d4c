import Foundation
import Language
import Tensor
import Testing
import Tracking

@testable import swiftrl

/// `swiftrl rlvr train` and `swiftrl rlvr pretrain` killed with SIGKILL after their first checkpoint, then
/// `--resume`d, end with the same weights and metrics as an uninterrupted run of the same seed.
@Suite(.serialized) struct RLVRKillResumeTests {
    static var canRun: Bool {
        #if os(Linux)
            return SwiftRLProcess.executable != nil
        #else
            return false
        #endif
    }

    /// A tiny GPT-2 with the synthetic tasks' character tokenizer, as a model directory.
    static func baseModel(in scratch: ScratchFolder) throws -> String {
        var rng = SplitMix64(seed: 3)
        let tokenizer = SyntheticTask.tokenizer
        let model = try GPT2Model(
            configuration: GPT2Configuration(
                vocabularySize: tokenizer.vocabularySize, contextLength: 24, hiddenSize: 16, layers: 1, heads: 2),
            using: &rng)
        let path = scratch.path("base")
        try ModelDirectoryWriter.save(model, tokenizer: tokenizer, to: URL(fileURLWithPath: path))
        return path
    }

    static func trainArguments(model: String, steps: Int = 12) -> [String] {
        [
            "rlvr", "train", "--model", model, "--task", "addition", "--difficulty", "1", "--steps", String(steps),
            "--set", "groupSize=2", "--set", "promptsPerStep=2", "--set", "maxCompletionLength=4",
            "--set", "learningRate=0.01", "--eval-every", "4", "--eval-problems", "2", "--eval-samples", "1",
            "--checkpoint-every", "2", "--seed", "3", "--quiet",
        ]
    }

    static func pretrainArguments() -> [String] {
        [
            "rlvr", "pretrain", "--task", "addition", "--difficulty", "1", "--steps", "40", "--batch-size", "4",
            "--layers", "1", "--hidden-size", "16", "--heads", "2", "--context-length", "24", "--eval-problems", "2",
            "--eval-every", "10", "--checkpoint-every", "5", "--seed", "3",
        ]
    }

    /// Runs `arguments` uninterrupted under `straight/`, and under `killed/` with a SIGKILL once the first
    /// checkpoint is complete followed by `--resume`; returns both run directories.
    static func killAndResume(
        _ arguments: [String], scratch: ScratchFolder, finalStep: Int
    ) throws -> (straight: RunDirectory, resumed: RunDirectory) {
        try SwiftRLProcess.runToEnd(
            arguments + ["--run-dir", scratch.path("straight")],
            log: scratch.url.appendingPathComponent("straight.log"))
        let killedRoot = scratch.url.appendingPathComponent("killed")
        let killed = try SwiftRLProcess.killWhen(
            arguments + ["--run-dir", killedRoot.path], log: scratch.url.appendingPathComponent("killed.log")
        ) {
            (try? SwiftRLProcess.existingRun(in: killedRoot)?.checkpointFolders().isEmpty == false) ?? false
        }
        try #require(killed, "the run finished before it could be killed; give it more steps")
        let run = try SwiftRLProcess.runDirectory(in: killedRoot)
        let checkpointed = try #require(try run.latestCheckpointFolder()?.step)
        #expect(checkpointed < finalStep)
        // what a writer killed mid-checkpoint could leave: a newer folder without its manifest, a temporary folder
        let torn = run.checkpointFolder(step: checkpointed + 1).url
        try FileManager.default.createDirectory(at: torn, withIntermediateDirectories: true)
        try Data([1, 2, 3]).write(to: torn.appendingPathComponent("model.safetensors"))
        try FileManager.default.createDirectory(
            at: run.checkpointsDirectory.appendingPathComponent(".step_\(checkpointed + 1).partial-1-1"),
            withIntermediateDirectories: true)
        #expect(try run.latestCheckpointFolder()?.step == checkpointed)
        try SwiftRLProcess.runToEnd(
            arguments + ["--run-dir", killedRoot.path, "--resume", run.url.path],
            log: scratch.url.appendingPathComponent("resumed.log"))
        return (try SwiftRLProcess.runDirectory(in: scratch.url.appendingPathComponent("straight")), run)
    }

    static func expectSameFinalModel(_ a: RunDirectory, _ b: RunDirectory, step: Int) throws {
        let x = try Data(contentsOf: a.checkpointFolder(step: step).url.appendingPathComponent("model.safetensors"))
        let y = try Data(contentsOf: b.checkpointFolder(step: step).url.appendingPathComponent("model.safetensors"))
        #expect(x == y, "final weights differ")
        #expect(try b.checkpointFolders().map(\.step).last == step)
    }

    @Test(.enabled(if: canRun)) func killedTrainRunResumesToTheUninterruptedResult() throws {
        let scratch = try ScratchFolder()
        let base = try Self.baseModel(in: scratch)
        let (straight, resumed) = try Self.killAndResume(
            Self.trainArguments(model: base), scratch: scratch, finalStep: 12)
        try Self.expectSameFinalModel(straight, resumed, step: 12)
        let timing: Set<String> = [RLVRMetricNames.tokensPerSecond]
        let expected = try SwiftRLProcess.metrics(straight, dropping: timing)
        let got = try SwiftRLProcess.metrics(resumed, dropping: timing)
        #expect(got == expected)
        let trained = got.rows.filter { got.cell($0, RLVRMetricNames.reward)?.isEmpty == false }
        #expect(trained.compactMap { got.cell($0, "step") } == (1...12).map(String.init), "one row per step")

        // `rlvr eval --model <run dir>` evaluates the newest checkpoint
        #expect(try resolveModelDirectory(resumed.url.path) == resumed.checkpointFolder(step: 12).url.path)
        #expect(try resolveModelDirectory(base) == base)
    }

    @Test(.enabled(if: canRun)) func killedPretrainRunResumesToTheUninterruptedResult() throws {
        let scratch = try ScratchFolder()
        let (straight, resumed) = try Self.killAndResume(Self.pretrainArguments(), scratch: scratch, finalStep: 40)
        try Self.expectSameFinalModel(straight, resumed, step: 40)
        #expect(try String(contentsOf: resumed.metricsCSV, encoding: .utf8)
            == String(contentsOf: straight.metricsCSV, encoding: .utf8))
    }

    @Test func resumeRefusesRunsWithoutCheckpointOrWithOtherSettings() throws {
        let scratch = try ScratchFolder()
        let base = try Self.baseModel(in: scratch)
        let root = scratch.path("runs")
        func arguments(steps: Int) -> [String] { Array(Self.trainArguments(model: base, steps: steps).dropFirst(2)) }
        var command = try RLVRTrainCommand.parse(arguments(steps: 2) + ["--run-dir", root])
        try command.run()
        let run = try SwiftRLProcess.runDirectory(in: URL(fileURLWithPath: root))
        do {
            command = try RLVRTrainCommand.parse(arguments(steps: 3) + ["--run-dir", root, "--resume", run.url.path])
            try command.run()
            Issue.record("resumed with a different --steps")
        } catch let error as ResumeError {
            #expect(error.description.contains(run.url.path))
            #expect(error.description.contains("steps (saved 2, now 3)"))
        }
        let empty = scratch.url.appendingPathComponent("empty")
        try FileManager.default.createDirectory(
            at: empty.appendingPathComponent("checkpoints"), withIntermediateDirectories: true)
        #expect(throws: ResumeError.noCheckpoint(run: empty.standardizedFileURL.path)) {
            try RLVRTrainCommand.parse(arguments(steps: 2) + ["--resume", empty.path]).run()
        }
        #expect(throws: RLVRCommandError.self) { try resolveModelDirectory(empty.path) }
    }
}
