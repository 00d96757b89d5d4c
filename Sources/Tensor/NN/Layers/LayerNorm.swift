/// Layer normalisation over the last dimension (Ba et al. 2016, arXiv:1607.06450; PyTorch `nn.LayerNorm` with
/// one normalised dimension; parameters `weight` = γ initialised to 1, `bias` = β initialised to 0).
public final class LayerNorm: Module {
    /// γ, `[dimension]` (nil without an affine transform).
    public let weight: Tensor?
    /// β, `[dimension]` (nil without an affine transform or when `bias` is false).
    public let bias: Tensor?
    /// ε added to the variance. PyTorch default 1e-5 (GPT-2 `layer_norm_epsilon` 1e-5).
    public let eps: Double

    /// - Parameters:
    ///   - dimension: size of the normalised last dimension.
    ///   - eps: ε added to the variance.
    ///   - elementwiseAffine: learn γ and β (PyTorch `elementwise_affine`).
    ///   - bias: learn β (PyTorch `bias`, default true).
    ///   - dtype: element type.
    public init(
        _ dimension: Int, eps: Double = 1e-5, elementwiseAffine: Bool = true, bias: Bool = true,
        dtype: DType = .float32
    ) {
        weight = elementwiseAffine ? .ones([dimension], dtype: dtype) : nil
        self.bias = elementwiseAffine && bias ? .zeros([dimension], dtype: dtype) : nil
        self.eps = eps
    }

    /// Normalises each `[..., dimension]` row (fused kernel, see ``layerNorm(_:weight:bias:eps:)``).
    public func callAsFunction(_ x: Tensor) -> Tensor { layerNorm(x, weight: weight, bias: bias, eps: eps) }
}
