import Tensor
import Tracking

extension Gradients {
    /// The gradients clipped to global norm `maxNorm` (``Gradients/clippedByGlobalNorm(_:)``), after checking that
    /// the norm is finite: a NaN or infinite gradient would otherwise silently turn every parameter into NaN.
    /// - Parameters:
    ///   - owner: prefix of the parameter names in the error (`policy`, `q`).
    ///   - step: the global step, for the error.
    /// - Throws: `NonFiniteValueError` naming the first parameter whose gradient holds a NaN or infinity.
    public func clippedCheckingFinite(_ maxNorm: Double, owner: String, step: Int) throws(NonFiniteValueError)
        -> Gradients
    {
        let (clipped, norm) = clippedByGlobalNorm(maxNorm)
        guard !norm.isFinite else { return clipped }
        for (path, tensor) in zip(paths, tensors) {
            try NonFiniteValueError.check(parameter: "gradient of \(owner).\(path)", tensor.floats, step: step)
        }
        throw NonFiniteValueError(quantity: "gradient global norm of \(owner)", step: step, value: norm)
    }
}
