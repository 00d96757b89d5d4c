import Tensor

/// Bounds on the sizes a checkpoint sidecar may declare, checked before anything is allocated from them: a damaged
/// sidecar with `numSteps: 9223372036854775807` or `hiddenSizes: [-5]` is an error naming the field, not a trap in
/// an allocation or an `Int` overflow.
///
/// Every `Int` of the config (found by reflection, so new config fields are covered without code here) must lie
/// within ±2^40; the fields that size buffers (``bufferSizeKeys``) within 0…2^20; every `[Int]` (layer widths)
/// must hold at most 64 entries in 0…16 384; `numEnvs` is 1…4096.
public enum CheckpointLimits {
    /// Fields that size per-step buffers or batches.
    public static let bufferSizeKeys: Set<String> = [
        "numSteps", "minibatchSize", "batchSize", "nSteps", "gradientSteps", "epochs",
    ]
    /// The largest vectorised environment count a checkpoint may declare.
    public static let maximumEnvironments = 4_096

    /// Checks `value` (a decoded config or environment config) against the bounds.
    /// - Throws: ``InputValidationError`` naming `file` and the dotted field path.
    public static func validate(_ value: Any, path: String, file: String) throws(InputValidationError) {
        try walk(value, path: path, key: "", file: file, depth: 0)
    }

    private static func walk(_ value: Any, path: String, key: String, file: String, depth: Int)
        throws(InputValidationError)
    {
        guard depth < 12 else { return }
        switch value {
        case let integer as Int:
            let bound: ClosedRange<Int> =
                key == "numEnvs" ? 1...maximumEnvironments
                : bufferSizeKeys.contains(key) ? 0...(1 << 20) : -(1 << 40)...(1 << 40)
            guard bound.contains(integer) else {
                throw InputValidationError(
                    file: file, field: path, expected: "an integer in \(bound.lowerBound)…\(bound.upperBound)",
                    found: "\(integer)")
            }
        case let integers as [Int]:
            guard integers.count <= 64, integers.allSatisfy({ (0...16_384).contains($0) }) else {
                throw InputValidationError(
                    file: file, field: path, expected: "at most 64 sizes in 0…16384", found: "\(integers.prefix(8))")
            }
        default:
            for child in Mirror(reflecting: value).children {
                let name = child.label ?? "?"
                try walk(child.value, path: path.isEmpty ? name : "\(path).\(name)", key: name, file: file,
                         depth: depth + 1)
            }
        }
    }
}
