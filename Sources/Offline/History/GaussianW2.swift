import Tensor

/// The 2-Wasserstein distance between diagonal Gaussians in closed form:
/// W₂(N(μ₁, diag σ₁²), N(μ₂, diag σ₂²)) = √(‖μ₁ − μ₂‖² + ‖σ₁ − σ₂‖²) (σ standard deviations; the general formula's
/// trace term reduces to this when the covariances commute). The latent-dynamics distance of DBC (Zhang et al.
/// 2021, eq. 4 and its code) used by the bisimulation loss of Hong, Dragan & Levine 2024.
public enum GaussianW2 {
    /// W₂ for one pair of diagonal Gaussians.
    /// - Precondition: all four arrays have the same length.
    public static func distance(mean1: [Double], std1: [Double], mean2: [Double], std2: [Double]) -> Double {
        var total = 0.0
        for i in mean1.indices {
            let dm = mean1[i] - mean2[i], ds = std1[i] - std2[i]
            total += dm * dm + ds * ds
        }
        return total.squareRoot()
    }

    /// Row-wise W₂ of `[B, d]` means and standard deviations, `[B]`.
    public static func distance(mean1: Tensor, std1: Tensor, mean2: Tensor, std2: Tensor) -> Tensor {
        sqrt(((mean1 - mean2).square() + (std1 - std2).square()).sum(axis: 1))
    }
}
