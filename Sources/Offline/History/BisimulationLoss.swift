import Tensor

/// The bisimulation loss on history representations (Hong, Dragan & Levine 2024, §5, in the form of DBC, Zhang et
/// al. 2021, eq. 4 and its code): for pairs (i, j = π(i)) formed by permuting the batch,
///
/// J(φ) = mean_i ( ‖φ(h_i) − φ(h_j)‖₁ − sg[ |r_i − r_j| + γ · W₂(P̂(·|φ(h_i), a_i), P̂(·|φ(h_j), a_j)) ] )²
///
/// with the target under stop-gradient, P̂ the Gaussian latent dynamics and W₂ in closed form (``GaussianW2``).
public enum BisimulationLoss {
    /// The bisimulation targets |r_i − r_j| + γ · W₂(i, j) as constants.
    /// - Parameters:
    ///   - rewards: r per row (dataset rewards or the reward head's predictions).
    ///   - means: μ of P̂ per row, `[B, d]`.
    ///   - stds: σ of P̂ per row, `[B, d]`.
    ///   - permutation: j for each i.
    ///   - gamma: γ.
    public static func targets(
        rewards: [Float], means: Tensor, stds: Tensor, permutation: [Int], gamma: Double
    ) -> [Float] {
        withNoGrad {
            let w2 = GaussianW2.distance(
                mean1: means, std1: stds, mean2: means.indexSelect(permutation), std2: stds.indexSelect(permutation)
            ).floats
            return rewards.indices.map { i in abs(rewards[i] - rewards[permutation[i]]) + Float(gamma) * w2[i] }
        }
    }

    /// J(φ) for latents `z [B, d]` against constant `targets` (``targets(rewards:means:stds:permutation:gamma:)``):
    /// mean_i (‖z_i − z_π(i)‖₁ − target_i)². Differentiable in `z`.
    public static func loss(latents z: Tensor, targets: [Float], permutation: [Int]) -> Tensor {
        let distance = abs(z - z.indexSelect(permutation)).sum(axis: 1)
        return (distance - Tensor(targets)).square().mean()
    }
}

/// The reward head r̂(z, a) and the Gaussian latent dynamics P̂(z′ | z, a) = N(μ, diag σ²) the bisimulation loss
/// needs; both read `[z, one-hot(a)]`. σ = σ_min + (σ_max − σ_min) · sigmoid(·) with DBC's bounds 10⁻⁴ and 10.
public final class BisimulationHeads: Module {
    /// r̂: `[d + n] → width → 1`.
    public let reward: MLP
    /// P̂: `[d + n] → width → 2d` (means, then pre-activation σ).
    public let dynamics: MLP
    /// n, the number of actions.
    public let actionCount: Int
    /// d, the latent size.
    public let latentSize: Int

    /// Heads for latents of size `latentSize` and `actionCount` actions, with ReLU hidden layers of `width`.
    public init(latentSize: Int, actionCount: Int, width: Int, using rng: inout Xoshiro256StarStar) {
        reward = MLP([latentSize + actionCount, width, 1], activation: .relu, using: &rng)
        dynamics = MLP([latentSize + actionCount, width, 2 * latentSize], activation: .relu, using: &rng)
        self.actionCount = actionCount
        self.latentSize = latentSize
    }

    /// r̂ `[B]`, μ `[B, d]` and σ `[B, d]` for latents `z [B, d]` and action indices.
    public func callAsFunction(_ z: Tensor, actions: [Int]) -> (reward: Tensor, mean: Tensor, std: Tensor) {
        let input = concat([z, oneHot(actions, classes: actionCount)], axis: 1)
        let out = dynamics(input)
        let mean = out.slice(axis: 1, 0..<latentSize)
        let std = sigmoid(out.slice(axis: 1, latentSize..<2 * latentSize)) * (10 - 1e-4) + 1e-4
        return (reward(input).reshaped([z.shape[0]]), mean, std)
    }

    /// The heads' own loss: mean squared reward error plus the Gaussian negative log-likelihood of the next latent
    /// (constant): mean[(r̂ − r)²] + mean[½((μ − z′)/σ)² + log σ] (DBC's transition/reward model loss).
    public static func modelLoss(
        _ prediction: (reward: Tensor, mean: Tensor, std: Tensor), rewards: [Float], nextLatents: Tensor
    ) -> Tensor {
        let rewardLoss = mseLoss(prediction.reward, Tensor(rewards))
        let z = (prediction.mean - nextLatents.detached()) / prediction.std
        return rewardLoss + (z.square() * 0.5 + log(prediction.std)).mean()
    }
}
