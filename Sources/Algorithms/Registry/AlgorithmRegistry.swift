import Foundation
import RLCore
import Tensor

/// The algorithms `swiftrl train <algo>` knows, by registry name. Adding an algorithm is one more entry in
/// ``all`` (its type conforms to `ConfigurableAlgorithm`).
public enum AlgorithmRegistry {
    /// Every registered algorithm type.
    public static var all: [any ConfigurableAlgorithm.Type] {
        [
            PPO.self, A2C.self, DQN.self, SAC.self, TD3.self, QLearning.self,
        ]
    }

    /// Registry names, in registration order.
    public static var names: [String] { all.map { $0.name } }

    /// The algorithm named `name` (case-insensitive).
    /// - Throws: `AlgorithmRegistryError.unknownAlgorithm` listing the known names.
    public static func type(named name: String) throws(AlgorithmRegistryError) -> any ConfigurableAlgorithm.Type {
        if let type = all.first(where: { $0.name == name.lowercased() }) { return type }
        throw .unknownAlgorithm(name, known: names)
    }
}

/// An algorithm name the registry does not know.
public enum AlgorithmRegistryError: Error, Equatable, CustomStringConvertible {
    /// The name and the names that exist.
    case unknownAlgorithm(String, known: [String])

    public var description: String {
        switch self {
        case let .unknownAlgorithm(name, known):
            return "unknown algorithm `\(name)`; choose one of: \(known.joined(separator: ", "))"
        }
    }
}

extension AlgorithmRegistry {
    /// Loads any registered algorithm from a checkpoint, picking the type from the checkpoint's header.
    /// - Parameter url: a run directory (newest checkpoint), a `.safetensors` or a `.json` checkpoint file.
    /// - Throws: `TrainingCheckpointError`, `AlgorithmRegistryError` or environment errors.
    public static func load(from url: URL) throws -> any Algorithm {
        let files = try TrainingCheckpoint.locate(url)
        let checkpoint = try TrainingCheckpoint.read(files: files)
        // Errors from decoding name the part ("checkpoint sidecar", "checkpoint weights"); name the file instead.
        do {
            let type = try type(named: try checkpoint.header().algorithm)
            return try type.init(checkpoint: checkpoint)
        } catch let TrainingCheckpointError.invalidSidecar(reason) {
            throw TrainingCheckpointError.unreadable(path: files.sidecar.path, reason: reason)
        } catch var error as InputValidationError {
            error.file = error.file == "checkpoint weights" ? files.weights.path : files.sidecar.path
            throw error
        }
    }
}
