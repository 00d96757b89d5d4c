/// Root-mean-square normalisation in the Llama/Qwen2 form `x · rsqrt(mean(x²) + ε) · weight` (Zhang & Sennrich
/// 2019, arXiv:1910.07467; Hugging Face `Qwen2RMSNorm`/`LlamaRMSNorm`, parameter `weight` initialised to 1).
public final class RMSNorm: Module {
    /// The learned scale, `[dimension]`.
    public let weight: Tensor
    /// ε inside the square root. Qwen2 `rms_norm_eps` 1e-6.
    public let eps: Double

    /// - Parameters:
    ///   - dimension: size of the normalised last dimension.
    ///   - eps: ε inside the square root.
    ///   - dtype: element type.
    public init(_ dimension: Int, eps: Double = 1e-6, dtype: DType = .float32) {
        weight = .ones([dimension], dtype: dtype)
        self.eps = eps
    }

    /// Normalises each `[..., dimension]` row (fused kernel, see ``rmsNorm(_:weight:eps:)``).
    public func callAsFunction(_ x: Tensor) -> Tensor { rmsNorm(x, weight: weight, eps: eps) }
}
