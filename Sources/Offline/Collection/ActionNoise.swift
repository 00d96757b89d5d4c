import Environments
import Tensor

/// Exploration added to a behaviour policy while recording: Gaussian noise and ε-random actions, clipped to the
/// action box (how D4RL-style recipes degrade an expert).
public struct ActionNoise: Codable, Equatable, Sendable {
    /// σ of the Gaussian noise added to each action entry, in units of half the box width `(high − low) / 2`
    /// (so σ = 0.1 is 0.1 absolute on a `[−1, 1]` box and 0.2 on Pendulum's `[−2, 2]`). Default 0.
    public var sigma: Double
    /// ε: the probability that a whole action is replaced by a uniformly random one (before the Gaussian noise).
    /// Default 0.
    public var randomActionProbability: Double

    /// Noise with σ and ε.
    public init(sigma: Double = 0, randomActionProbability: Double = 0) {
        self.sigma = sigma
        self.randomActionProbability = randomActionProbability
    }

    /// No noise.
    public static let none = ActionNoise()

    /// Checks σ ≥ 0 and ε ∈ [0, 1].
    /// - Throws: ``CollectionError`` naming the bad value.
    public func validate() throws(CollectionError) {
        guard sigma.isFinite, sigma >= 0 else { throw CollectionError("noise σ must be finite and ≥ 0, got \(sigma)") }
        guard (0...1).contains(randomActionProbability) else {
            throw CollectionError("ε (random-action probability) must be in [0, 1], got \(randomActionProbability)")
        }
    }

    /// Applies ε-random replacement and Gaussian noise to `count` action rows in place, then clips to `space`.
    /// Draws nothing when σ = 0 and ε = 0 (so a noiseless policy is unaffected by the stream).
    public func apply(to actions: inout [Float], count: Int, space: BoxSpace, using rng: inout Xoshiro256StarStar) {
        let d = space.count
        guard d > 0 else { return }
        for row in 0..<count {
            if randomActionProbability > 0, rng.nextDouble() < randomActionProbability {
                for j in 0..<d {
                    actions[row * d + j] = Float(space.low[j] + rng.nextDouble() * (space.high[j] - space.low[j]))
                }
            }
            for j in 0..<d {
                var x = Double(actions[row * d + j])
                if sigma > 0 { x += sigma * 0.5 * (space.high[j] - space.low[j]) * rng.normal() }
                actions[row * d + j] = Float(Swift.min(Swift.max(x, space.low[j]), space.high[j]))
            }
        }
    }

    /// ε-random replacement for Discrete actions: each of the `rows` indices is replaced by a uniform index in
    /// `0..<count` with probability ε (σ does not apply to indices). Draws nothing when ε = 0.
    public func apply(toIndices actions: inout [Float], count: Int, using rng: inout Xoshiro256StarStar) {
        guard randomActionProbability > 0, count > 0 else { return }
        for row in actions.indices where rng.nextDouble() < randomActionProbability {
            actions[row] = Float(rng.int(below: count))
        }
    }
}
