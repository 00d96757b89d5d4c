/// A multilayer perceptron: `Linear → activation → … → Linear`, the building block of RL policies and critics.
/// Parameter paths are `layers.<i>.weight` / `layers.<i>.bias`.
public final class MLP: Module {
    public let layers: [Linear]
    /// Activation between hidden layers.
    public let activation: Activation
    /// Optional activation after the last layer (default none).
    public let outputActivation: Activation

    /// - Parameters:
    ///   - sizes: layer widths including input and output, e.g. `[4, 64, 64, 2]`.
    ///   - activation: hidden activation.
    ///   - hiddenInitializer / outputInitializer: weight initialisers (biases zero unless PyTorch default).
    public init<G: RandomNumberGenerator>(
        _ sizes: [Int], activation: Activation = .tanh, outputActivation: Activation = .identity,
        hiddenInitializer: Initializer = .pytorchDefault, outputInitializer: Initializer? = nil,
        dtype: DType = .float32, using rng: inout G
    ) {
        precondition(sizes.count >= 2, "MLP: need at least input and output sizes, got \(sizes)")
        var layers: [Linear] = []
        for i in 0..<(sizes.count - 1) {
            let isLast = i == sizes.count - 2
            let initializer = isLast ? (outputInitializer ?? hiddenInitializer) : hiddenInitializer
            layers.append(Linear(sizes[i], sizes[i + 1], initializer: initializer, dtype: dtype, using: &rng))
        }
        self.layers = layers
        self.activation = activation
        self.outputActivation = outputActivation
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        var h = x
        for (i, layer) in layers.enumerated() {
            h = layer(h)
            h = i == layers.count - 1 ? outputActivation(h) : activation(h)
        }
        return h
    }
}

/// Layers applied in order (any `Module` with a `Tensor → Tensor` call, wrapped as closures' owners).
public final class Sequential: Module {
    public let layers: [Module]
    private let _forward: [(Tensor) -> Tensor]

    /// - Parameter layers: pairs of a module (for its parameters; may be an empty `Module()` for stateless steps)
    ///   and how to apply it.
    public init(_ layers: [(module: Module, apply: (Tensor) -> Tensor)]) {
        self.layers = layers.map(\.module)
        self._forward = layers.map(\.apply)
    }

    public func callAsFunction(_ x: Tensor) -> Tensor { _forward.reduce(x) { $1($0) } }
}
