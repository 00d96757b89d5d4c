import Foundation
import Tensor
import Tracking

/// Everything of an SFT pretraining run besides tensors that a resumed run needs: the step, the data stream's
/// position and the records so far. Saved as `trainer_state.json` in each checkpoint.
public struct SFTRunState: Codable, Equatable, Sendable {
    /// Optimizer steps done.
    public var step: Int
    /// The `"data"` stream that draws the training examples: the data sampler's position.
    public var dataGenerator: Xoshiro256StarStar
    /// Every step's record so far.
    public var history: [SFTRecord]
    /// The latest greedy accuracy.
    public var accuracy: Double

    /// A state.
    public init(step: Int, dataGenerator: Xoshiro256StarStar, history: [SFTRecord], accuracy: Double) {
        self.step = step
        self.dataGenerator = dataGenerator
        self.history = history
        self.accuracy = accuracy
    }
}

/// A checkpoint of an SFT run in memory, handed to ``SFTPretraining``'s `onCheckpoint`.
public struct SFTSnapshot {
    /// The model being trained.
    public var model: any CausalLanguageModel
    /// Its tokenizer.
    public var tokenizer: CharacterTokenizer
    /// The optimizer state (`optimizer.<key>`).
    public var tensors: [String: Tensor]
    /// Step, data stream and records.
    public var state: SFTRunState
}

/// Where a resumed SFT run continues from (read with ``SFTCheckpoint/resumePoint(in:)``).
public struct SFTResumePoint {
    /// The checkpoint's model.
    public var model: any CausalLanguageModel
    /// The optimizer state (`optimizer.<key>`).
    public var tensors: [String: Tensor]
    /// The saved state.
    public var state: SFTRunState

    /// A resume point.
    public init(model: any CausalLanguageModel, tensors: [String: Tensor], state: SFTRunState) {
        self.model = model
        self.tensors = tensors
        self.state = state
    }
}

/// The files of an SFT checkpoint folder (`<run>/checkpoints/step_<n>/`): a Hugging Face model directory
/// (`config.json`, `model.safetensors`, `tokenizer.json`, …, loadable by `swiftrl rlvr train --model`),
/// `trainer.safetensors` (optimizer moments), `trainer_state.json` (``SFTRunState``) and the manifest
/// `checkpoint.json`, written last.
public enum SFTCheckpoint {
    /// The manifest kind of SFT checkpoints.
    public static let kind = "sft"

    /// Writes `snapshot` into `folder` (the temporary folder given by `RunSession.saveCheckpointFolder`).
    /// - Throws: ``LanguageModelError`` or `FileIOError` if a file cannot be written.
    public static func write(_ snapshot: SFTSnapshot, to folder: URL, metadata: [String: String] = [:]) throws {
        try ModelDirectoryWriter.save(snapshot.model, tokenizer: snapshot.tokenizer, to: folder, metadata: metadata)
        try RLVRCheckpoint.saveTensors(snapshot.tensors, to: folder.appendingPathComponent(RLVRCheckpoint.tensorsFile))
        let state = folder.appendingPathComponent(RLVRCheckpoint.stateFile)
        try AtomicFile.write(try CheckpointJSON.encode(snapshot.state), to: state)
    }

    /// The model, optimizer state and run state of the checkpoint in `folder`.
    /// - Throws: `ResumeError.invalidCheckpoint` if a file is missing or unreadable.
    public static func resumePoint(in folder: URL) throws -> SFTResumePoint {
        do {
            let model = try PretrainedModel.load(directory: folder)
            let tensors = try Checkpoint.load(from: folder.appendingPathComponent(RLVRCheckpoint.tensorsFile)).tensors
            let stateURL = folder.appendingPathComponent(RLVRCheckpoint.stateFile)
            let state: SFTRunState = try CheckpointJSON.decode(from: stateURL)
            try state.validate(file: stateURL.path)
            return SFTResumePoint(model: model, tensors: tensors, state: state)
        } catch let error as ResumeError {
            throw error
        } catch {
            throw ResumeError.invalidCheckpoint(path: folder.path, reason: "\(error)")
        }
    }

    /// The newest complete SFT checkpoint of `run`.
    /// - Throws: `ResumeError.noCheckpoint` if there is none; `FileIOError` if the folder cannot be listed.
    public static func latest(in run: RunDirectory) throws -> CheckpointFolder {
        guard let folder = try run.checkpointFolders().last(where: { $0.completeManifest()?.kind == kind }) else {
            throw ResumeError.noCheckpoint(run: run.url.path)
        }
        return folder
    }
}
