import Foundation

/// A stationary low-rank (linear) episodic MDP with its factors: `P(s' | s, a) = Σ_k φ*_k(s, a)·μ*_k(s')` and
/// `r(s, a) = φ*(s, a)ᵀθ` (Jin et al. 2020's linear MDP; the low-rank MDPs of Agarwal et al. 2020 and Qiu et al.
/// 2022), with φ*(s, a) and every μ*_k on the probability simplex and θ ∈ [0, 1]^d, so rows sum to 1 and rewards
/// lie in [0, 1].
///
/// Rows are drawn as `u^sharpness` (u uniform in (0, 1)) normalised to sum to 1: sharpness 1 gives nearly uniform
/// rows, larger values concentrate the mass (more distinguishable latent factors).
public struct LowRankMDP: Sendable {
    /// The MDP (one transition and one reward table; uniform start).
    public let mdp: EpisodicMDP
    /// φ*, `S·A × d` row-major.
    public let features: [Double]
    /// μ*, `d × S` row-major.
    public let factors: [Double]
    /// θ, d values.
    public let rewardWeights: [Double]
    /// d.
    public let rank: Int

    /// Draws the factors and assembles the MDP.
    /// - Throws: ``EnvironmentError/invalidOption(_:)`` for sizes out of range.
    public static func generate(
        states: Int, actions: Int, horizon: Int, rank: Int, sharpness: Double = 2,
        using generator: inout some RandomNumberGenerator
    ) throws(EnvironmentError) -> LowRankMDP {
        guard (1...EpisodicMDPSpec.maximumStates).contains(states),
            (1...EpisodicMDPSpec.maximumActions).contains(actions),
            (1...EpisodicMDPSpec.maximumHorizon).contains(horizon), (1...max(1, states * actions)).contains(rank)
        else {
            throw .invalidOption(
                "LowRankMDP: need S in 1…\(EpisodicMDPSpec.maximumStates), A in 1…\(EpisodicMDPSpec.maximumActions), "
                    + "H in 1…\(EpisodicMDPSpec.maximumHorizon) and d in 1…S·A (got \(states), \(actions), "
                    + "\(horizon), \(rank))")
        }
        guard sharpness > 0, sharpness.isFinite else {
            throw .invalidOption("LowRankMDP: sharpness must be > 0, got \(sharpness)")
        }
        guard states * actions * states <= EpisodicMDPSpec.maximumTransitionEntries else {
            throw .invalidOption("LowRankMDP: S·A·S exceeds \(EpisodicMDPSpec.maximumTransitionEntries) entries")
        }
        func rows(_ count: Int, _ width: Int) -> [Double] {
            var out = [Double](repeating: 0, count: count * width)
            for row in 0..<count {
                var total = 0.0
                for column in 0..<width {
                    let entry = pow(Double.random(in: 0..<1, using: &generator) + 1e-12, sharpness)
                    out[row * width + column] = entry
                    total += entry
                }
                for column in 0..<width { out[row * width + column] /= total }
            }
            return out
        }
        let (s, a, d) = (states, actions, rank)
        let phi = rows(s * a, d), mu = rows(d, s)
        let theta = (0..<d).map { _ in Double.random(in: 0..<1, using: &generator) }
        var table = [Double](repeating: 0, count: s * a * s)
        var reward = [Double](repeating: 0, count: s * a)
        for row in 0..<(s * a) {
            for k in 0..<d {
                let weight = phi[row * d + k]
                reward[row] += weight * theta[k]
                for next in 0..<s { table[row * s + next] += weight * mu[k * s + next] }
            }
            reward[row] = min(1, max(0, reward[row]))
        }
        let mdp = EpisodicMDP(
            stateCount: s, actionCount: a, horizon: horizon, transitions: [table], rewards: [reward],
            initialDistribution: Array(repeating: 1 / Double(s), count: s))
        return LowRankMDP(mdp: mdp, features: phi, factors: mu, rewardWeights: theta, rank: d)
    }
}
