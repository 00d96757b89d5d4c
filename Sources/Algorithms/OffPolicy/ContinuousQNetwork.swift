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

/// The twin critics Q_θ1, Q_θ2 of TD3 and SAC (clipped double-Q, Fujimoto et al. 2018) fused into one network:
/// layer i holds both critics' weights stacked as `weights.i` `[2, out, in]` and `biases.i` `[2, 1, out]`, so one
/// batched matrix product per layer evaluates both (and one optimizer updates both, as SB3). Mathematically it is
/// two independent ``ContinuousQNetwork``s (``init(stacking:_:)`` builds it from two; a test checks the outputs
/// and gradients agree); initialised exactly as two of them drawn one after the other.
final class TwinQNetwork: Module {
    let weights: [Tensor]
    let biases: [Tensor]

    init(observationSize: Int, actionSize: Int, hidden: [Int], using rng: inout Xoshiro256StarStar) {
        let q1 = ContinuousQNetwork(observationSize: observationSize, actionSize: actionSize, hidden: hidden, using: &rng)
        let q2 = ContinuousQNetwork(observationSize: observationSize, actionSize: actionSize, hidden: hidden, using: &rng)
        (weights, biases) = Self.stacked(q1, q2)
    }

    /// The fused network with the weights of `q1` and `q2` (copies).
    init(stacking q1: ContinuousQNetwork, _ q2: ContinuousQNetwork) {
        (weights, biases) = Self.stacked(q1, q2)
    }

    private static func stacked(_ q1: ContinuousQNetwork, _ q2: ContinuousQNetwork) -> ([Tensor], [Tensor]) {
        let pairs = zip(q1.net.layers, q2.net.layers)
        let weights = pairs.map { a, b in stack([a.weight, b.weight]).detached() }
        let biases = pairs.map { a, b -> Tensor in
            let bias = [a.bias, b.bias].map { $0 ?? .zeros([a.outputs]) }
            return stack(bias).reshaped([2, 1, a.outputs]).detached()
        }
        return (weights, biases)
    }

    /// Both critics' values `[2, B]` (row i is Q_θ(i+1)) for observations `[B, O]` and actions `[B, A]`.
    func callAsFunction(_ observations: Tensor, _ actions: Tensor) -> Tensor {
        var h = concat([observations, actions], axis: 1)
        for i in weights.indices {
            h = matmul(h, weights[i], transposeB: true) + biases[i]
            if i < weights.count - 1 { h = relu(h) }
        }
        return h.reshaped([2, observations.shape[0]])
    }

    /// Q_θ1 alone, `[B]` (TD3's actor loss; half the work of both).
    func q1(_ observations: Tensor, _ actions: Tensor) -> Tensor {
        var h = concat([observations, actions], axis: 1)
        for i in weights.indices {
            h = linear(h, weight: weights[i][0], bias: biases[i][0].reshaped([-1]))
            if i < weights.count - 1 { h = relu(h) }
        }
        return h.reshaped([observations.shape[0]])
    }

    /// min(Q1, Q2), `[B]` (clipped double-Q), from the output of ``callAsFunction(_:_:)``.
    static func clippedDoubleQ(_ q: Tensor) -> Tensor { minimum(q[0], q[1]) }

    /// min(Q1, Q2), `[B]` (clipped double-Q).
    func clippedDoubleQ(_ observations: Tensor, _ actions: Tensor) -> Tensor {
        Self.clippedDoubleQ(self(observations, actions))
    }
}
