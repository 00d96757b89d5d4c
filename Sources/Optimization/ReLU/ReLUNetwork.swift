/// A feed-forward network in Double precision: affine layers with ReLU between them and a linear last layer,
/// the form the big-M encoder (``ReLUEncoder``) turns into MILP constraints.
///
/// Layer `l` maps `x ↦ W_l·x + b_l`; every layer but the last is followed by `max(0, ·)`.
public struct ReLUNetwork: Sendable, Codable, Equatable {
    /// One affine layer: `weights[o][i]` from input `i` to output `o`.
    public struct Layer: Sendable, Codable, Equatable {
        /// Rows are outputs, columns are inputs.
        public var weights: [[Double]]
        /// One bias per output.
        public var bias: [Double]

        /// A layer (checked by ``ReLUNetwork/init(layers:)``).
        public init(weights: [[Double]], bias: [Double]) {
            self.weights = weights
            self.bias = bias
        }

        /// Input width.
        public var inputs: Int { weights.first?.count ?? 0 }
        /// Output width.
        public var outputs: Int { weights.count }
    }

    /// The layers, input to output.
    public let layers: [Layer]

    /// A network from its layers.
    /// - Throws: ``OptimizationError/invalidModel(_:)`` when there are no layers, a layer is empty or ragged, the
    ///   bias length differs from the layer's outputs, consecutive widths do not chain, or a value is not finite.
    public init(layers: [Layer]) throws(OptimizationError) {
        guard !layers.isEmpty else { throw .invalidModel("a ReLU network needs at least one layer") }
        for (index, layer) in layers.enumerated() {
            guard layer.outputs > 0, layer.inputs > 0, layer.weights.allSatisfy({ $0.count == layer.inputs }) else {
                throw .invalidModel("layer \(index): weights must be a non-empty rectangular [outputs][inputs] array")
            }
            guard layer.bias.count == layer.outputs else {
                throw .invalidModel("layer \(index): \(layer.bias.count) biases for \(layer.outputs) outputs")
            }
            if index > 0 && layers[index - 1].outputs != layer.inputs {
                throw .invalidModel(
                    "layer \(index) takes \(layer.inputs) inputs but layer \(index - 1) gives "
                        + "\(layers[index - 1].outputs)")
            }
            guard layer.weights.allSatisfy({ $0.allSatisfy(\.isFinite) }) && layer.bias.allSatisfy(\.isFinite) else {
                throw .invalidModel("layer \(index) has a non-finite weight or bias")
            }
        }
        self.layers = layers
    }

    /// Input width.
    public var inputCount: Int { layers[0].inputs }
    /// Output width.
    public var outputCount: Int { layers[layers.count - 1].outputs }

    /// The network's outputs at `input` (which must have ``inputCount`` entries).
    public func callAsFunction(_ input: [Double]) -> [Double] {
        var values = input
        for (index, layer) in layers.enumerated() {
            var next = layer.bias
            for output in 0..<layer.outputs {
                let row = layer.weights[output]
                var total = next[output]
                for position in 0..<min(row.count, values.count) { total += row[position] * values[position] }
                next[output] = index == layers.count - 1 ? total : max(0, total)
            }
            values = next
        }
        return values
    }
}
