import Offline

/// The learners of the zero-shot-fb reproduction.
public enum ZeroShotFBArm: String, Codable, Sendable, CaseIterable {
    /// Vanilla forward–backward.
    case fb
    /// Value-conservative FB.
    case vcfb
    /// Measure-conservative FB.
    case mcfb
    /// FB with a GRU memory over history windows (FB-M).
    case fbm = "fb-m"
}

/// The data settings of the zero-shot-fb reproduction.
public enum ZeroShotFBSetting: String, Codable, Sendable, CaseIterable {
    /// Full coverage: uniform-random transitions from every free cell.
    case full
    /// Low coverage, homogeneous: one goal-directed behaviour.
    case low
    /// Full coverage with flickering observations (zeroed with probability ``ZeroShotFBBudget/flicker``).
    case flicker

    /// The arms run in this setting.
    public var arms: [ZeroShotFBArm] { self == .flicker ? [.fb, .fbm] : [.fb, .vcfb, .mcfb] }
}

/// The scale of the zero-shot-fb reproduction.
public struct ZeroShotFBBudget: Codable, Sendable, Equatable {
    /// Gradient steps per run.
    public var steps: Int
    /// Transitions per batch.
    public var batchSize: Int
    /// Gradient steps between zero-shot evaluations (the curve).
    public var evaluateEvery: Int
    /// Transitions of the full-coverage (and flickering) datasets.
    public var fullTransitions: Int
    /// Transitions of the low-coverage dataset.
    public var lowTransitions: Int
    /// p, the flicker probability (FB-M paper: 0.2).
    public var flicker = 0.2
    /// k, history rows of FB-M.
    public var historyLength = 4
    /// Steps per evaluation episode.
    public var horizon = 30
    /// The learners' shared hyper-parameters (the arm sets the penalty and the memory).
    public var config: FBConfig
    /// GRU units of FB-M.
    public var memoryWidth = 64

    /// A budget.
    public init(
        steps: Int, batchSize: Int, evaluateEvery: Int, fullTransitions: Int, lowTransitions: Int, config: FBConfig
    ) {
        self.steps = steps
        self.batchSize = batchSize
        self.evaluateEvery = evaluateEvery
        self.fullTransitions = fullTransitions
        self.lowTransitions = lowTransitions
        self.config = config
    }

    /// Full: 4,000 steps, batch 64, 20,000 full-coverage and 2,000 low-coverage transitions, d = 32, F and B
    /// 64 × 2 ReLU, FB-M GRU 32; quick: 1,500 steps, 8,000 full-coverage transitions, d = 16. Both: Adam 10⁻³,
    /// γ 0.95, the code's τ = 0.01, z mixing 0.5, orthonormality 1, gradient clamp ±1, and the conservative arms
    /// with the code's Lagrange tuning (α₀ = 1, target penalty τ = 50) — fixed before any run of the reproduction
    /// (the sizes from the time budget of a shared 2-core machine, lr and γ from the FB learning test).
    public static func standard(quick: Bool) -> ZeroShotFBBudget {
        var config = FBConfig()
        config.zDimension = quick ? 16 : 32
        config.forwardHidden = [64, 64]
        config.backwardHidden = [64, 64]
        config.learningRate = 1e-3
        config.gamma = 0.95
        config.conservative.lagrange = true
        var budget = ZeroShotFBBudget(
            steps: quick ? 1_500 : 4_000, batchSize: 64, evaluateEvery: quick ? 500 : 1_000,
            fullTransitions: quick ? 8_000 : 20_000, lowTransitions: 2_000, config: config)
        budget.memoryWidth = 32
        return budget
    }

    /// One line for the report.
    public var summary: String {
        "\(steps) steps, batch \(batchSize), d = \(config.zDimension), F \(config.forwardHidden), B "
            + "\(config.backwardHidden), lr \(config.learningRate), γ \(config.gamma), datasets \(fullTransitions) "
            + "(full) / \(lowTransitions) (low) transitions, flicker p = \(flicker), FB-M GRU \(memoryWidth) over "
            + "\(historyLength) steps, α "
            + (config.conservative.lagrange
                ? "Lagrange (τ = \(config.conservative.targetPenalty))" : "fixed \(config.conservative.alpha)")
    }
}
