/// One step of a long short-term memory cell (Hochreiter & Schmidhuber 1997) with PyTorch `nn.LSTMCell`'s gate
/// order (input i, forget f, cell g, output o), parameter names and layouts:
///
/// [i, f, g, o] = W_ih x + b_ih + W_hh h + b_hh; c′ = σ(f) ⊙ c + σ(i) ⊙ tanh(g); h′ = σ(o) ⊙ tanh(c′).
public final class LSTMCell: Module {
    /// `[4·hidden, input]`, rows ordered i, f, g, o.
    public let weight_ih: Tensor
    /// `[4·hidden, hidden]`, rows ordered i, f, g, o.
    public let weight_hh: Tensor
    /// `[4·hidden]` or nil.
    public let bias_ih: Tensor?
    /// `[4·hidden]` or nil.
    public let bias_hh: Tensor?

    /// - Parameters:
    ///   - inputSize: features of `x`.
    ///   - hiddenSize: features of `h` and `c`.
    ///   - bias: learn `bias_ih` and `bias_hh`.
    ///   - dtype: element type.
    ///   - rng: generator; every parameter starts U(±1/√hiddenSize) as in PyTorch.
    public init<G: RandomNumberGenerator>(
        inputSize: Int, hiddenSize: Int, bias: Bool = true, dtype: DType = .float32, using rng: inout G
    ) {
        let bound = 1 / Double(hiddenSize).squareRoot()
        let initializer = Initializer.uniform(low: -bound, high: bound)
        weight_ih = initializer.make([4 * hiddenSize, inputSize], dtype: dtype, using: &rng)
        weight_hh = initializer.make([4 * hiddenSize, hiddenSize], dtype: dtype, using: &rng)
        bias_ih = bias ? initializer.make([4 * hiddenSize], dtype: dtype, using: &rng) : nil
        bias_hh = bias ? initializer.make([4 * hiddenSize], dtype: dtype, using: &rng) : nil
    }

    /// Hidden size.
    public var hiddenSize: Int { weight_hh.shape[1] }

    /// The next `(h, c)` for inputs `x [B, input]` and the previous state (zeros when nil).
    /// - Complexity: two matrix products of `[B, ·] × [·, 4·hidden]` plus one fused gate op (``lstmGates(_:cell:)``).
    public func callAsFunction(_ x: Tensor, _ state: (h: Tensor, c: Tensor)? = nil) -> (h: Tensor, c: Tensor) {
        let zeros = Tensor.zeros([x.shape[0], hiddenSize], dtype: x.dtype)
        let (h, c) = state ?? (zeros, zeros)
        let gates = linear(x, weight: weight_ih, bias: bias_ih) + linear(h, weight: weight_hh, bias: bias_hh)
        let next = lstmGates(gates, cell: c)  // [B, 2H] = [h′ | c′]
        let hidden = hiddenSize
        return (next.slice(axis: 1, 0..<hidden), next.slice(axis: 1, hidden..<(2 * hidden)))
    }
}
