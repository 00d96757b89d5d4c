import Environments

/// Exact policy evaluation on an ``EpisodicMDP`` through sparse transition rows, built once per MDP: what regret
/// and violation accounting call every episode. Gives the same values as ``EpisodicMDP/value(of:signal:)`` (the
/// same terms summed in the same order) at O(H·(S·|supp π| + nonzero transitions)) instead of O(H·S²A).
public struct EpisodicEvaluator: Sendable {
    /// The MDP.
    public let mdp: EpisodicMDP
    private let offsets: [[Int]]
    private let targets: [[Int32]]
    private let probabilities: [[Double]]

    /// Builds the sparse rows of `mdp`.
    /// - Complexity: O(tables·S²A).
    public init(_ mdp: EpisodicMDP) {
        self.mdp = mdp
        var offsets: [[Int]] = [], targets: [[Int32]] = [], probabilities: [[Double]] = []
        let s = mdp.stateCount
        for table in mdp.transitions {
            var start = [0], next: [Int32] = [], mass: [Double] = []
            for row in 0..<(s * mdp.actionCount) {
                for target in 0..<s where table[row * s + target] != 0 {
                    next.append(Int32(target))
                    mass.append(table[row * s + target])
                }
                start.append(next.count)
            }
            offsets.append(start)
            targets.append(next)
            probabilities.append(mass)
        }
        self.offsets = offsets
        self.targets = targets
        self.probabilities = probabilities
    }

    /// `E_ρ[V^π_0]` for `signal`.
    public func value(of policy: EpisodicPolicy, signal: EpisodicMDP.Signal = .reward) -> Double {
        let (s, a) = (mdp.stateCount, mdp.actionCount)
        var next = [Double](repeating: 0, count: s), current = next
        for stage in stride(from: mdp.horizon - 1, through: 0, by: -1) {
            let k = mdp.table(stage), pi = policy.probabilities[stage]
            let start = offsets[k], target = targets[k], mass = probabilities[k]
            for state in 0..<s {
                var total = 0.0
                for action in 0..<a {
                    let row = state * a + action, weight = pi[row]
                    guard weight != 0 else { continue }
                    var expected = 0.0
                    for index in start[row]..<start[row + 1] { expected += mass[index] * next[Int(target[index])] }
                    let x =
                        signal == .reward
                        ? mdp.reward(stage: stage, state, action) : mdp.utility(stage: stage, state, action)
                    total += weight * (x + expected)
                }
                current[state] = total
            }
            swap(&next, &current)
        }
        return mdp.expectation(next)
    }
}
