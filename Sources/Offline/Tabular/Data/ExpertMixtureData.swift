import Environments

/// Data with a controllable expert fraction: `(s, a) ~ μ = p · d^{π*} + (1 − p) · Uniform(S × A)`, then
/// `r ~ Bernoulli(R[s, a])` (or `R[s, a]` exactly) and `s' ~ P(· | s, a)`. In a (contextual) bandit this is
/// `p · δ_{a*} + (1 − p) · Uniform(A)` per context as in Rashidinejad et al. (2021, §6); p = 1 gives C* = 1
/// (expert data), p = 0 uniform coverage.
public struct ExpertMixtureData: Sendable {
    /// How an observed reward is drawn from the expected reward `R[s, a]`.
    public enum RewardNoise: String, Codable, Sendable, CaseIterable {
        /// `r ~ Bernoulli(R[s, a])`: needs `R` in [0, 1].
        case bernoulli
        /// `r = R[s, a]`.
        case none
    }

    /// The MDP the data comes from.
    public let mdp: TabularMDP
    /// γ of the occupancy `d^{π*}` (0 for bandits).
    public let gamma: Double
    /// p, the expert fraction.
    public let expertFraction: Double
    /// The expert π* (an optimal policy).
    public let expertPolicy: [Int]
    /// `d^{π*}(s, a)`.
    public let expertOccupancy: [Double]
    /// `μ(s, a)`.
    public let distribution: [Double]
    /// The reward noise.
    public let rewardNoise: RewardNoise
    private let cumulative: [Double]

    /// A generator.
    /// - Parameters:
    ///   - mdp: the true model; rewards `R` must lie in [0, 1].
    ///   - gamma: γ in [0, 1) (0 for bandits).
    ///   - expertFraction: p in [0, 1].
    ///   - expertPolicy: π*; default the optimal policy of value iteration.
    ///   - rewardNoise: default ``RewardNoise/bernoulli``.
    /// - Throws: ``TabularOfflineError/invalidConfiguration(_:)`` for p or γ out of range, rewards outside [0, 1]
    ///   or a policy of the wrong length.
    public init(
        mdp: TabularMDP, gamma: Double, expertFraction: Double, expertPolicy: [Int]? = nil,
        rewardNoise: RewardNoise = .bernoulli
    ) throws(TabularOfflineError) {
        guard (0...1).contains(expertFraction) else {
            throw .invalidConfiguration("expertFraction p must be in [0, 1], got \(expertFraction)")
        }
        guard gamma >= 0, gamma < 1 else { throw .invalidConfiguration("gamma must be in [0, 1), got \(gamma)") }
        guard mdp.stateCount > 0, mdp.actionCount > 0, mdp.rewards.allSatisfy({ (0...1).contains($0) }) else {
            throw .invalidConfiguration("the MDP needs states, actions and rewards in [0, 1]; rescale its rewards")
        }
        let policy = expertPolicy ?? mdp.valueIteration(gamma: gamma, tolerance: 1e-12).policy
        guard policy.count == mdp.stateCount, policy.allSatisfy({ (0..<mdp.actionCount).contains($0) }) else {
            throw .invalidConfiguration("expertPolicy needs one action in 0..<\(mdp.actionCount) per state")
        }
        self.mdp = mdp
        self.gamma = gamma
        self.expertFraction = expertFraction
        self.expertPolicy = policy
        self.rewardNoise = rewardNoise
        expertOccupancy = Occupancy.discounted(mdp, policy: policy, gamma: gamma)
        let uniform = 1 / Double(mdp.stateCount * mdp.actionCount)
        distribution = expertOccupancy.map { expertFraction * $0 + (1 - expertFraction) * uniform }
        var running = 0.0
        cumulative = distribution.map { running += $0; return running }
    }

    /// C* of this data distribution.
    public var concentrability: Double { Occupancy.concentrability(target: expertOccupancy, data: distribution) }

    /// Draws `count` i.i.d. transitions.
    /// - Complexity: O(count · (log SA + S)).
    public func sample(count: Int, using generator: inout some RandomNumberGenerator) -> TabularOfflineDataset {
        var transitions: [TabularTransition] = []
        transitions.reserveCapacity(max(0, count))
        let total = cumulative.last ?? 1
        for _ in 0..<max(0, count) {
            let pair = Self.firstAbove(cumulative, Double.random(in: 0..<1, using: &generator) * total)
            let state = pair / mdp.actionCount, action = pair % mdp.actionCount
            let mean = mdp.rewards[pair]
            let reward: Double
            switch rewardNoise {
            case .bernoulli: reward = Double.random(in: 0..<1, using: &generator) < mean ? 1 : 0
            case .none: reward = mean
            }
            let base = mdp.index(state, action, 0)
            let row = mdp.transitions[base..<(base + mdp.stateCount)]
            let next = Environments.TransitionTable.categoricalIndex(
                row, uniform: Double.random(in: 0..<1, using: &generator))
            let mass = mdp.transitions[base + next], terminal = mass - mdp.continuing[base + next]
            let terminated = terminal > 0 && Double.random(in: 0..<1, using: &generator) * mass < terminal
            transitions.append(
                TabularTransition(
                    state: state, action: action, reward: reward, nextState: next, terminated: terminated))
        }
        // Indices and rewards are in range by construction.
        return TabularOfflineDataset(
            trusted: transitions, stateCount: mdp.stateCount, actionCount: mdp.actionCount)
    }

    private static func firstAbove(_ cumulative: [Double], _ u: Double) -> Int {
        var low = 0, high = cumulative.count - 1
        while low < high {
            let mid = (low + high) / 2
            if cumulative[mid] > u { high = mid } else { low = mid + 1 }
        }
        return low
    }
}
