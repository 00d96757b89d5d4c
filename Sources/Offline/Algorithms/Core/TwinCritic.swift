import Tensor

/// Twin Q-networks Q_θ1, Q_θ2 on [s, a] (Fujimoto et al. 2018 clipped double-Q; TD3+BC, PRDC, A2PR, CQL, IQL),
/// ReLU MLPs with one output each, PyTorch default initialisation. One module so one optimizer updates both.
public final class TwinCritic: Module {
    /// Q_θ1.
    public let q1Net: MLP
    /// Q_θ2.
    public let q2Net: MLP

    /// Two critics with hidden widths `hidden` (the papers: [256, 256]; A2PR: [256, 256, 256, 256]).
    public init(observationSize: Int, actionSize: Int, hidden: [Int], using rng: inout Xoshiro256StarStar) {
        q1Net = MLP([observationSize + actionSize] + hidden + [1], activation: .relu, using: &rng)
        q2Net = MLP([observationSize + actionSize] + hidden + [1], activation: .relu, using: &rng)
    }

    /// Q1(s, a), `[B]`.
    public func q1(_ observations: Tensor, _ actions: Tensor) -> Tensor {
        Self.flat(q1Net(concat([observations, actions], axis: 1)))
    }

    /// (Q1, Q2), each `[B]`, sharing the concatenated input.
    public func both(_ observations: Tensor, _ actions: Tensor) -> (Tensor, Tensor) {
        let input = concat([observations, actions], axis: 1)
        return (Self.flat(q1Net(input)), Self.flat(q2Net(input)))
    }

    /// min(Q1, Q2), `[B]`.
    public func minimumQ(_ observations: Tensor, _ actions: Tensor) -> Tensor {
        let (a, b) = both(observations, actions)
        return minimum(a, b)
    }

    static func flat(_ x: Tensor) -> Tensor { x.reshaped([x.shape[0]]) }
}

/// A state-value network V_ψ(s) (IQL, A2PR): ReLU MLP with one output.
public final class ValueNetwork: Module {
    /// The MLP.
    public let net: MLP

    /// V with hidden widths `hidden`.
    public init(observationSize: Int, hidden: [Int], using rng: inout Xoshiro256StarStar) {
        net = MLP([observationSize] + hidden + [1], activation: .relu, using: &rng)
    }

    /// V(s), `[B]`.
    public func callAsFunction(_ observations: Tensor) -> Tensor { TwinCritic.flat(net(observations)) }
}
