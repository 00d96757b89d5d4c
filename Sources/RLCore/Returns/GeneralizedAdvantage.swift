/// Generalised advantage estimation (Schulman et al. 2016, arXiv:1506.02438) over a rollout of `T` steps from
/// `N` parallel environments, laid out time-major (`index = t·N + env`).
///
/// Gymnasium semantics: `terminated[t]` ends the MDP (no bootstrap); `truncated[t]` is an external cut, where
/// the value of the true final observation (`truncatedValues[t]`, V(s_final)) is bootstrapped — SB3 issue #633
/// folds this into the reward as r + γ·V(s_final); the trace is cut at both. `valid[t]` marks the transitions to
/// learn from: next-step autoreset produces a "reset step" after every episode end whose action was ignored;
/// it has `valid = false`, gets advantage and return 0, and cuts the trace.
///
/// - Parameters:
///   - rewards, values: r_t and V(s_t), `T·N` each.
///   - terminated, truncated: episode-end flags of step t.
///   - truncatedValues: V(final observation) where `truncated[t]`, ignored elsewhere.
///   - valid: false for next-step-autoreset transitions (default all true).
///   - lastValues: V(s_T) for the observation after the rollout, `N` values.
///   - gamma: γ, discount. lambda: λ, trace decay (1 = Monte Carlo minus V, 0 = TD(0)).
/// - Returns: advantages Â_t and returns Â_t + V(s_t) (the value targets), `T·N` each.
/// - Complexity: O(T·N).
public func generalizedAdvantages(
    rewards: [Double], values: [Double], terminated: [Bool], truncated: [Bool], truncatedValues: [Double],
    valid: [Bool]? = nil, lastValues: [Double], numEnvs: Int, gamma: Double, lambda: Double
) -> (advantages: [Double], returns: [Double]) {
    let total = rewards.count
    precondition(numEnvs > 0 && total % numEnvs == 0 && values.count == total && terminated.count == total
                 && truncated.count == total && truncatedValues.count == total && lastValues.count == numEnvs,
                 "generalizedAdvantages: arrays must hold T·N entries (N = \(numEnvs)) and lastValues N")
    let steps = total / numEnvs
    var advantages = [Double](repeating: 0, count: total)
    var returns = [Double](repeating: 0, count: total)
    for env in 0..<numEnvs {
        var nextAdvantage = 0.0
        var nextValue = lastValues[env]
        for t in stride(from: steps - 1, through: 0, by: -1) {
            let i = t * numEnvs + env
            if let valid, !valid[i] {
                // reset step of next-step autoreset: nothing to learn, and the trace restarts behind it
                nextAdvantage = 0
                nextValue = values[i]
                continue
            }
            let delta: Double
            if terminated[i] {
                delta = rewards[i] - values[i]
                nextAdvantage = delta
            } else if truncated[i] {
                delta = rewards[i] + gamma * truncatedValues[i] - values[i]
                nextAdvantage = delta
            } else {
                delta = rewards[i] + gamma * nextValue - values[i]
                nextAdvantage = delta + gamma * lambda * nextAdvantage
            }
            advantages[i] = nextAdvantage
            returns[i] = nextAdvantage + values[i]
            nextValue = values[i]
        }
    }
    return (advantages, returns)
}
