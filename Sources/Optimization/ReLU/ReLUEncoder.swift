/// How the big-M constants of a ReLU encoding are chosen.
public enum BigM: Sendable, Equatable {
    /// M⁺ = U and M⁻ = −L from interval arithmetic on the input bounds (the tightest big-M): units with U ≤ 0 are
    /// dropped (always 0), units with L ≥ 0 stay linear (always active); only unstable units get a binary.
    case intervalBounds
    /// One constant M for every unit (SEQUOIA's default M = 1e5, §9); every unit gets a binary. Large M weakens the
    /// relaxation and, with GLPK's integrality tolerance (1e-5), can give wrong answers above M ≈ 1e4.
    case constant(Double)
}

/// What ``ReLUEncoder/encode(_:inputs:inputBounds:bigM:into:prefix:)`` added to a model.
public struct ReLUEncoding: Sendable {
    /// The network's outputs as linear expressions of the model's variables (the last layer is linear).
    public var outputs: [LinearExpression]
    /// Pre-activation bounds [L, U] of every hidden unit, per hidden layer (interval arithmetic).
    public var preActivationBounds: [[ClosedRange<Double>]]
    /// Binary indicators added (one per unstable unit, or per unit with ``BigM/constant(_:)``).
    public var binaries: [Variable]
    /// Hidden units that are always 0 on the input box (dropped).
    public var inactiveUnits: Int
    /// Hidden units that are always active on the input box (kept linear).
    public var activeUnits: Int
}

/// The big-M MILP encoding of a ReLU network (Fischetti & Jo 2018; as SEQUOIA, §9, uses it through Neur2SP):
/// for each hidden unit with pre-activation `p = wᵀx + b`,
/// `p = h − s`, `0 ≤ h ≤ M⁺·z`, `0 ≤ s ≤ M⁻·(1 − z)`, `z ∈ {0, 1}`, and the unit's output is `h` (= max(0, p) at any
/// feasible point). The output layer is linear, so the network's value is a linear expression the caller can use as
/// an objective.
public enum ReLUEncoder {
    /// Interval-arithmetic bounds of every hidden unit's pre-activation on the box `inputBounds`.
    /// - Throws: ``OptimizationError/invalidModel(_:)`` when `inputBounds` does not have one range per input or a
    ///   bound is not finite.
    public static func preActivationBounds(_ network: ReLUNetwork, inputBounds: [ClosedRange<Double>])
        throws(OptimizationError) -> [[ClosedRange<Double>]]
    {
        guard inputBounds.count == network.inputCount else {
            throw .invalidModel("\(inputBounds.count) input bounds for a network with \(network.inputCount) inputs")
        }
        guard inputBounds.allSatisfy({ $0.lowerBound.isFinite && $0.upperBound.isFinite }) else {
            throw .invalidModel("input bounds must be finite, got \(inputBounds)")
        }
        var box = inputBounds
        var out: [[ClosedRange<Double>]] = []
        for layer in network.layers.dropLast() {
            let pre = affineBounds(layer, box)
            out.append(pre)
            box = pre.map { max(0, $0.lowerBound)...max(0, $0.upperBound) }
        }
        return out
    }

    static func affineBounds(_ layer: ReLUNetwork.Layer, _ box: [ClosedRange<Double>]) -> [ClosedRange<Double>] {
        (0..<layer.outputs).map { output in
            var low = layer.bias[output], high = layer.bias[output]
            for (input, weight) in layer.weights[output].enumerated() {
                let a = weight * box[input].lowerBound, b = weight * box[input].upperBound
                low += min(a, b)
                high += max(a, b)
            }
            return low...high
        }
    }

    /// Adds the encoding of `network` applied to `inputs` to `model` and returns its outputs as expressions.
    /// - Parameters:
    ///   - inputs: one expression per network input (variables, constants or combinations).
    ///   - inputBounds: a box containing every value the inputs can take (used for the big-M constants).
    ///   - bigM: ``BigM/intervalBounds`` (default) or a constant.
    ///   - prefix: variable-name prefix (`relu` → `relu.l0.u3.z`).
    /// - Throws: ``OptimizationError/invalidModel(_:)`` for mismatched widths, non-finite bounds or M ≤ 0.
    public static func encode(
        _ network: ReLUNetwork, inputs: [LinearExpression], inputBounds: [ClosedRange<Double>],
        bigM: BigM = .intervalBounds, into model: inout MILPModel, prefix: String = "relu"
    ) throws(OptimizationError) -> ReLUEncoding {
        guard inputs.count == network.inputCount else {
            throw .invalidModel("\(inputs.count) input expressions for a network with \(network.inputCount) inputs")
        }
        if case .constant(let m) = bigM, !(m.isFinite && m > 0) {
            throw .invalidModel("big-M must be a positive finite number, got \(m)")
        }
        let bounds = try preActivationBounds(network, inputBounds: inputBounds)
        var current = inputs
        var encoding = ReLUEncoding(
            outputs: [], preActivationBounds: bounds, binaries: [], inactiveUnits: 0, activeUnits: 0)
        for (index, layer) in network.layers.enumerated() {
            var next: [LinearExpression] = []
            for output in 0..<layer.outputs {
                var pre = LinearExpression(constant: layer.bias[output])
                for (input, weight) in layer.weights[output].enumerated() where weight != 0 {
                    pre += weight * current[input]
                }
                if index == network.layers.count - 1 {
                    next.append(pre)
                    continue
                }
                let range = bounds[index][output]
                let name = "\(prefix).l\(index).u\(output)"
                var plus = range.upperBound, minus = -range.lowerBound
                if case .constant(let m) = bigM {
                    plus = m
                    minus = m
                } else if range.upperBound <= 0 {
                    encoding.inactiveUnits += 1
                    next.append(LinearExpression())
                    continue
                } else if range.lowerBound >= 0 {
                    encoding.activeUnits += 1
                    next.append(pre)
                    continue
                }
                let h = model.addVariable(name + ".h", lower: 0, upper: plus)
                let s = model.addVariable(name + ".s", lower: 0, upper: minus)
                let z = model.addVariable(name + ".z", kind: .binary)
                model.addConstraint(.equal(pre, h - s), name: name + ".split")
                model.addConstraint(LinearExpression(h) - plus * z <= 0, name: name + ".on")
                model.addConstraint(LinearExpression(s) + minus * z <= minus, name: name + ".off")
                encoding.binaries.append(z)
                next.append(LinearExpression(h))
            }
            current = next
        }
        encoding.outputs = current
        return encoding
    }
}
