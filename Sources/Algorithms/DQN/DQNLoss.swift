import Tensor

/// The pieces of DQN's update, as functions so tests can check them against hand-computed values.
enum DQNLoss {
    /// The bootstrap value of each next state: max_a Q_target(s', a), or with double DQN
    /// Q_target(s', argmax_a Q_online(s', a)) (van Hasselt et al. 2016, eq. 4).
    static func nextValues(targetQ: Tensor, onlineQ: Tensor?) -> [Float] {
        let b = targetQ.shape[0]
        if let onlineQ {
            let chosen = onlineQ.argmax(axis: 1)
            return targetQ.gather(indices: chosen, axis: 1).reshaped([b]).floats
        }
        return targetQ.max(axis: 1).values.reshaped([b]).floats
    }

    /// y = r + γᵏ(1 − d)·V(s'), per row; `bootstrap` is γᵏ(1 − d).
    static func targets(rewards: [Float], bootstrap: [Float], nextValues: [Float]) -> [Float] {
        (0..<rewards.count).map { rewards[$0] + bootstrap[$0] * nextValues[$0] }
    }

    /// Mean of w_i · Huber_δ(Q(s_i, a_i) − y_i) (SB3 `smooth_l1_loss`; weights are 1 without PER).
    static func weightedHuber(_ prediction: Tensor, _ target: Tensor, weights: Tensor, delta: Double) -> Tensor {
        let a = abs(prediction - target)
        let quadratic = clamp(a, max: delta)
        let elementwise = quadratic.square() * 0.5 + (a - quadratic) * delta
        return (elementwise * weights).mean()
    }
}
