/// Why a checkpoint could not be written, read or applied. Each message names the file or entry and the fix.
public enum TrainingCheckpointError: Error, Equatable, CustomStringConvertible {
    /// The checkpoint was written by another algorithm.
    case wrongAlgorithm(expected: String, found: String)
    /// A tensor the model needs is not in the weights file.
    case missingTensor(String)
    /// A stored tensor has another shape than the model's parameter.
    case shapeMismatch(name: String, expected: [Int], found: [Int])
    /// A file could not be read or parsed.
    case unreadable(path: String, reason: String)
    /// The sidecar has a format version this build does not know.
    case unsupportedFormat(version: Int)
    /// The sidecar could not be encoded or decoded.
    case invalidSidecar(String)
    /// A path that is neither a checkpoint file nor a run directory with checkpoints.
    case notFound(path: String)

    public var description: String {
        switch self {
        case let .wrongAlgorithm(expected, found):
            return "checkpoint was written by `\(found)`, not `\(expected)`; load it with `\(found)` "
                + "(e.g. `swiftrl eval` picks the algorithm from the checkpoint)"
        case let .missingTensor(name):
            return "checkpoint has no tensor `\(name)`; it was saved from a model with another architecture"
        case let .shapeMismatch(name, expected, found):
            return "checkpoint tensor `\(name)` has shape \(found) but the model expects \(expected); "
                + "the network sizes in the config differ from the saved run's"
        case let .unreadable(path, reason):
            return "\(path): cannot read checkpoint (\(reason))"
        case let .unsupportedFormat(version):
            return "checkpoint format version \(version) is newer than this build supports "
                + "(\(CheckpointHeader.currentFormatVersion)); update swiftrl"
        case let .invalidSidecar(reason):
            return "checkpoint sidecar is invalid: \(reason)"
        case let .notFound(path):
            return "\(path): no checkpoint here; pass a run directory (runs/<env>__<algo>__<seed>__<time>) "
                + "or a checkpoints/step_<n>.safetensors file"
        }
    }
}
