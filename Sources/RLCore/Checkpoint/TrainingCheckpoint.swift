import Foundation
import Tensor
import Tracking

/// A checkpoint in memory: named tensors (parameters by module path such as `actor.layers.0.weight`, optimizer
/// moments under `optimizer.<name>.…`) written as safetensors, and a JSON sidecar (``CheckpointSidecar``).
/// Never a serialised object: both files are readable from Python (`safetensors`, `json`).
public struct TrainingCheckpoint {
    /// Tensors by name.
    public var tensors: [String: Tensor]
    /// The sidecar, JSON.
    public var sidecar: Data

    /// A checkpoint from its parts.
    /// - Throws: `TrainingCheckpointError.invalidSidecar` if the sidecar cannot be encoded.
    public init<Config: Codable, State: Codable>(
        sidecar: CheckpointSidecar<Config, State>, tensors: [String: Tensor]
    ) throws(TrainingCheckpointError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do {
            self.sidecar = try encoder.encode(sidecar)
        } catch {
            throw .invalidSidecar("cannot encode (\(error))")
        }
        self.tensors = tensors
    }

    /// A checkpoint from raw parts (e.g. read from disk).
    public init(tensors: [String: Tensor], sidecarJSON: Data) {
        self.tensors = tensors
        sidecar = sidecarJSON
    }

    /// The header (algorithm, seed, step, spaces).
    /// - Throws: `TrainingCheckpointError` if the sidecar is not a SwiftRL checkpoint sidecar or is too new.
    public func header() throws(TrainingCheckpointError) -> CheckpointHeader {
        let preamble: CheckpointPreamble = try decodeJSON(CheckpointPreamble.self)
        guard preamble.header.formatVersion <= CheckpointHeader.currentFormatVersion else {
            throw .unsupportedFormat(version: preamble.header.formatVersion)
        }
        return preamble.header
    }

    /// The whole sidecar, checking that it belongs to `algorithm`.
    /// - Throws: `TrainingCheckpointError.wrongAlgorithm` or `.invalidSidecar`.
    public func contents<Config: Codable, State: Codable>(
        algorithm: String, config: Config.Type, state: State.Type
    ) throws(TrainingCheckpointError) -> CheckpointSidecar<Config, State> {
        let found = try header().algorithm
        guard found == algorithm else { throw .wrongAlgorithm(expected: algorithm, found: found) }
        let contents = try decodeJSON(CheckpointSidecar<Config, State>.self)
        do {
            try CheckpointLimits.validate(contents.environment, path: "environment", file: "checkpoint sidecar")
            try CheckpointLimits.validate(contents.config, path: "config", file: "checkpoint sidecar")
        } catch {
            throw .invalidSidecar(error.description)
        }
        return contents
    }

    private func decodeJSON<T: Decodable>(_ type: T.Type) throws(TrainingCheckpointError) -> T {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do {
            return try decoder.decode(type, from: sidecar)
        } catch {
            throw .invalidSidecar("\(error)")
        }
    }

    // MARK: Modules and optimizers

    /// The parameters of `module` named `<prefix>.<path>`.
    public static func tensors(of module: Module, prefix: String) -> [String: Tensor] {
        var out: [String: Tensor] = [:]
        for (path, tensor) in module.namedParameters() { out["\(prefix).\(path)"] = tensor.detached() }
        return out
    }

    /// The state of `optimizer` named `<prefix>.<key>`.
    public static func tensors(of optimizer: any Optimizer, prefix: String) -> [String: Tensor] {
        var out: [String: Tensor] = [:]
        for (key, tensor) in optimizer.stateTensors() { out["\(prefix).\(key)"] = tensor }
        return out
    }

    /// Copies the stored values `<prefix>.<path>` into every parameter of `module`.
    /// - Throws: `TrainingCheckpointError.missingTensor` or `.shapeMismatch`.
    public func restore(_ module: Module, prefix: String) throws(TrainingCheckpointError) {
        for (path, parameter) in module.namedParameters() {
            let name = "\(prefix).\(path)"
            guard let stored = tensors[name] else { throw .missingTensor(name) }
            guard stored.shape == parameter.shape else {
                throw .shapeMismatch(name: name, expected: parameter.shape, found: stored.shape)
            }
            parameter.assign(stored.dtype == parameter.dtype ? stored : stored.cast(parameter.dtype))
        }
    }

    /// Restores `optimizer` from the tensors named `<prefix>.<key>` (nothing stored = a fresh optimizer).
    /// - Throws: `TrainingCheckpointError.invalidSidecar` if the stored state does not fit the parameters.
    public func restore(_ optimizer: any Optimizer, prefix: String) throws(TrainingCheckpointError) {
        var state: [String: Tensor] = [:]
        let start = "\(prefix)."
        for (name, tensor) in tensors where name.hasPrefix(start) { state[String(name.dropFirst(start.count))] = tensor }
        guard !state.isEmpty else { return }
        do {
            try optimizer.loadState(state)
        } catch {
            throw .invalidSidecar("optimizer `\(prefix)`: \(error.description)")
        }
    }
}
