import Tensor

/// RMSprop with PyTorch's semantics (`torch.optim.RMSprop`, no momentum, not centred):
/// v ← α·v + (1 − α)·g², θ ← θ − lr·g / (√v + ε). SB3's A2C uses α = 0.99, ε = 1e-5.
public final class RMSprop: Optimizer {
    public var learningRate: Double
    /// α, the smoothing constant of the squared-gradient average.
    public let alpha: Double
    /// ε, added to √v.
    public let epsilon: Double
    public private(set) var step = 0
    private var squareAverages: [[Float]] = []
    private var shapes: [[Int]] = []

    /// - Parameters:
    ///   - learningRate: step size (SB3 A2C 7e-4).
    ///   - alpha: α (PyTorch and SB3 0.99).
    ///   - epsilon: ε (PyTorch 1e-8, SB3 A2C 1e-5).
    public init(learningRate: Double = 1e-2, alpha: Double = 0.99, epsilon: Double = 1e-8) {
        self.learningRate = learningRate
        self.alpha = alpha
        self.epsilon = epsilon
    }

    public func update(parameters: [Tensor], gradients: [Tensor]) {
        if squareAverages.count != parameters.count {
            squareAverages = parameters.map { [Float](repeating: 0, count: $0.count) }
            shapes = parameters.map(\.shape)
        }
        step += 1
        let a = Float(alpha), lr = Float(learningRate), eps = Float(epsilon)
        for (i, (parameter, gradient)) in zip(parameters, gradients).enumerated() {
            let g = gradient.floats
            var values = parameter.floats
            for j in values.indices {
                let v = a * squareAverages[i][j] + (1 - a) * g[j] * g[j]
                squareAverages[i][j] = v
                values[j] -= lr * g[j] / (v.squareRoot() + eps)
            }
            parameter.assign(Tensor(values, shape: parameter.shape).cast(parameter.dtype))
        }
    }

    public func stateTensors() -> [String: Tensor] {
        var out: [String: Tensor] = ["step": Tensor([Double(step)])]
        for (i, (values, shape)) in zip(squareAverages, shapes).enumerated() {
            out["square_avg.\(i)"] = Tensor(values, shape: shape)
        }
        return out
    }

    public func loadState(_ state: [String: Tensor]) throws(OptimizerStateError) {
        guard let stored = state["step"] else { throw OptimizerStateError("optimizer state: missing `step`") }
        let count = state.keys.filter { $0.hasPrefix("square_avg.") }.count
        var averages: [[Float]] = [], loadedShapes: [[Int]] = []
        for i in 0..<count {
            guard let tensor = state["square_avg.\(i)"] else {
                throw OptimizerStateError("optimizer state: missing `square_avg.\(i)`")
            }
            averages.append(tensor.floats)
            loadedShapes.append(tensor.shape)
        }
        squareAverages = averages
        shapes = loadedShapes
        step = try OptimizerStateError.stepCount(stored)
    }
}
