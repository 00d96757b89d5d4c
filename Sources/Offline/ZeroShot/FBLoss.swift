import Tensor

/// The pieces of the forward–backward update as functions of network outputs, so each can be checked against
/// hand-computed values (authors' `agents/fb/agent.py` `_update_fb_inner`, `agents/cfb/agent.py`; Touati &
/// Ollivier 2021, Touati et al. 2023 appendix B eqs. 24 and 26).
///
/// Shapes: a batch of B transitions (s_i, a_i, s′_i), embeddings of size d, n discrete actions. `f` is one F head
/// for every action, `[B, n, d]`; `backward` is B(s′), `[B, d]`; `z` is `[B, d]`.
public enum FBLoss {
    /// F(s_i, a_i, z_i), `[B, d]`, from one head's `[B, n, d]` (differentiable).
    public static func chosen(_ f: Tensor, actions: [Int]) -> Tensor {
        let b = f.shape[0], n = f.shape[1], d = f.shape[2]
        return f.reshaped([b * n, d]).indexSelect(actions.enumerated().map { $0.offset * n + $0.element })
    }

    /// Q_z(s_i, a) = F(s_i, a, z_i)ᵀz_i for every action, `[B, n]`.
    public static func values(_ f: Tensor, z: Tensor) -> Tensor {
        (f * z.reshaped([z.shape[0], 1, z.shape[1]])).sum(axis: 2)
    }

    /// The successor-measure TD loss of one F head, split as in the code: off-diagonal
    /// ½ · mean_{i≠j} (M_ij − b_i · M̄_ij)² and diagonal −mean_i M_ii, where M = F(s, a, z)·B(s′)ᵀ `[B, B]`,
    /// M̄ the (constant) target measure and b_i = γ(1 − terminal_i).
    public static func measureLoss(_ m: Tensor, target: Tensor, discounts: [Float]) -> (
        offDiagonal: Tensor, diagonal: Tensor
    ) {
        let b = m.shape[0]
        let eye = Tensor.eye(b, dtype: m.dtype)
        let off = 1 - eye
        let bootstrap = Tensor(discounts, shape: [b, 1]).cast(m.dtype)
        let residual = (m - bootstrap * target) * off
        let pairs = Double(max(b * (b - 1), 1))
        return (residual.square().sum() * (0.5 / pairs), -((m * eye).sum() * (1 / Double(b))))
    }

    /// The orthonormality loss of B (eq. 26 of Touati et al. 2023 as coded): with C = B Bᵀ,
    /// mean_{i≠j} C_ij² − 2 · mean_i C_ii. Minimised (value −d) when the rows' Gram matrix is I·… in expectation,
    /// i.e. E[B(s)B(s)ᵀ] = I.
    public static func orthonormality(_ backward: Tensor) -> Tensor {
        let b = backward.shape[0]
        let c = matmul(backward, backward, transposeB: true)
        let eye = Tensor.eye(b, dtype: backward.dtype)
        let pairs = Double(max(b * (b - 1), 1))
        return (c * (1 - eye)).square().sum() * (1 / pairs) - (c * eye).sum() * (2 / Double(b))
    }

    /// VC-FB's penalty for one head: mean_i logsumexp_a Q_z(s_i, a) − mean_i Q_z(s_i, a_i). The code estimates the
    /// logsumexp from 12 sampled actions (half uniform, half from the policy and the data); with n discrete
    /// actions the sum over every action is exact.
    public static func valuePenalty(_ f: Tensor, z: Tensor, actions: [Int]) -> Tensor {
        let q = values(f, z: z)
        let taken = q.gather(indices: actions, axis: 1)
        return q.logSumExp(axis: 1).mean() - taken.mean()
    }

    /// MC-FB's penalty for one head: mean_{i,j} logsumexp_a F(s_i, a, z_i)ᵀB(s′_j) − mean_{i,j} M_ij with
    /// M_ij = F(s_i, a_i, z_i)ᵀB(s′_j) (the code's `_measure_conservative_penalty`, exact over the n actions).
    public static func measurePenalty(_ f: Tensor, backward: Tensor, actions: [Int]) -> Tensor {
        let b = f.shape[0], n = f.shape[1], d = f.shape[2]
        let all = matmul(f.reshaped([b * n, d]), backward, transposeB: true).reshaped([b, n, backward.shape[0]])
        let m = matmul(chosen(f, actions: actions), backward, transposeB: true)
        return all.logSumExp(axis: 1).mean() - m.mean()
    }

    /// The gradient with respect to log α of the Lagrange loss L_α = −½ · α · (P − τ) with α = exp(log α)
    /// (the code's `_tune_alpha`): −½ · α · (P − τ). Descending it raises α while the penalty P exceeds τ.
    public static func logAlphaGradient(alpha: Double, penalty: Double, target: Double) -> Double {
        -0.5 * alpha * (penalty - target)
    }

    /// √d · v / ‖v‖ (the code's `math.sqrt(d) * F.normalize(v)`, which divides by max(‖v‖, 10⁻¹²)).
    public static func sphere(_ v: [Float]) -> [Float] {
        let norm = max(v.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot(), 1e-12)
        let radius = Float(v.count).squareRoot()
        return v.map { radius * $0 / norm }
    }

    /// Task inference from reward samples: z_r = √d · normalize(Σ_i r_i B(s_i) / N) (the code's `infer_z`, after
    /// Touati et al. 2023 p. 17). `backward` holds N rows of d entries.
    public static func inferZ(rewards: [Float], backward: [Float], dimension d: Int) -> [Float] {
        var sum = [Float](repeating: 0, count: d)
        for (i, r) in rewards.enumerated() where r != 0 {
            for k in 0..<d { sum[k] += r * backward[i * d + k] }
        }
        return sphere(sum.map { $0 / Float(max(rewards.count, 1)) })
    }

    /// `count` vectors drawn uniformly on the sphere of radius √d (normalised Gaussians; the code's `sample_z`),
    /// row-major.
    public static func sampleZ(count: Int, dimension d: Int, using rng: inout Xoshiro256StarStar) -> [Float] {
        var out: [Float] = []
        out.reserveCapacity(count * d)
        for _ in 0..<count {
            out += sphere((0..<d).map { _ in Float(rng.normal()) })
        }
        return out
    }
}
