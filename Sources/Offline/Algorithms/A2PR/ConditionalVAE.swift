import Tensor

/// The conditional VAE of BCQ (Fujimoto et al. 2019) as used by A2PR: encoder (s, a) → 750 → 750 → (μ, log σ
/// clamped to [−4, 15]), latent dimension 2·|A|; decoder (s, z) → 750 → 750 → tanh (actions in [−1, 1]);
/// sampling without an encoder draws z ~ N(0, I) clipped to [−0.5, 0.5].
public final class ConditionalVAE: Module {
    /// (s, a) → hidden.
    public let encoder: MLP
    /// hidden → μ.
    public let meanHead: Linear
    /// hidden → log σ.
    public let logStdHead: Linear
    /// (s, z) → action.
    public let decoder: MLP
    /// Latent size.
    public let _latentDimension: Int

    /// A VAE with hidden widths `hidden` (A2PR/BCQ: [750, 750]) and latent size `latent` (2·|A|).
    public init(observationSize: Int, actionSize: Int, hidden: [Int], latent: Int, using rng: inout Xoshiro256StarStar) {
        encoder = MLP([observationSize + actionSize] + hidden, activation: .relu, outputActivation: .relu, using: &rng)
        meanHead = Linear(hidden.last ?? observationSize + actionSize, latent, using: &rng)
        logStdHead = Linear(hidden.last ?? observationSize + actionSize, latent, using: &rng)
        decoder = MLP([observationSize + latent] + hidden + [actionSize], activation: .relu, outputActivation: .tanh, using: &rng)
        _latentDimension = latent
    }

    /// (μ, σ) of q(z | s, a).
    public func encode(_ observations: Tensor, _ actions: Tensor) -> (mean: Tensor, std: Tensor) {
        let h = encoder(concat([observations, actions], axis: 1))
        return (meanHead(h), exp(clamp(logStdHead(h), min: -4, max: 15)))
    }

    /// The decoded action for latent `z`.
    public func decode(_ observations: Tensor, _ z: Tensor) -> Tensor { decoder(concat([observations, z], axis: 1)) }

    /// Reconstruction with z = μ + σ·ε (reparameterised), and (μ, σ).
    public func reconstruct(_ observations: Tensor, _ actions: Tensor, using rng: inout Xoshiro256StarStar)
        -> (reconstruction: Tensor, mean: Tensor, std: Tensor)
    {
        let (mean, std) = encode(observations, actions)
        let z = mean + std * Tensor.normal(mean.shape, using: &rng)
        return (decode(observations, z), mean, std)
    }

    /// BCQ's KL term: mean over batch and latent entries of −½(1 + log σ² − μ² − σ²).
    public static func klDivergence(mean: Tensor, std: Tensor) -> Tensor {
        ((1 + log(std.square()) - mean.square() - std.square()) * -0.5).mean()
    }
}
