import Tensor

/// Q(s, ·) for discrete actions: a ReLU MLP with one output per action, or with dueling heads
/// Q(s, a) = V(s) + A(s, a) − mean_a' A(s, a') (Wang et al. 2016, eq. 9).
final class QNetwork: Module {
    let trunk: MLP?
    let head: Linear?
    let value: Linear?
    let advantage: Linear?

    init(observationSize: Int, actionCount: Int, hidden: [Int], dueling: Bool, using rng: inout Xoshiro256StarStar) {
        let width = hidden.last ?? observationSize
        trunk = hidden.isEmpty
            ? nil : MLP([observationSize] + hidden, activation: .relu, outputActivation: .relu, using: &rng)
        if dueling {
            head = nil
            value = Linear(width, 1, using: &rng)
            advantage = Linear(width, actionCount, using: &rng)
        } else {
            head = Linear(width, actionCount, using: &rng)
            value = nil
            advantage = nil
        }
    }

    /// Q values `[B, actions]`.
    func callAsFunction(_ observations: Tensor) -> Tensor {
        let h = trunk.map { $0(observations) } ?? observations
        if let head { return head(h) }
        guard let value, let advantage else { return h }
        let a = advantage(h)
        return value(h) + a - a.mean(axis: 1, keepDims: true)
    }
}
