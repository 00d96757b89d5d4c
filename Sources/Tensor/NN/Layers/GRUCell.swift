/// One step of a gated recurrent unit (Cho et al. 2014) with PyTorch `nn.GRUCell`'s gate order (reset r,
/// update z, new n), parameter names and layouts, so checkpoints map one to one:
///
/// r = σ(W_ir x + b_ir + W_hr h + b_hr), z = σ(W_iz x + b_iz + W_hz h + b_hz),
/// n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)), h′ = (1 − z) ⊙ n + z ⊙ h.
public final class GRUCell: Module {
    /// `[3·hidden, input]`, rows ordered r, z, n.
    public let weight_ih: Tensor
    /// `[3·hidden, hidden]`, rows ordered r, z, n.
    public let weight_hh: Tensor
    /// `[3·hidden]` or nil.
    public let bias_ih: Tensor?
    /// `[3·hidden]` or nil.
    public let bias_hh: Tensor?

    /// - Parameters:
    ///   - inputSize: features of `x`.
    ///   - hiddenSize: features of `h`.
    ///   - bias: learn `bias_ih` and `bias_hh`.
    ///   - dtype: element type.
    ///   - rng: generator; every parameter starts U(±1/√hiddenSize) as in PyTorch.
    public init<G: RandomNumberGenerator>(
        inputSize: Int, hiddenSize: Int, bias: Bool = true, dtype: DType = .float32, using rng: inout G
    ) {
        let bound = 1 / Double(hiddenSize).squareRoot()
        let initializer = Initializer.uniform(low: -bound, high: bound)
        weight_ih = initializer.make([3 * hiddenSize, inputSize], dtype: dtype, using: &rng)
        weight_hh = initializer.make([3 * hiddenSize, hiddenSize], dtype: dtype, using: &rng)
        bias_ih = bias ? initializer.make([3 * hiddenSize], dtype: dtype, using: &rng) : nil
        bias_hh = bias ? initializer.make([3 * hiddenSize], dtype: dtype, using: &rng) : nil
    }

    /// Hidden size.
    public var hiddenSize: Int { weight_hh.shape[1] }

    /// The next hidden state for inputs `x [B, input]` and the previous state `h [B, hidden]` (zeros when nil).
    /// - Complexity: two matrix products of `[B, ·] × [·, 3·hidden]` plus one fused gate op (``gruGates(inputGates:hiddenGates:state:)``).
    public func callAsFunction(_ x: Tensor, _ h: Tensor? = nil) -> Tensor {
        let hidden = hiddenSize
        let state = h ?? .zeros([x.shape[0], hidden], dtype: x.dtype)
        let gi = linear(x, weight: weight_ih, bias: bias_ih)
        let gh = linear(state, weight: weight_hh, bias: bias_hh)
        return gruGates(inputGates: gi, hiddenGates: gh, state: state)
    }
}
