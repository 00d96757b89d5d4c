/// Adam (Kingma & Ba 2015) with PyTorch's semantics: bias correction always on, ε added to √v̂. With
/// `decoupledWeightDecay` it is AdamW (Loshchilov & Hutter 2019): θ ← θ − lr·λ·θ before the Adam step;
/// otherwise `weightDecay` is L2 added to the gradient (PyTorch `Adam(weight_decay=…)`).
public final class Adam: Optimizer {
    public var learningRate: Double
    /// β₁, β₂: moment decay rates. PyTorch default (0.9, 0.999).
    public var betas: (Double, Double)
    /// ε: added to √v̂. PyTorch default 1e-8; SB3/CleanRL PPO use 1e-5.
    public var epsilon: Double
    /// λ: weight decay.
    public var weightDecay: Double
    /// AdamW's decoupled weight decay when true.
    public let decoupledWeightDecay: Bool
    public private(set) var step = 0
    private let m = MomentBuffers(), v = MomentBuffers()
    private var shapes: [[Int]] = []

    public init(learningRate: Double = 1e-3, betas: (Double, Double) = (0.9, 0.999), epsilon: Double = 1e-8,
                weightDecay: Double = 0, decoupledWeightDecay: Bool = false) {
        self.learningRate = learningRate
        self.betas = betas
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        self.decoupledWeightDecay = decoupledWeightDecay
    }

    public func update(parameters: [Tensor], gradients: [Tensor]) {
        precondition(parameters.count == gradients.count, "Adam: \(gradients.count) gradients for \(parameters.count) parameters")
        m.ensure(parameters)
        v.ensure(parameters)
        shapes = parameters.map(\.shape)
        step += 1
        let b1 = Float(betas.0), b2 = Float(betas.1), eps = Float(epsilon), lr = Float(learningRate)
        let wd = Float(weightDecay), decoupled = decoupledWeightDecay
        let c1 = 1 - Float(Double.pow(betas.0, Double(step))), c2 = 1 - Float(Double.pow(betas.1, Double(step)))
        let stepSize = lr / c1, c2root = c2.squareRoot()
        for (i, (p, g)) in zip(parameters, gradients).enumerated() {
            withParameterBuffers(p, g) { pv, gv in
                m.buffers[i].withUnsafeMutableBufferPointer { mv in
                    v.buffers[i].withUnsafeMutableBufferPointer { vv in
                        Adam.kernel(p: pv, g: gv, m: mv, v: vv, b1: b1, b2: b2, stepSize: stepSize, c2root: c2root,
                                    eps: eps, l2: decoupled ? 0 : wd, decay: decoupled ? lr * wd : 0)
                    }
                }
            }
        }
    }

    /// The elementwise update, branch-free so it vectorises: optional decoupled decay, L2 term, moments, step.
    @inline(__always)
    static func kernel(p: UnsafeMutableBufferPointer<Float>, g: UnsafeBufferPointer<Float>,
                       m: UnsafeMutableBufferPointer<Float>, v: UnsafeMutableBufferPointer<Float>,
                       b1: Float, b2: Float, stepSize: Float, c2root: Float, eps: Float, l2: Float, decay: Float) {
        guard let pp = p.baseAddress, let gp = g.baseAddress, let mp = m.baseAddress, let vp = v.baseAddress else { return }
        typealias V = SIMD8<Float>
        let keep = 1 - decay, n = p.count
        let vb1 = V(repeating: b1), vb2 = V(repeating: b2), vc1 = V(repeating: 1 - b1), vc2 = V(repeating: 1 - b2)
        let vkeep = V(repeating: keep), vl2 = V(repeating: l2), vstep = V(repeating: stepSize)
        let vinv = V(repeating: 1 / c2root), veps = V(repeating: eps)
        let P = UnsafeMutableRawPointer(pp), G = UnsafeRawPointer(gp), M = UnsafeMutableRawPointer(mp), W = UnsafeMutableRawPointer(vp)
        var j = 0
        while j + 8 <= n {
            let offset = j * 4
            let pj = P.loadUnaligned(fromByteOffset: offset, as: V.self)
            let gj = G.loadUnaligned(fromByteOffset: offset, as: V.self) + vl2 * pj
            let mj = vb1 * M.loadUnaligned(fromByteOffset: offset, as: V.self) + vc1 * gj
            let vj = vb2 * W.loadUnaligned(fromByteOffset: offset, as: V.self) + vc2 * gj * gj
            M.storeBytes(of: mj, toByteOffset: offset, as: V.self)
            W.storeBytes(of: vj, toByteOffset: offset, as: V.self)
            P.storeBytes(of: pj * vkeep - vstep * mj / (vj.squareRoot() * vinv + veps), toByteOffset: offset, as: V.self)
            j += 8
        }
        while j < n {
            let theta = pp[j] * keep
            let gj = gp[j] + l2 * pp[j]
            let mj = b1 * mp[j] + (1 - b1) * gj
            let vj = b2 * vp[j] + (1 - b2) * gj * gj
            mp[j] = mj
            vp[j] = vj
            pp[j] = theta - stepSize * mj / (vj.squareRoot() / c2root + eps)
            j += 1
        }
    }

    public func stateTensors() -> [String: Tensor] {
        var out = m.tensors(prefix: "exp_avg", shapes: shapes).merging(v.tensors(prefix: "exp_avg_sq", shapes: shapes)) { a, _ in a }
        out["step"] = Tensor([Double(step)])
        return out
    }

    public func loadState(_ state: [String: Tensor]) throws(OptimizerStateError) {
        guard let s = state["step"] else { throw OptimizerStateError("optimizer state: missing `step`") }
        let counts = (0..<state.keys.filter { $0.hasPrefix("exp_avg.") }.count).map { state["exp_avg.\($0)"]?.count ?? 0 }
        try m.load(prefix: "exp_avg", from: state, counts: counts)
        try v.load(prefix: "exp_avg_sq", from: state, counts: counts)
        shapes = (0..<counts.count).map { state["exp_avg.\($0)"]?.shape ?? [] }
        step = try OptimizerStateError.stepCount(s)
    }
}

/// AdamW: Adam with decoupled weight decay (PyTorch default λ = 0.01).
public func AdamW(learningRate: Double = 1e-3, betas: (Double, Double) = (0.9, 0.999), epsilon: Double = 1e-8,
                  weightDecay: Double = 0.01) -> Adam {
    Adam(learningRate: learningRate, betas: betas, epsilon: epsilon, weightDecay: weightDecay, decoupledWeightDecay: true)
}
