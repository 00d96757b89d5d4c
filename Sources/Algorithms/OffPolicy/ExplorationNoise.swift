import Tensor

/// The behaviour noise TD3 adds to its deterministic actions (in [−1, 1] action units, then clipped to the box).
public enum ExplorationNoiseKind: String, Codable, Equatable, Sendable {
    /// Independent N(0, σ²) each step (TD3 paper, SB3 `NormalActionNoise`).
    case gaussian
    /// Ornstein–Uhlenbeck process x ← x + θ(μ − x)dt + σ√dt·N(0, 1), μ = 0, θ = 0.15, dt = 0.01, reset to 0 when an
    /// episode ends (DDPG, Lillicrap et al. 2016, §7; SB3 `OrnsteinUhlenbeckActionNoise` defaults): temporally
    /// correlated, so it drifts far enough to explore MountainCarContinuous.
    case ornsteinUhlenbeck
}

/// Per-sub-environment exploration noise state (the OU process value; unused for Gaussian noise).
struct ExplorationNoise {
    /// θ, the OU mean-reversion rate (SB3 default 0.15).
    static let theta: Float = 0.15
    /// dt, the OU time step (SB3 default 0.01).
    static let dt: Float = 0.01

    let kind: ExplorationNoiseKind
    /// σ.
    let sigma: Float
    let actionSize: Int
    /// OU state, `count × actionSize`.
    private(set) var state: [Float]

    init(kind: ExplorationNoiseKind, sigma: Double, count: Int, actionSize: Int) {
        self.kind = kind
        self.sigma = Float(sigma)
        self.actionSize = actionSize
        state = [Float](repeating: 0, count: count * actionSize)
    }

    /// Adds noise to `actions` (`count × actionSize`, [−1, 1] units) and clips to [−1, 1].
    mutating func perturb(_ actions: [Float], using rng: inout Xoshiro256StarStar) -> [Float] {
        var out = actions
        for i in out.indices {
            let n: Float
            switch kind {
            case .gaussian:
                n = sigma * Float(rng.normal())
            case .ornsteinUhlenbeck:
                if state.count != out.count { state = [Float](repeating: 0, count: out.count) }
                state[i] += Self.theta * (0 - state[i]) * Self.dt + sigma * Self.dt.squareRoot() * Float(rng.normal())
                n = state[i]
            }
            out[i] = Swift.min(Swift.max(out[i] + n, -1), 1)
        }
        return out
    }

    /// Resets the OU state of the sub-environments whose episode ended.
    mutating func reset(done: [Bool]) {
        for (env, ended) in done.enumerated() where ended {
            let range = (env * actionSize)..<((env + 1) * actionSize)
            if range.upperBound <= state.count { for j in range { state[j] = 0 } }
        }
    }

    /// Restores the OU state (checkpoints).
    mutating func restore(_ values: [Float]) { if values.count == state.count { state = values } }
}
