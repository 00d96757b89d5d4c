/// An append-only record of differentiable operations. Creation order is a valid topological order, so the
/// backward pass is one reverse sweep with no recursion (unlike micrograd's recursive `build_topo`).
final class Tape {
    /// One recorded operation: which tape entries it read and how to map the output gradient to theirs.
    struct Node {
        /// Tape indices of the inputs (-1 for constants, which get no gradient).
        var inputs: [Int]
        /// Output gradient → one gradient per input (nil where none flows). Nil for leaves.
        var backward: ((Tensor) -> [Tensor?])?
    }

    private(set) var nodes: [Node] = []
    /// False once the tape has been swept or closed; tensors on it then act as constants.
    private(set) var isRecording = true

    /// Registers a leaf (a variable to differentiate with respect to).
    func addLeaf(_ tensor: Tensor) {
        tensor.tape = self
        tensor.tapeIndex = nodes.count
        nodes.append(Node(inputs: [], backward: nil))
    }

    /// Records `output = op(inputs)` with its backward rule.
    func add(_ output: Tensor, inputs: [Tensor], backward: @escaping (Tensor) -> [Tensor?]) {
        output.tape = self
        output.tapeIndex = nodes.count
        nodes.append(Node(inputs: inputs.map { $0.tape === self ? $0.tapeIndex : -1 }, backward: backward))
    }

    /// Reverse sweep from `output` (seeded with ones), returning the gradient of every tape entry that
    /// received one. Closes the tape.
    func gradients(of output: Tensor) -> [Tensor?] {
        precondition(output.tape === self, "valueAndGrad: the function's result does not depend on the inputs")
        var grads = [Tensor?](repeating: nil, count: nodes.count)
        grads[output.tapeIndex] = Tensor.ones(output.shape, dtype: output.dtype)
        isRecording = false
        GradMode.withoutRecording {
            for index in stride(from: output.tapeIndex, through: 0, by: -1) {
                guard let g = grads[index], let backward = nodes[index].backward else { continue }
                let inputGrads = backward(g)
                for (input, inputGrad) in zip(nodes[index].inputs, inputGrads) where input >= 0 {
                    guard let inputGrad else { continue }
                    if let existing = grads[input] {
                        grads[input] = existing.accumulating(inputGrad)
                    } else {
                        grads[input] = inputGrad
                    }
                }
                if index != output.tapeIndex { grads[index] = nil }  // free intermediate gradients early
            }
        }
        return grads
    }

    /// Stops recording and drops the recorded closures (breaking reference cycles through captured tensors).
    func close() {
        isRecording = false
        nodes.removeAll()
    }
}

/// Thread-/task-local switch that turns recording off inside ``withNoGrad(_:)`` and during backward sweeps.
enum GradMode {
    @TaskLocal static var isDisabled = false

    static func withoutRecording<R>(_ body: () throws -> R) rethrows -> R {
        try $isDisabled.withValue(true, operation: body)
    }
}

/// Runs `body` without recording any operation for differentiation (PyTorch's `torch.no_grad()`).
public func withNoGrad<R>(_ body: () throws -> R) rethrows -> R {
    try GradMode.withoutRecording(body)
}

extension Tensor {
    /// Records `out` as computed from `inputs` if any input is being tracked; returns `out`.
    @inline(__always)
    func record(_ out: Tensor, _ inputs: [Tensor], backward: @escaping (Tensor) -> [Tensor?]) -> Tensor {
        recordOp(out, inputs, backward: backward)
    }

    /// `self + other` for gradient accumulation (same shape; a new tensor, inputs untouched).
    func accumulating(_ other: Tensor) -> Tensor {
        precondition(shape == other.shape, "gradient shape \(other.shape) does not match \(shape)")
        switch (storage, other.storage) {
        case (.float32(let a), .float32(let b)):
            let sum = [Float](unsafeUninitializedCapacity: a.count) { out, n in
                a.withUnsafeBufferPointer { pa in
                    b.withUnsafeBufferPointer { pb in for i in 0..<pa.count { out[i] = pa[i] + pb[i] } }
                }
                n = a.count
            }
            return Tensor(storage: .float32(sum), shape: shape)
        default:
            return Tensor(storage: .float64(zip(doubles, other.doubles).map { $0 + $1 }), shape: shape)
        }
    }
}

/// Records `out` on the tape of the first tracked input (if any, and if recording is enabled); returns `out`.
@inline(__always)
func recordOp(_ out: Tensor, _ inputs: [Tensor], backward: @escaping (Tensor) -> [Tensor?]) -> Tensor {
    for input in inputs {
        if let tape = input.tape, tape.isRecording {
            if GradMode.isDisabled { return out }
            tape.add(out, inputs: inputs, backward: backward)
            return out
        }
    }
    return out
}
