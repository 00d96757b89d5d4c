/// A fully connected layer `y = x·Wᵀ + b`, `W` of shape `[out, in]` (parameter names `weight`, `bias`).
public final class Linear: Module {
    public let weight: Tensor
    public let bias: Tensor?

    /// - Parameters:
    ///   - inputs: input features.
    ///   - outputs: output features.
    ///   - bias: whether to add a bias (initialised by `biasInitializer`).
    ///   - initializer: weight initialiser (default PyTorch's).
    ///   - biasInitializer: default PyTorch's U(±1/√in); CleanRL/SB3 use zeros with orthogonal weights.
    public init<G: RandomNumberGenerator>(
        _ inputs: Int, _ outputs: Int, bias: Bool = true,
        initializer: Initializer = .pytorchDefault, biasInitializer: Initializer? = nil,
        dtype: DType = .float32, using rng: inout G
    ) {
        weight = initializer.make([outputs, inputs], dtype: dtype, using: &rng)
        if bias {
            let bInit = biasInitializer ?? (initializer == .pytorchDefault ? .pytorchDefault : .zeros)
            let b = bInit == .pytorchDefault
                ? Initializer.uniform(low: -1 / Double(inputs).squareRoot(), high: 1 / Double(inputs).squareRoot())
                    .make([outputs], dtype: dtype, using: &rng)
                : bInit.make([outputs], dtype: dtype, using: &rng)
            self.bias = b
        } else {
            self.bias = nil
        }
    }

    /// Input feature count.
    public var inputs: Int { weight.shape[1] }
    /// Output feature count.
    public var outputs: Int { weight.shape[0] }

    public func callAsFunction(_ x: Tensor) -> Tensor { linear(x, weight: weight, bias: bias) }
}

/// Elementwise activation functions selectable by name (configs, MLP builder).
public enum Activation: String, Codable, Sendable, CaseIterable {
    case relu, tanh, sigmoid, gelu, silu, elu, leakyRelu, softplus, identity

    /// Applies the activation.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        switch self {
        case .relu: applyRelu(x)
        case .tanh: applyTanh(x)
        case .sigmoid: applySigmoid(x)
        case .gelu: applyGelu(x)
        case .silu: applySilu(x)
        case .elu: applyElu(x)
        case .leakyRelu: applyLeakyRelu(x)
        case .softplus: applySoftplus(x)
        case .identity: x
        }
    }
}

// activation wrappers callable from inside `Activation`, whose case names shadow the free functions
private func applyRelu(_ x: Tensor) -> Tensor { relu(x) }
private func applyTanh(_ x: Tensor) -> Tensor { tanh(x) }
private func applySigmoid(_ x: Tensor) -> Tensor { sigmoid(x) }
private func applyGelu(_ x: Tensor) -> Tensor { gelu(x) }
private func applySilu(_ x: Tensor) -> Tensor { silu(x) }
private func applyElu(_ x: Tensor) -> Tensor { elu(x) }
private func applyLeakyRelu(_ x: Tensor) -> Tensor { leakyRelu(x) }
private func applySoftplus(_ x: Tensor) -> Tensor { softplus(x) }
