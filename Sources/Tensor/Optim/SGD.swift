/// Stochastic gradient descent with optional momentum, Nesterov momentum and L2 weight decay (PyTorch
/// semantics: `buf = μ·buf + g`; Nesterov uses `g + μ·buf`; dampening 0).
public final class SGD: Optimizer {
    public var learningRate: Double
    /// μ: momentum coefficient (0 = plain SGD).
    public var momentum: Double
    public var nesterov: Bool
    public var weightDecay: Double
    public private(set) var step = 0
    private let buffers = MomentBuffers()
    private var shapes: [[Int]] = []

    public init(learningRate: Double, momentum: Double = 0, nesterov: Bool = false, weightDecay: Double = 0) {
        self.learningRate = learningRate
        self.momentum = momentum
        self.nesterov = nesterov
        self.weightDecay = weightDecay
    }

    public func update(parameters: [Tensor], gradients: [Tensor]) {
        buffers.ensure(parameters)
        shapes = parameters.map(\.shape)
        let lr = Float(learningRate), mu = Float(momentum), wd = Float(weightDecay)
        let first = step == 0
        step += 1
        for (i, (p, g)) in zip(parameters, gradients).enumerated() {
            withParameterBuffers(p, g) { pv, gv in
                buffers.buffers[i].withUnsafeMutableBufferPointer { b in
                    for j in 0..<pv.count {
                        var d = gv[j] + wd * pv[j]
                        if mu != 0 {
                            b[j] = first ? d : mu * b[j] + d
                            d = nesterov ? d + mu * b[j] : b[j]
                        }
                        pv[j] -= lr * d
                    }
                }
            }
        }
    }

    public func stateTensors() -> [String: Tensor] {
        var out = buffers.tensors(prefix: "momentum_buffer", shapes: shapes)
        out["step"] = Tensor([Double(step)])
        return out
    }

    public func loadState(_ state: [String: Tensor]) throws(OptimizerStateError) {
        guard let s = state["step"] else { throw OptimizerStateError("optimizer state: missing `step`") }
        let n = state.keys.filter { $0.hasPrefix("momentum_buffer.") }.count
        try buffers.load(prefix: "momentum_buffer", from: state, counts: (0..<n).map { state["momentum_buffer.\($0)"]?.count ?? 0 })
        shapes = (0..<n).map { state["momentum_buffer.\($0)"]?.shape ?? [] }
        step = try OptimizerStateError.stepCount(s)
    }
}

/// RMSprop (PyTorch semantics: `v = α·v + (1−α)·g²`, `θ −= lr·g/(√v + ε)`, optional momentum). SB3's A2C uses
/// α = 0.99, ε = 1e-5.
public final class RMSprop: Optimizer {
    public var learningRate: Double
    /// α: smoothing constant. PyTorch default 0.99.
    public var alpha: Double
    public var epsilon: Double
    public var momentum: Double
    public private(set) var step = 0
    private let square = MomentBuffers(), buffer = MomentBuffers()
    private var shapes: [[Int]] = []

    public init(learningRate: Double = 1e-2, alpha: Double = 0.99, epsilon: Double = 1e-8, momentum: Double = 0) {
        self.learningRate = learningRate
        self.alpha = alpha
        self.epsilon = epsilon
        self.momentum = momentum
    }

    public func update(parameters: [Tensor], gradients: [Tensor]) {
        square.ensure(parameters)
        buffer.ensure(parameters)
        shapes = parameters.map(\.shape)
        step += 1
        let lr = Float(learningRate), a = Float(alpha), eps = Float(epsilon), mu = Float(momentum)
        for (i, (p, g)) in zip(parameters, gradients).enumerated() {
            withParameterBuffers(p, g) { pv, gv in
                square.buffers[i].withUnsafeMutableBufferPointer { sq in
                    buffer.buffers[i].withUnsafeMutableBufferPointer { b in
                        for j in 0..<pv.count {
                            sq[j] = a * sq[j] + (1 - a) * gv[j] * gv[j]
                            let d = gv[j] / (sq[j].squareRoot() + eps)
                            if mu != 0 {
                                b[j] = mu * b[j] + d
                                pv[j] -= lr * b[j]
                            } else {
                                pv[j] -= lr * d
                            }
                        }
                    }
                }
            }
        }
    }

    public func stateTensors() -> [String: Tensor] {
        var out = square.tensors(prefix: "square_avg", shapes: shapes).merging(buffer.tensors(prefix: "momentum_buffer", shapes: shapes)) { a, _ in a }
        out["step"] = Tensor([Double(step)])
        return out
    }

    public func loadState(_ state: [String: Tensor]) throws(OptimizerStateError) {
        guard let s = state["step"] else { throw OptimizerStateError("optimizer state: missing `step`") }
        let n = state.keys.filter { $0.hasPrefix("square_avg.") }.count
        let counts = (0..<n).map { state["square_avg.\($0)"]?.count ?? 0 }
        try square.load(prefix: "square_avg", from: state, counts: counts)
        try buffer.load(prefix: "momentum_buffer", from: state, counts: counts)
        shapes = (0..<n).map { state["square_avg.\($0)"]?.shape ?? [] }
        step = try OptimizerStateError.stepCount(s)
    }
}
