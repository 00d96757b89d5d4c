/// A gradient-based parameter update rule. Optimizers keep per-parameter state (moments) aligned with the
/// parameter order they first see, update parameters in place, and can save/restore that state.
public protocol Optimizer: AnyObject {
    /// Current learning rate (set by schedules between steps).
    var learningRate: Double { get set }
    /// Number of updates applied so far.
    var step: Int { get }
    /// Applies one update to `parameters` given `gradients` (same order and shapes).
    func update(parameters: [Tensor], gradients: [Tensor])
    /// Named state tensors (moments, …) plus the step count, for checkpoints.
    func stateTensors() -> [String: Tensor]
    /// Restores state saved by ``stateTensors()``.
    /// - Throws: ``OptimizerStateError`` if entries are missing or have the wrong shape.
    func loadState(_ state: [String: Tensor]) throws(OptimizerStateError)
}

/// Optimizer state that does not fit the parameters it is loaded for.
public struct OptimizerStateError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }

    /// The step counter stored as the one-element tensor `step` (it comes from a checkpoint file).
    /// - Throws: an error naming `step` unless the tensor holds one non-negative integer.
    public static func stepCount(_ tensor: Tensor) throws(OptimizerStateError) -> Int {
        guard tensor.count == 1 else {
            throw OptimizerStateError("optimizer state: `step` has shape \(tensor.shape); expected one element")
        }
        do {
            return try CheckedDecoding.integer(
                tensor.doubleItem(), field: "step", file: "optimizer state", range: 0...Int(Int32.max) * 1024)
        } catch {
            throw OptimizerStateError(error.description)
        }
    }
}

extension Optimizer {
    /// Applies one update to `model`'s parameters.
    public func update(_ model: Module, gradients: Gradients) {
        update(parameters: model.parameters(), gradients: gradients.tensors)
    }
}

/// Per-parameter moment buffers shared by the optimizers (Float storage; Double parameters are converted).
final class MomentBuffers {
    var buffers: [[Float]] = []

    func ensure(_ parameters: [Tensor]) {
        if buffers.count != parameters.count { buffers = parameters.map { [Float](repeating: 0, count: $0.count) } }
    }

    func tensors(prefix: String, shapes: [[Int]]) -> [String: Tensor] {
        var out: [String: Tensor] = [:]
        for (i, (b, s)) in zip(buffers, shapes).enumerated() { out["\(prefix).\(i)"] = Tensor(b, shape: s) }
        return out
    }

    func load(prefix: String, from state: [String: Tensor], counts: [Int]) throws(OptimizerStateError) {
        var loaded: [[Float]] = []
        for (i, c) in counts.enumerated() {
            guard let t = state["\(prefix).\(i)"] else { throw OptimizerStateError("optimizer state: missing `\(prefix).\(i)`") }
            guard t.count == c else {
                throw OptimizerStateError("optimizer state: `\(prefix).\(i)` has \(t.count) values, parameter has \(c)")
            }
            loaded.append(t.floats)
        }
        buffers = loaded
    }
}

/// Runs `body` over the Float values of a parameter and its gradient (converting Double parameters).
@inline(__always)
func withParameterBuffers(
    _ parameter: Tensor, _ gradient: Tensor,
    _ body: (UnsafeMutableBufferPointer<Float>, UnsafeBufferPointer<Float>) -> Void
) {
    precondition(parameter.shape == gradient.shape, "optimizer: gradient \(gradient.shape) for parameter \(parameter.shape)")
    let g = gradient.floats
    if parameter.dtype == .float32 {
        g.withUnsafeBufferPointer { pg in parameter.mutate(as: Float.self) { p in body(p, pg) } }
    } else {
        var values = parameter.floats
        g.withUnsafeBufferPointer { pg in values.withUnsafeMutableBufferPointer { p in body(p, pg) } }
        parameter.assign(Tensor(values, shape: parameter.shape).cast(.float64))
    }
}
