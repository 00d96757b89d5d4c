import RLCore

/// Deep Q-Network (Mnih et al. 2015) with the usual extensions as knobs: double DQN (van Hasselt et al. 2016),
/// dueling heads (Wang et al. 2016), n-step returns and prioritized replay (Hessel et al. 2018). Defaults are
/// SB3's `DQN` (all extensions off).
public struct DQNConfig: Codable, Equatable, Sendable {
    /// Adam learning rate (SB3: 1e-4).
    public var learningRate = 1e-4
    /// Replay capacity (SB3: 1e6).
    public var bufferSize = 1_000_000
    /// Random-action steps before learning (SB3: 100).
    public var learningStarts = 100
    /// Mini-batch size (SB3: 32).
    public var batchSize = 32
    /// τ of target updates: 1 = hard copy (SB3: 1.0); < 1 = Polyak averaging.
    public var tau = 1.0
    /// γ (SB3: 0.99).
    public var gamma = 0.99
    /// Vector steps between training phases (SB3 `train_freq`: 4).
    public var trainFrequency = 4
    /// Gradient steps per phase (SB3: 1; −1 = one per environment step collected).
    public var gradientSteps = 1
    /// C, environment steps between target-network updates (SB3 `target_update_interval`: 10,000).
    public var targetUpdateInterval = 10_000
    /// Fraction of training over which ε decays linearly (SB3: 0.1).
    public var explorationFraction = 0.1
    /// ε at the start (SB3: 1.0).
    public var explorationInitial = 1.0
    /// ε after the decay (SB3: 0.05).
    public var explorationFinal = 0.05
    /// Global gradient-norm clip (SB3 `max_grad_norm`: 10).
    public var maxGradNorm = 10.0
    /// δ of the Huber loss (SB3 uses `smooth_l1_loss`, δ = 1).
    public var huberDelta = 1.0
    /// Select a' with the online network, evaluate with the target network (double DQN). SB3: off.
    public var doubleQ = false
    /// Separate value and advantage streams, Q = V + A − mean A (dueling DQN). SB3: off.
    public var dueling = false
    /// Hidden layer widths (SB3: [64, 64]).
    public var hiddenSizes = [64, 64]
    /// n of n-step returns (1 = DQN).
    public var nSteps = 1
    /// Uniform (default) or prioritized replay (TD errors |δ| become priorities; losses weighted by w_i).
    public var replay = ReplaySampling.uniform
    /// Environment steps between logged iterations.
    public var logInterval = 1000
    /// Replay memory budget in bytes.
    public var memoryBudgetBytes = ReplayBuffer.defaultMemoryBudgetBytes

    /// SB3's defaults.
    public init() {}

    /// ε at `step` of a `totalSteps` run (SB3 `get_linear_fn(initial, final, fraction)`).
    public func epsilon(step: Int, totalSteps: Int) -> Double {
        let span = explorationFraction * Double(max(totalSteps, 1))
        let progress = span <= 0 ? 1 : min(1, Double(step) / span)
        return explorationInitial + (explorationFinal - explorationInitial) * progress
    }
}
