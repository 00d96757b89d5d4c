import Tensor

/// Q(s, a) for continuous actions: an MLP on the concatenation [s, a] with one output (SB3 `ContinuousCritic`,
/// CleanRL `SoftQNetwork`), ReLU hidden layers, PyTorch default initialisation.
final class ContinuousQNetwork: Module {
    let net: MLP

    init(observationSize: Int, actionSize: Int, hidden: [Int], using rng: inout Xoshiro256StarStar) {
        net = MLP([observationSize + actionSize] + hidden + [1], activation: .relu, using: &rng)
    }

    /// Q values `[B]` for observations `[B, O]` and actions `[B, A]`.
    func callAsFunction(_ observations: Tensor, _ actions: Tensor) -> Tensor {
        let out = net(concat([observations, actions], axis: 1))
        return out.reshaped([out.shape[0]])
    }
}

/// The twin critics Q_θ1, Q_θ2 of TD3 and SAC (clipped double-Q, Fujimoto et al. 2018), one module so one
/// optimizer updates both (as SB3).
final class TwinQNetwork: Module {
    let q1: ContinuousQNetwork
    let q2: ContinuousQNetwork

    init(observationSize: Int, actionSize: Int, hidden: [Int], using rng: inout Xoshiro256StarStar) {
        q1 = ContinuousQNetwork(observationSize: observationSize, actionSize: actionSize, hidden: hidden, using: &rng)
        q2 = ContinuousQNetwork(observationSize: observationSize, actionSize: actionSize, hidden: hidden, using: &rng)
    }

    /// min(Q1, Q2), `[B]` (clipped double-Q).
    func clippedDoubleQ(_ observations: Tensor, _ actions: Tensor) -> Tensor {
        minimum(q1(observations, actions), q2(observations, actions))
    }
}
