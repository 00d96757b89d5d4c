import Environments

/// Safe-but-suboptimal baseline policies π^b for conservative exploration experiments.
public enum BaselinePolicy {
    /// The uniform policy.
    public static func uniform(stateCount: Int, actionCount: Int, horizon: Int) -> EpisodicPolicy {
        EpisodicPolicy(
            probabilities: Array(
                repeating: Array(repeating: 1 / Double(actionCount), count: stateCount * actionCount), count: horizon),
            actionCount: actionCount)
    }

    /// `w·greedy(r + noise) + (1 − w)·uniform`: the optimal policy of `mdp` with each reward perturbed by uniform
    /// noise in `[−noise, noise]` (clamped to [0, 1]), mixed with the uniform policy — a sensible policy that a
    /// practitioner might already run (the digest's prototype used noise 0.5, w 0.7).
    public static func perturbedGreedy(
        _ mdp: EpisodicMDP, noise: Double = 0.5, greedyWeight: Double = 0.7,
        using generator: inout some RandomNumberGenerator
    ) -> EpisodicPolicy {
        var perturbed = mdp
        perturbed.rewards = mdp.rewards.map { table in
            table.map { min(1, max(0, $0 + Double.random(in: -noise...noise, using: &generator))) }
        }
        let greedy = perturbed.optimal().policy
        let uniform = uniform(stateCount: mdp.stateCount, actionCount: mdp.actionCount, horizon: mdp.horizon)
        return EpisodicPolicy(
            probabilities: zip(greedy.probabilities, uniform.probabilities).map { pair in
                zip(pair.0, pair.1).map { greedyWeight * $0 + (1 - greedyWeight) * $1 }
            },
            actionCount: mdp.actionCount)
    }
}
