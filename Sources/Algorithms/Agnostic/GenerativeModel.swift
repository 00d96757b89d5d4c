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

/// A generative model over an ``EpisodicMDP`` with Bernoulli rewards, drawing from its own seeded stream. Rows of
/// the transition tables that are point masses (deterministic transitions) are found once, so a query there costs
/// one reward draw instead of a scan of S probabilities.
public struct EpisodicSimulator: GenerativeModel {
    /// The simulated MDP.
    public let mdp: EpisodicMDP
    public let startState: Int
    public private(set) var queries = 0
    var generator: Xoshiro256StarStar
    /// `pointMass[k][s·A + a]`: the only next state of a deterministic row, or −1.
    let pointMass: [[Int]]

    /// A simulator of `mdp` (whose start distribution must be a point mass) seeded with `seed`.
    /// - Throws: ``TabularError/invalidConfiguration(_:)`` for a random start state.
    public init(mdp: EpisodicMDP, seed: UInt64) throws(TabularError) {
        guard let start = mdp.initialDistribution.firstIndex(of: 1) else {
            throw .invalidConfiguration("the simulator needs a deterministic start state (ρ a point mass)")
        }
        self.mdp = mdp
        startState = start
        let s = mdp.stateCount
        pointMass = mdp.transitions.map { table in
            (0..<(s * mdp.actionCount)).map { row in
                table[(row * s)..<((row + 1) * s)].firstIndex(of: 1).map { $0 - row * s } ?? -1
            }
        }
        generator = Xoshiro256StarStar(seed: seed).derived("agnostic/simulator")
    }

    public var horizon: Int { mdp.horizon }

    /// The same simulator with a fresh stream from `seed` and no queries counted (the tables are shared, not
    /// rescanned).
    public func reseeded(_ seed: UInt64) -> EpisodicSimulator {
        var copy = self
        copy.generator = Xoshiro256StarStar(seed: seed).derived("agnostic/simulator")
        copy.queries = 0
        return copy
    }

    public mutating func sample(stage: Int, state: Int, action: Int) -> (reward: Double, next: Int) {
        queries += 1
        let next = pointMass[mdp.table(stage)][state * mdp.actionCount + action]
        if next >= 0 {
            let mean = mdp.reward(stage: stage, state, action)
            return (Double.random(in: 0..<1, using: &generator) < mean ? 1 : 0, next)
        }
        let step = mdp.sampleStep(stage: stage, state: state, action: action, using: &generator)
        return (step.reward, step.nextState)
    }
}
