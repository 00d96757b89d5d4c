/// A 1-D convolution over `[batch, inChannels, length]` (PyTorch `nn.Conv1d` with `groups = 1` and zero padding;
/// parameters `weight [out, in, kernelSize]` and `bias [out]`), computed as im2col followed by one matrix product.
public final class Conv1d: Module {
    /// `[outChannels, inChannels, kernelSize]`.
    public let weight: Tensor
    /// `[outChannels]` or nil.
    public let bias: Tensor?
    /// Kernel size, stride, padding and dilation.
    public let geometry: Convolution1DGeometry

    /// - Parameters:
    ///   - inChannels: input channels.
    ///   - outChannels: output channels.
    ///   - kernelSize: window length.
    ///   - stride: step between windows.
    ///   - padding: zeros added on both ends.
    ///   - dilation: spacing between window taps.
    ///   - bias: learn a bias.
    ///   - initializer: weight initialiser (default PyTorch's U(±1/√(in·k)); the bias uses the same bound).
    ///   - dtype: element type.
    ///   - rng: generator for the initial values.
    public init<G: RandomNumberGenerator>(
        inChannels: Int, outChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0, dilation: Int = 1,
        bias: Bool = true, initializer: Initializer = .pytorchDefault, dtype: DType = .float32, using rng: inout G
    ) {
        precondition(
            inChannels > 0 && outChannels > 0 && kernelSize > 0 && stride > 0 && dilation > 0 && padding >= 0,
            "Conv1d: channels, kernelSize, stride and dilation must be positive and padding ≥ 0")
        geometry = Convolution1DGeometry(kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation)
        weight = initializer.make([outChannels, inChannels, kernelSize], dtype: dtype, using: &rng)
        let bound = 1 / Double(inChannels * kernelSize).squareRoot()
        self.bias =
            bias ? Initializer.uniform(low: -bound, high: bound).make([outChannels], dtype: dtype, using: &rng) : nil
    }

    /// Output length for an input of `length`.
    public func outputLength(_ length: Int) -> Int { geometry.outputLength(length) }

    /// Convolves `x [B, inChannels, L]` into `[B, outChannels, L_out]`.
    /// - Complexity: O(B·out·in·kernelSize·L_out) in one matrix product.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        let (outChannels, inChannels, k) = (weight.shape[0], weight.shape[1], weight.shape[2])
        precondition(
            x.rank == 3 && x.shape[1] == inChannels,
            "Conv1d: input must be [batch, \(inChannels), length], got \(x.shape)")
        let rows = im2col1D(x, geometry: geometry)  // [B, L_out, in·k]
        let flat = rows.reshaped([-1, inChannels * k])
        let y = linear(flat, weight: weight.reshaped([outChannels, inChannels * k]), bias: bias)  // [B·L_out, out]
        return y.reshaped([x.shape[0], rows.shape[1], outChannels]).permuted([0, 2, 1])
    }
}
