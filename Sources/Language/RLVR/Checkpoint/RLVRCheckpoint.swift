import Foundation
import Tensor
import Tracking

/// The files of an RLVR checkpoint folder (`<run>/checkpoints/step_<n>/`, see `CheckpointFolder`):
///
/// ```
/// config.json, model.safetensors,   the policy as a Hugging Face model directory (GPT-2 / Qwen2 / Llama), so
/// tokenizer.json, …                 `swiftrl rlvr eval --model` and transformers load it directly
/// policy.safetensors                instead, for other policies (a CTRLS controller): its parameters by path
/// trainer.safetensors               optimizer moments (`optimizer.…`) and value head (`value_head.…`)
/// trainer_state.json                ``RLVRRunState``: step, random streams, counters, metrics so far
/// checkpoint.json                   manifest, written last (commit marker)
/// ```
public enum RLVRCheckpoint {
    /// The manifest kind of RLVR checkpoints.
    public static let kind = "rlvr"
    static let stateFile = "trainer_state.json"
    static let tensorsFile = "trainer.safetensors"
    static let policyFile = "policy.safetensors"

    /// Writes `snapshot` into `folder` (the temporary folder given by `RunSession.saveCheckpointFolder`).
    /// - Parameters:
    ///   - tokenizerFrom: the model directory whose tokenizer files and special token ids go with the weights.
    ///   - metadata: written to `swiftrl.json` of the model directory.
    /// - Throws: ``LanguageModelError`` or `FileIOError` if a file cannot be written.
    public static func write(
        _ snapshot: RLVRSnapshot, to folder: URL, tokenizerFrom: URL?, metadata: [String: String] = [:]
    ) throws {
        let model = snapshot.model
        if let tokenizerFrom, model is GPT2Model || model is LlamaModel {
            try ModelDirectoryWriter.save(model, tokenizerFrom: tokenizerFrom, to: folder, metadata: metadata)
        } else {
            try saveTensors(model.stateDict(), to: folder.appendingPathComponent(policyFile))
        }
        try saveTensors(snapshot.tensors, to: folder.appendingPathComponent(tensorsFile))
        try AtomicFile.write(try CheckpointJSON.encode(snapshot.state), to: folder.appendingPathComponent(stateFile))
    }

    /// The trainer tensors and state of the checkpoint in `folder`, to pass to ``RLVRRunner``'s `resume`.
    /// - Throws: `ResumeError.invalidCheckpoint` if a file is missing or unreadable, or the state fails
    ///   ``RLVRRunState/validate(file:)``.
    public static func resumePoint(in folder: URL) throws -> RLVRResumePoint {
        let tensors: [String: Tensor]
        do { tensors = try Checkpoint.load(from: folder.appendingPathComponent(tensorsFile)).tensors } catch {
            throw ResumeError.invalidCheckpoint(path: folder.path, reason: error.description)
        }
        let stateURL = folder.appendingPathComponent(stateFile)
        let state: RLVRRunState = try CheckpointJSON.decode(from: stateURL)
        do { try state.validate(file: stateURL.path) } catch {
            throw ResumeError.invalidCheckpoint(path: folder.path, reason: error.description)
        }
        return RLVRResumePoint(tensors: tensors, state: state)
    }

    /// Whether the checkpoint in `folder` holds the policy as a Hugging Face model directory (load it with
    /// ``PretrainedModel/load(directory:)``) rather than as `policy.safetensors`.
    public static func hasModelDirectory(_ folder: URL) -> Bool {
        FileManager.default.fileExists(atPath: folder.appendingPathComponent("config.json").path)
    }

    /// Loads `policy.safetensors` of the checkpoint in `folder` into `model` (a policy that is not a Hugging Face
    /// model, e.g. a CTRLS controller over a frozen base).
    /// - Throws: `ResumeError.invalidCheckpoint` if the file is missing or does not fit `model`.
    public static func restorePolicy(_ model: Module, from folder: URL) throws {
        do { try model.load(from: folder.appendingPathComponent(policyFile)) } catch {
            throw ResumeError.invalidCheckpoint(path: folder.path, reason: error.description)
        }
    }

    /// The newest complete RLVR checkpoint of `run`.
    /// - Throws: `ResumeError.noCheckpoint` if there is none; `FileIOError` if the folder cannot be listed.
    public static func latest(in run: RunDirectory) throws -> CheckpointFolder {
        guard let folder = try run.checkpointFolders().last(where: { $0.completeManifest()?.kind == kind }) else {
            throw ResumeError.noCheckpoint(run: run.url.path)
        }
        return folder
    }

    static func saveTensors(_ tensors: [String: Tensor], to url: URL) throws {
        do { try Checkpoint.save(tensors, metadata: ["format": "pt", "writer": "swiftrl"], to: url) } catch {
            throw LanguageModelError(error.description)
        }
    }
}

/// JSON for checkpoint state files (NaN and infinities as strings, sorted keys).
enum CheckpointJSON {
    static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(value)
    }

    static func decode<T: Decodable>(from url: URL) throws -> T {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do {
            let data = try Data(contentsOf: url)
            try CheckedDecoding.checkBracketDepth(String(decoding: data, as: UTF8.self), file: url.path)
            return try decoder.decode(T.self, from: data)
        } catch {
            throw ResumeError.invalidCheckpoint(path: url.path, reason: "\(error)")
        }
    }
}
