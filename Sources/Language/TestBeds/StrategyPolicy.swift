import Foundation
import Tensor

/// The StrategyBandit's policy as a one-step ``CausalLanguageModel``: `π(a|x) = softmax(W·[φ(x), 1])` over the
/// bandit's actions (strategies, then junk actions).
///
/// Token ids: `0 ..< actions` are the actions, `actions ..< actions + problems` the problems. A prompt is the single
/// token of its problem; the hidden state at a problem token is `[φ(x), 1]` (constant, not trained), at any other
/// token zeros. The logits of problem tokens are fixed at −10⁹, so only actions are ever sampled; with every action
/// a stop token (``stopTokens``) a completion is exactly one action. ``exactProbabilities(problem:)`` gives the
/// policy in closed form for exact pass@k and support.
public final class StrategyPolicy: Module, CausalLanguageModel {
    /// `W`: `[actions, featureDimension + 1]`, the last column the bias b.
    public let weight: Tensor
    private let _features: [[Double]]
    private let _actions: Int

    /// A policy over `actions` actions for problems with features `features` and initial weights `weights`
    /// (row-major `[actions, d + 1]`).
    public init(features: [[Double]], actions: Int, weights: [Float]) {
        let d = features.first?.count ?? 0
        precondition(weights.count == actions * (d + 1), "StrategyPolicy: weights must be [actions, d + 1]")
        _features = features
        _actions = actions
        weight = Tensor(weights, shape: [actions, d + 1])
        super.init()
    }

    /// Number of actions (strategies and junk).
    public var actionCount: Int { _actions }
    /// Number of problems.
    public var problemCount: Int { _features.count }
    /// The token of problem `x`.
    public func token(ofProblem x: Int) -> Int { _actions + x }
    /// Every action token ends a completion.
    public var stopTokens: [Int] { Array(0..<_actions) }

    public var vocabularySize: Int { _actions + _features.count }
    public var contextLength: Int { 2 }
    public var hiddenSize: Int { (_features.first?.count ?? 0) + 1 }
    public var layerCount: Int { 0 }

    public func hiddenStates(
        ids: [Int], batch: Int, length: Int, keyMask: [Bool]?, positions: [Int]?, cache: inout LanguageModelCache?
    ) -> Tensor {
        let h = hiddenSize
        var values = [Float](repeating: 0, count: ids.count * h)
        for (i, id) in ids.enumerated() where id >= _actions && id - _actions < _features.count {
            let phi = _features[id - _actions]
            for k in 0..<(h - 1) { values[i * h + k] = Float(phi[k]) }
            values[i * h + h - 1] = 1
        }
        return Tensor(values, shape: [batch, length, h])
    }

    public func outputLogits(_ hidden: Tensor) -> Tensor {
        let actionLogits = linear(hidden, weight: weight)
        var maskedShape = hidden.shape
        maskedShape[maskedShape.count - 1] = _features.count
        let masked = Tensor(repeating: -1e9, shape: maskedShape, dtype: actionLogits.dtype)
        return concat([actionLogits, masked], axis: hidden.rank - 1)
    }

    /// π(·|x) over the actions, computed in Double from the current weights.
    public func exactProbabilities(problem x: Int) -> [Double] {
        exactProbabilities(weights: weight.doubles, problem: x)
    }

    /// π(·|x) for every problem (one read of the weights).
    public func exactProbabilities() -> [[Double]] {
        let w = weight.doubles
        return (0..<_features.count).map { exactProbabilities(weights: w, problem: $0) }
    }

    private func exactProbabilities(weights w: [Double], problem x: Int) -> [Double] {
        let h = hiddenSize, phi = _features[x]
        var logits = [Double](repeating: 0, count: _actions)
        for a in 0..<_actions {
            var z = w[a * h + h - 1]
            for k in 0..<(h - 1) { z += w[a * h + k] * phi[k] }
            logits[a] = z
        }
        let m = logits.max() ?? 0
        let e = logits.map { Foundation.exp($0 - m) }
        let s = e.reduce(0, +)
        return e.map { $0 / s }
    }

    /// An independent copy with the same weights (the frozen reference policy).
    public func copy() -> StrategyPolicy {
        StrategyPolicy(features: _features, actions: _actions, weights: weight.floats)
    }
}
