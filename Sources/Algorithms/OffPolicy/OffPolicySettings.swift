import Environments
import RLCore

/// The replay and update schedule every off-policy algorithm shares (SB3 `OffPolicyAlgorithm` arguments);
/// each algorithm's config exposes the same fields with its own defaults.
struct OffPolicySettings: Sendable {
    /// Replay capacity (SB3 `buffer_size`).
    var bufferSize: Int
    /// Environment steps of uniform random actions before learning starts (SB3 `learning_starts`).
    var learningStarts: Int
    /// Transitions per gradient step.
    var batchSize: Int
    /// Vector steps between training phases (SB3 `train_freq` in steps).
    var trainFrequency: Int
    /// Gradient steps per training phase (SB3 `gradient_steps`; −1 = as many as environment steps collected).
    var gradientSteps: Int
    /// n of n-step returns (1 = one-step TD).
    var nSteps: Int
    /// γ.
    var gamma: Double
    /// Uniform or prioritized replay.
    var replay: ReplaySampling
    /// Environment steps between `iterationFinished` events (metrics, evaluation, checkpoints).
    var logInterval: Int
    /// Memory budget of the replay buffer.
    var memoryBudgetBytes: Int

    /// Checks the values.
    /// - Throws: `EnvironmentError.invalidOption` naming the field (`<algo>.<field>`).
    func validate(algorithm: String) throws {
        func check(_ ok: Bool, _ message: String) throws {
            if !ok { throw EnvironmentError.invalidOption("\(algorithm).\(message)") }
        }
        try check(bufferSize > 0, "bufferSize must be positive, got \(bufferSize)")
        try check(learningStarts >= 0, "learningStarts must be ≥ 0, got \(learningStarts)")
        try check(batchSize > 0, "batchSize must be positive, got \(batchSize)")
        try check(trainFrequency > 0, "trainFrequency must be positive, got \(trainFrequency)")
        try check(gradientSteps != 0 && gradientSteps >= -1, "gradientSteps must be positive or -1, got \(gradientSteps)")
        try check(nSteps >= 1, "nSteps must be at least 1, got \(nSteps)")
        try check((0...1).contains(gamma), "gamma must be in [0, 1], got \(gamma)")
        try check(logInterval > 0, "logInterval must be positive, got \(logInterval)")
    }
}
