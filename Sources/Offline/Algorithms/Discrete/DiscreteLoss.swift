import Tensor
import Tracking

/// The pieces of the discrete learners' updates as functions of network outputs, so tests can check each against
/// hand-computed values (Schweighofer et al. 2022, authors' `source/agents/*.py`).
public enum DiscreteLoss {
    /// Q(s_i, a_i) of `q [B, n]` as a `[B]` tensor (differentiable).
    public static func chosen(_ q: Tensor, actions: [Int]) -> Tensor {
        q.gather(indices: actions, axis: 1).reshaped([actions.count])
    }

    /// Double-DQN targets y_i = r_i + b_i · Q_target(s′_i, argmax_a Q(s′_i, a)) with b_i = γ(1 − d_i): the target
    /// the paper's DQN, REM and CQL use (next action chosen by the online network, valued by the target network).
    public static func doubleQTargets(rewards: [Float], bootstrap: [Float], onlineNext: Tensor, targetNext: Tensor)
        -> [Float]
    {
        let next = onlineNext.argmax(axis: 1)
        let values = chosen(targetNext, actions: next).floats
        return (0..<rewards.count).map { rewards[$0] + bootstrap[$0] * values[$0] }
    }

    /// SARSA targets y_i = r_i + b_i · Q(s′_i, a′_i) with the dataset's next action (BVE).
    public static func sarsaTargets(rewards: [Float], bootstrap: [Float], next: Tensor, nextActions: [Int]) -> [Float] {
        let values = chosen(next, actions: nextActions).floats
        return (0..<rewards.count).map { rewards[$0] + bootstrap[$0] * values[$0] }
    }

    /// Mean Huber_δ(Q(s_i, a_i) − y_i) (PyTorch `SmoothL1Loss`).
    public static func td(_ q: Tensor, actions: [Int], targets: [Float], delta: Double = 1) -> Tensor {
        huberLoss(chosen(q, actions: actions), Tensor(targets), delta: delta)
    }

    /// CQL(H)'s discrete penalty mean_i [log Σ_a exp Q(s_i, a) − Q(s_i, a_i)] (Kumar et al. 2020, eq. 4; the
    /// study weights it by α = 0.1).
    public static func conservativePenalty(_ q: Tensor, actions: [Int]) -> Tensor {
        (q.logSumExp(axis: 1) - chosen(q, actions: actions)).mean()
    }

    /// Discrete BCQ's action choice (Fujimoto et al. 2019b): among the actions with π(a|s)/max_a′ π(a′|s) > τ, the
    /// one with the largest Q (the behaviour policy's most likely action always qualifies).
    public static func bcqActions(q: Tensor, logits: Tensor, threshold: Double) -> [Int] {
        let n = q.shape[1], b = q.shape[0]
        let values = q.floats, probabilities = softmax(logits, axis: 1).floats
        return (0..<b).map { i in
            let row = probabilities[i * n..<(i + 1) * n]
            let top = row.max() ?? 1
            var best = -1
            for a in 0..<n where Double(row[i * n + a] / top) > threshold || row[i * n + a] == top {
                if best < 0 || values[i * n + a] > values[i * n + best] { best = a }
            }
            return max(best, 0)
        }
    }

    /// Mean cross-entropy −log softmax(logits)_a over rows (behaviour cloning of the dataset action).
    public static func crossEntropy(logits: Tensor, actions: [Int]) -> Tensor {
        crossEntropyLoss(logits: logits, targets: actions)
    }

    /// CRR's weighted imitation mean_i w_i · (−log π(a_i|s_i)) (Wang et al. 2020, eq. 3).
    public static func weightedCrossEntropy(logits: Tensor, actions: [Int], weights: [Float]) -> Tensor {
        let logProbabilities = chosen(logSoftmax(logits, axis: 1), actions: actions)
        return -(logProbabilities * Tensor(weights)).mean()
    }

    /// CRR's binary filter 1[A(s_i, a_i) > 0] with A(s, a) = Q(s, a) − (1/m) Σ_j Q(s, a_j), a_j ~ π(·|s)
    /// (`sampled` holds m actions per row); Heaviside(0) = 0 as in the authors' code.
    public static func crrBinaryWeights(q: Tensor, actions: [Int], sampled: [[Int]]) -> [Float] {
        let n = q.shape[1]
        let values = q.floats
        return actions.indices.map { i in
            let draws = sampled[i]
            let baseline = draws.reduce(Float(0)) { $0 + values[i * n + $1] } / Float(max(draws.count, 1))
            return values[i * n + actions[i]] - baseline > 0 ? 1 : 0
        }
    }

    /// QR-DQN's quantile Huber loss (Dabney et al. 2018, eq. 10): with δ_ij = T_j − θ_i, τ̂_i = (2i − 1)/(2N),
    /// mean over the batch of Σ_i mean_j |τ̂_i − 1[δ_ij < 0]| · Huber_κ(δ_ij).
    /// - Parameters:
    ///   - current: θ `[B, N]`, the quantiles of the taken actions (differentiable).
    ///   - target: T `[B, N]`, the target quantiles (constants).
    public static func quantileHuber(current: Tensor, target: Tensor, kappa: Double = 1) -> Tensor {
        let b = current.shape[0], n = current.shape[1]
        let delta = target.reshaped([b, 1, n]) - current.reshaped([b, n, 1])
        let values = delta.floats
        var weights = [Float](repeating: 0, count: values.count)
        for k in values.indices {
            let i = (k / n) % n
            let tau = Float(2 * i + 1) / Float(2 * n)
            weights[k] = abs(tau - (values[k] < 0 ? 1 : 0))
        }
        let a = abs(delta)
        let quadratic = clamp(a, max: kappa)
        let huber = quadratic.square() * 0.5 + (a - quadratic) * kappa
        return (huber * Tensor(weights, shape: [b, n, n])).sum(axis: 1).mean(axis: 1).mean()
    }

    /// ``quantileHuber(current:target:kappa:)``'s value and its gradient with respect to `current`, computed in
    /// one pass over the `B × N × N` pairs without building tensors (the fast path QR-DQN trains with):
    /// ∂/∂θ_i = −(1/(B·N)) Σ_j |τ̂_i − 1[δ_ij < 0]| · clip(δ_ij, −κ, κ).
    /// - Parameters:
    ///   - current: θ, `rows × n` row-major.
    ///   - target: T, `rows × n` row-major.
    public static func quantileHuberGradient(
        current: [Float], target: [Float], rows: Int, quantiles n: Int, kappa: Float = 1
    ) -> (loss: Double, gradient: [Float])
    {
        var gradient = [Float](repeating: 0, count: rows * n)
        var loss: Double = 0
        let scale = 1 / Float(rows * n)
        for b in 0..<rows {
            for i in 0..<n {
                let theta = current[b * n + i]
                let tau = Float(2 * i + 1) / Float(2 * n)
                var g: Float = 0, l: Float = 0
                for j in 0..<n {
                    let delta = target[b * n + j] - theta
                    let weight = delta < 0 ? 1 - tau : tau
                    let a = abs(delta)
                    l += weight * (a <= kappa ? 0.5 * a * a : kappa * (a - 0.5 * kappa))
                    g -= weight * Swift.min(Swift.max(delta, -kappa), kappa)
                }
                loss += Double(l * scale)
                gradient[b * n + i] = g * scale
            }
        }
        return (loss, gradient)
    }

    /// Q values of a quantile or ensemble network's output `[B, n·k]` laid out action-major (`[B, n, k]`): the
    /// mean over the k estimates, `[B, n]`.
    public static func meanOverEstimates(_ output: Tensor, actions n: Int, estimates k: Int) -> Tensor {
        output.reshaped([output.shape[0], n, k]).mean(axis: 2)
    }
}
