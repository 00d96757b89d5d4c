import Foundation
import Language
import Tracking

/// Where `swiftrl rlvr train` starts: a new run from --model, or the newest checkpoint of --resume.
struct RLVRStartingPoint {
    /// The run being resumed.
    var run: RunDirectory?
    /// Its newest complete checkpoint.
    var checkpoint: CheckpointFolder?
    /// Where the tokenizer, `config.json` (special tokens) and chat template come from: --model, or for a resumed
    /// run a private copy of the checkpoint's files (old checkpoints are pruned while the run goes on).
    var modelFiles: URL
    /// The model directory whose weights the policy starts from: --model or the checkpoint.
    var weights: URL
    /// A temporary folder to delete at the end.
    var temporary: URL?

    func cleanUp() {
        if let temporary { try? FileManager.default.removeItem(at: temporary) }
    }
}

extension RLVRTrainCommand {
    typealias StartingPoint = RLVRStartingPoint

    /// A new run, or --resume's run at its newest complete checkpoint after checking that this command line
    /// resolves to the run's config.yaml.
    /// - Throws: `ResumeError` naming the run directory (no complete checkpoint, conflicting settings).
    func startingPoint(_ settings: Settings) throws -> StartingPoint {
        let modelURL = URL(fileURLWithPath: model)
        guard let resume else { return StartingPoint(modelFiles: modelURL, weights: modelURL) }
        let run = try RunDirectory(existing: URL(fileURLWithPath: resume))
        let folder = try RLVRCheckpoint.latest(in: run)
        try ResumeError.checkConfig(settings, matches: run)
        if steer { return StartingPoint(run: run, checkpoint: folder, modelFiles: modelURL, weights: modelURL) }
        guard RLVRCheckpoint.hasModelDirectory(folder.url) else {
            throw ResumeError.invalidCheckpoint(
                path: folder.url.path, reason: "it has no config.json, so it holds no model directory")
        }
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent(
            "swiftrl-resume-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
        let names = ["config.json", "tokenizer.json", "tokenizer_config.json", "vocab.json", "merges.txt",
                     "special_tokens_map.json"]
        for name in names where FileManager.default.fileExists(atPath: folder.url.appendingPathComponent(name).path) {
            try FileManager.default.copyItem(
                at: folder.url.appendingPathComponent(name), to: copy.appendingPathComponent(name))
        }
        return StartingPoint(run: run, checkpoint: folder, modelFiles: copy, weights: folder.url, temporary: copy)
    }

    /// Starts a new session, or reopens the resumed run at its checkpoint's step (metrics logged after it are
    /// dropped) and reads the checkpoint's trainer state.
    func openSession(
        _ settings: Settings, label: String, start: StartingPoint
    ) throws -> (session: RunSession, point: RLVRResumePoint?) {
        var options = RunSession.Options()
        options.root = URL(fileURLWithPath: runDir)
        options.console = console
        options.progress = !quiet
        options.columns = Self.columns
        options.curveMetric = "eval/accuracy"
        options.keepCheckpoints = 2
        guard let run = start.run, let folder = start.checkpoint else {
            let session = try RunSession.start(
                environment: label, algorithm: presetName, seed: seed, config: settings, totalSteps: steps,
                options: options)
            return (session, nil)
        }
        let point = try RLVRCheckpoint.resumePoint(in: folder.url)
        let session = try RunSession.resume(run, fromStep: point.state.step, totalSteps: steps, options: options)
        print("resuming \(run.url.path) from step \(point.state.step)")
        return (session, point)
    }

    /// `swiftrl.json` of checkpoints and --out: preset, steps, seed, task or dataset.
    func checkpointMetadata(_ settings: Settings) -> [String: String] {
        var metadata = ["rlvr_preset": presetName, "rlvr_steps": String(steps), "rlvr_seed": String(seed)]
        if let task = settings.task {
            metadata["task"] = task.kind.rawValue
            metadata["difficulty"] = String(task.difficulty)
        }
        if let dataset = settings.dataset { metadata["dataset"] = dataset.file }
        return metadata
    }
}
