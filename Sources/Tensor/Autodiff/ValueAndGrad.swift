/// Evaluates `f` and the gradient of its (scalar or any-shape, seeded with ones) result with respect to each of
/// `variables`, by recording `f` on a fresh tape and sweeping it backwards once.
///
/// A variable used several times receives the sum of its gradients; a variable `f` does not use gets zeros.
/// Gradients are constants (not themselves differentiable: no higher-order derivatives).
///
/// ```swift
/// let w = Tensor([0.5, -1], shape: [2, 1])
/// let (loss, grads) = valueAndGrad([w]) { (matmul(x, w) - y).square().mean() }
/// ```
/// - Parameters:
///   - variables: tensors to differentiate with respect to (e.g. a module's parameters).
///   - f: the computation; it must use the variables through tensor ops.
/// - Returns: `f`'s value and one gradient per variable, in order, each with that variable's shape.
public func valueAndGrad(
    _ variables: [Tensor], _ f: () throws -> Tensor
) rethrows -> (value: Tensor, gradients: [Tensor]) {
    let tape = Tape()
    let saved = variables.map { ($0.tape, $0.tapeIndex) }
    var seen = Set<ObjectIdentifier>()
    for v in variables where seen.insert(ObjectIdentifier(v)).inserted { tape.addLeaf(v) }
    defer {
        tape.close()
        for (v, s) in zip(variables, saved).reversed() {
            v.tape = s.0
            v.tapeIndex = s.1
        }
    }
    let value = try GradMode.$isDisabled.withValue(false) { try f() }
    guard value.tape === tape else {
        return (value.detached(), variables.map { Tensor.zeros(like: $0) })
    }
    let grads = tape.gradients(of: value)
    let result = variables.map { v in grads[v.tapeIndex] ?? Tensor.zeros(like: v) }
    return (value.detached(), result)
}

/// The gradients of `f` with respect to `variables` (see ``valueAndGrad(_:_:)``).
public func grad(_ variables: [Tensor], _ f: () throws -> Tensor) rethrows -> [Tensor] {
    try valueAndGrad(variables, f).gradients
}
