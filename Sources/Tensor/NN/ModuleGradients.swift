/// Gradients of a module's parameters, aligned with ``Module/namedParameters()``.
public struct Gradients {
    /// Parameter paths, in the module's order.
    public var paths: [String]
    /// One gradient per path, each with its parameter's shape.
    public var tensors: [Tensor]

    public init(paths: [String], tensors: [Tensor]) {
        self.paths = paths
        self.tensors = tensors
    }

    /// The gradient of the parameter at `path`, if present.
    public subscript(path: String) -> Tensor? {
        paths.firstIndex(of: path).map { tensors[$0] }
    }

    /// Square root of the sum of squares of every element (the global gradient norm).
    public var globalNorm: Double {
        var s = 0.0
        for t in tensors {
            switch t.storage {
            case .float32(let a): s += Double(a.reduce(Float(0)) { $0 + $1 * $1 })
            case .float64(let a): s += a.reduce(0) { $0 + $1 * $1 }
            }
        }
        return s.squareRoot()
    }

    /// These gradients scaled so their global norm is at most `maxNorm` (PyTorch `clip_grad_norm_`:
    /// scale = maxNorm / (norm + 1e-6) when the norm exceeds `maxNorm`). Also returns the norm before clipping.
    public func clippedByGlobalNorm(_ maxNorm: Double) -> (gradients: Gradients, norm: Double) {
        let norm = globalNorm
        guard norm > maxNorm else { return (self, norm) }
        let scale = maxNorm / (norm + 1e-6)
        return (Gradients(paths: paths, tensors: tensors.map { $0 * scale }), norm)
    }
}

/// Evaluates `f(model)` and the gradients of its result with respect to every parameter of `model`.
///
/// ```swift
/// let (loss, grads) = valueAndGrad(model) { m in mse(m(x), y) }
/// optimizer.update(model, gradients: grads)
/// ```
/// - Parameters:
///   - model: the module whose parameters are differentiated.
///   - f: the loss; it must reach the parameters through tensor ops.
/// - Returns: the loss value and ``Gradients`` aligned with `model.namedParameters()`.
public func valueAndGrad<M: Module>(_ model: M, _ f: (M) throws -> Tensor) rethrows -> (value: Tensor, gradients: Gradients) {
    let named = model.namedParameters()
    let (value, grads) = try valueAndGrad(named.map(\.tensor)) { try f(model) }
    return (value, Gradients(paths: named.map(\.path), tensors: grads))
}

/// Evaluates `f` and the gradients with respect to the parameters of several modules at once (e.g. an actor and
/// a critic sharing one loss), returned in order.
public func valueAndGrad(_ modules: [Module], _ f: () throws -> Tensor) rethrows -> (value: Tensor, gradients: [Gradients]) {
    let named = modules.map { $0.namedParameters() }
    let (value, grads) = try valueAndGrad(named.flatMap { $0.map(\.tensor) }, f)
    var out: [Gradients] = []
    var offset = 0
    for n in named {
        out.append(Gradients(paths: n.map(\.path), tensors: Array(grads[offset..<(offset + n.count)])))
        offset += n.count
    }
    return (value, out)
}
