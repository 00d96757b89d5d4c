import Environments
import Tensor

/// Generative (simulator) access to a finite-horizon MDP: any `(h, s, a)` can be queried for a reward draw and a next
/// state, and every query is counted — the access model under which the spanning capacity characterises agnostic
/// PAC learnability (Jia et al. 2023).
public protocol GenerativeModel {
    /// H.
    var horizon: Int { get }
    /// The (known, deterministic) start state.
    var startState: Int { get }
    /// Queries made so far.
    var queries: Int { get }
    /// One draw `(r, s') ~ (R_h(s, a), P_h(· | s, a))`; counts one query.
    mutating func sample(stage: Int, state: Int, action: Int) -> (reward: Double, next: Int)
}

/// A generative model over an ``EpisodicMDP`` with Bernoulli rewards, drawing from its own seeded stream.
public struct EpisodicSimulator: GenerativeModel {
    /// The simulated MDP.
    public let mdp: EpisodicMDP
    public let startState: Int
    public private(set) var queries = 0
    var generator: Xoshiro256StarStar

    /// A simulator of `mdp` (whose start distribution must be a point mass) seeded with `seed`.
    /// - Throws: ``TabularError/invalidConfiguration(_:)`` for a random start state.
    public init(mdp: EpisodicMDP, seed: UInt64) throws(TabularError) {
        guard let start = mdp.initialDistribution.firstIndex(of: 1) else {
            throw .invalidConfiguration("the simulator needs a deterministic start state (ρ a point mass)")
        }
        self.mdp = mdp
        startState = start
        generator = Xoshiro256StarStar(seed: seed).derived("agnostic/simulator")
    }

    public var horizon: Int { mdp.horizon }

    public mutating func sample(stage: Int, state: Int, action: Int) -> (reward: Double, next: Int) {
        queries += 1
        let step = mdp.sampleStep(stage: stage, state: state, action: action, using: &generator)
        return (step.reward, step.nextState)
    }
}
