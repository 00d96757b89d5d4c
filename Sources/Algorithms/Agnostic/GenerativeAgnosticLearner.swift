import Foundation
import Environments

/// The generative-model agnostic learner (digest §11; Jia et al. 2023, the generative-access upper bound): walk the
/// policy-restricted trajectory tree layer by layer, query only the `(s_h, a_h)` pairs some π ∈ Π reaches, n reward
/// draws each, estimate every `V^π` on these samples and return the empirical maximiser.
///
/// Queries are `n · Σ_h C_h(Π; M) ≤ n · H · C(Π)` — they depend on the spanning capacity, H and (through n) only
/// logarithmically on |Π|, never on S. Transitions must be deterministic (a different next state for the same
/// `(h, s, a)` throws); rewards are stochastic in [0, 1].
///
/// Sample size: `V̂^π` is a sum of H independent means of n draws in [0, 1], so Hoeffding gives
/// `P(|V̂^π − V^π| ≥ t) ≤ 2 exp(−2nt²/H)`; a union bound over Π with `t = ε/2` gives
/// `n = ⌈2H log(2|Π|/δ) / ε²⌉`, and then `V^π̂ ≥ max_Π V^π − ε` with probability ≥ 1 − δ. (The constant is this
/// derivation's, not the paper's; the paper's bound is poly(C(Π), H, log|Π|)/ε².)
public struct GenerativeAgnosticLearner: Sendable {
    /// ε: the suboptimality target against the best policy in Π (default 0.5).
    public var epsilon: Double
    /// δ: the failure probability (default 0.1).
    public var delta: Double

    /// A learner for `(ε, δ)`.
    public init(epsilon: Double = 0.5, delta: Double = 0.1) {
        self.epsilon = epsilon
        self.delta = delta
    }

    /// `n = ⌈2H log(2|Π|/δ) / ε²⌉` reward draws per reachable pair.
    public func samplesPerPair(horizon: Int, classSize: Int) -> Int {
        Int((2 * Double(horizon) * log(2 * Double(classSize) / delta) / (epsilon * epsilon)).rounded(.up))
    }

    /// What one run found.
    public struct Result: Equatable, Sendable {
        /// Index of π̂ in the class.
        public var chosen: Int
        /// `V̂^π` for every member.
        public var estimates: [Double]
        /// Reward draws per queried pair.
        public var samplesPerPair: Int
        /// Queried pairs per layer (`C_h(Π; M)`).
        public var pairsPerLayer: [Int]
        /// Generative queries made.
        public var queries: Int
    }

    /// Learns π̂ from `model`.
    /// - Throws: ``TabularError/invalidConfiguration(_:)`` for ε, δ out of range, an empty class, a horizon
    ///   mismatch or a non-deterministic transition.
    public func run<Model: GenerativeModel>(_ policies: some PolicyClass, model: inout Model) throws(TabularError)
        -> Result
    {
        guard epsilon > 0, epsilon.isFinite, delta > 0, delta < 1 else {
            throw .invalidConfiguration("agnostic learner: need ε > 0 and δ in (0, 1), got ε \(epsilon), δ \(delta)")
        }
        guard policies.count >= 1, policies.horizon == model.horizon else {
            throw .invalidConfiguration(
                "agnostic learner: the class (|Π| \(policies.count), H \(policies.horizon)) does not fit the model's "
                    + "H \(model.horizon)")
        }
        let n = samplesPerPair(horizon: model.horizon, classSize: policies.count)
        let before = model.queries
        var states = [Int](repeating: model.startState, count: policies.count)
        var estimates = [Double](repeating: 0, count: policies.count)
        var pairsPerLayer: [Int] = []
        for stage in 0..<model.horizon {
            var members: [PairKey: [Int]] = [:]
            for policy in 0..<policies.count {
                let state = states[policy]
                let key = PairKey(state: state, action: policies.action(policy, stage: stage, state: state))
                members[key, default: []].append(policy)
            }
            pairsPerLayer.append(members.count)
            for key in members.keys.sorted(by: { ($0.state, $0.action) < ($1.state, $1.action) }) {
                var total = 0.0
                var next = -1
                for _ in 0..<n {
                    let draw = model.sample(stage: stage, state: key.state, action: key.action)
                    total += draw.reward
                    guard next < 0 || next == draw.next else {
                        throw .invalidConfiguration(
                            "agnostic learner: (h \(stage), s \(key.state), a \(key.action)) led to states \(next) and "
                                + "\(draw.next); this learner needs deterministic transitions")
                    }
                    next = draw.next
                }
                for policy in members[key] ?? [] {
                    estimates[policy] += total / Double(n)
                    states[policy] = next
                }
            }
        }
        // The first maximiser.
        let chosen = estimates.indices.max {
            estimates[$0] < estimates[$1] || (estimates[$0] == estimates[$1] && $0 > $1)
        } ?? 0
        return Result(
            chosen: chosen, estimates: estimates, samplesPerPair: n, pairsPerLayer: pairsPerLayer,
            queries: model.queries - before)
    }

    struct PairKey: Hashable {
        var state: Int
        var action: Int
    }
}

extension Reachability {
    /// The exact `V^π` of every member on a deterministic MDP (sum of mean rewards along its path).
    /// - Throws: a non-deterministic MDP or a class that does not fit it.
    public static func values(_ policies: some PolicyClass, on mdp: EpisodicMDP) throws(TabularError) -> [Double] {
        let paths = try paths(policies, on: mdp)
        return (0..<policies.count).map { policy in
            (0..<mdp.horizon).reduce(0.0) { total, stage in
                let state = paths[policy][stage]
                return total + mdp.reward(stage: stage, state, policies.action(policy, stage: stage, state: state))
            }
        }
    }
}
