import Foundation

/// A multi-modal latent-conditioned policy for a stateless (one-state) game: `π_θ(a | z) = softmax(b + W z)_a`.
///
/// θ = (b, W) is shared by every game (MRA's game-common knowledge); the latent `z ∈ ℝ^d` selects a strategic
/// mode (game-specific knowledge). With d = 0 the policy is unimodal: `π(a) = softmax(b)_a`, the shared baseline.
public struct LatentConditionedPolicy: Codable, Sendable, Equatable {
    /// Number of actions.
    public let actions: Int
    /// d, the latent dimension (0 for a unimodal policy).
    public let latentDimension: Int
    /// b, the shared logits.
    public var bias: [Double]
    /// W, row-major `actions × latentDimension`.
    public var weights: [Double]

    /// A policy with zero bias and weights `weights` (row-major `actions × latentDimension`).
    public init(actions: Int, latentDimension: Int, weights: [Double]? = nil) {
        self.actions = actions
        self.latentDimension = latentDimension
        bias = [Double](repeating: 0, count: actions)
        self.weights = weights ?? [Double](repeating: 0, count: actions * latentDimension)
    }

    /// θ flattened: b then W.
    public var parameters: [Double] {
        get { bias + weights }
        set {
            bias = Array(newValue[0..<actions])
            weights = Array(newValue[actions...])
        }
    }

    /// The logits `b + W z`.
    public func logits(_ latent: [Double]) -> [Double] {
        var out = bias
        for action in 0..<actions {
            for j in 0..<latentDimension { out[action] += weights[action * latentDimension + j] * latent[j] }
        }
        return out
    }

    /// `π(· | z)`.
    public func strategy(_ latent: [Double]) -> [Double] { Self.softmax(logits(latent)) }

    /// A numerically stable softmax.
    public static func softmax(_ logits: [Double]) -> [Double] {
        let top = logits.max() ?? 0
        let exps = logits.map { exp($0 - top) }
        let total = exps.reduce(0, +)
        return exps.map { $0 / total }
    }
}
