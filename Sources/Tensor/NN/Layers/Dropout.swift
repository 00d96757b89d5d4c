/// Inverted dropout (Srivastava et al. 2014): in training mode each element is zeroed with probability `p` and the
/// survivors are scaled by 1/(1 − p), so evaluation mode (``Module/eval()``) is the identity. PyTorch `nn.Dropout`.
/// Randomness comes only from the generator passed to each call.
public final class Dropout: Module {
    /// Probability of zeroing an element, in [0, 1].
    public let p: Double

    /// - Parameter p: drop probability in [0, 1] (GPT-2 and Qwen2 configs use 0.1 and 0.0).
    public init(p: Double = 0.5) {
        precondition(p >= 0 && p <= 1, "Dropout: p must lie in [0, 1], got \(p)")
        self.p = p
    }

    /// Applies dropout in training mode (a fresh mask from `rng`); returns `x` unchanged in evaluation mode or when
    /// `p` is 0. Draws one 64-bit number per element in training mode.
    /// - Complexity: O(x.count).
    public func callAsFunction<G: RandomNumberGenerator>(_ x: Tensor, using rng: inout G) -> Tensor {
        guard isTraining, p > 0 else { return x }
        if p >= 1 { return x * 0.0 }
        // keep when a uniform 64-bit draw ≥ p·2⁶⁴ (probability 1 − p up to 2⁻⁶⁴)
        let threshold = UInt64(min(p * 0x1p64, Double(UInt64.max)))
        let mask: Tensor
        switch x.dtype {
        case .float32:
            let keep = Float(1 / (1 - p))
            mask = Tensor(
                storage: .float32((0..<x.count).map { _ in rng.next() >= threshold ? keep : 0 }), shape: x.shape)
        case .float64:
            let keep = 1 / (1 - p)
            mask = Tensor(
                storage: .float64((0..<x.count).map { _ in rng.next() >= threshold ? keep : 0 }), shape: x.shape)
        }
        return x * mask
    }
}
