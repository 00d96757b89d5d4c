import RLCore

/// The replay and update-schedule fields every off-policy config (``DQNConfig``, ``SACConfig``, ``TD3Config``)
/// declares with its own defaults; ``offPolicy`` gathers them for ``OffPolicyRunner``.
protocol OffPolicyConfig: Codable, Equatable, Sendable {
    var bufferSize: Int { get }
    var learningStarts: Int { get }
    var batchSize: Int { get }
    var trainFrequency: Int { get }
    var gradientSteps: Int { get }
    var nSteps: Int { get }
    var gamma: Double { get }
    var replay: ReplaySampling { get }
    var logInterval: Int { get }
    var memoryBudgetBytes: Int { get }
}

extension OffPolicyConfig {
    /// The runner's settings.
    var offPolicy: OffPolicySettings {
        OffPolicySettings(
            bufferSize: bufferSize, learningStarts: learningStarts, batchSize: batchSize,
            trainFrequency: trainFrequency, gradientSteps: gradientSteps, nSteps: nSteps, gamma: gamma,
            replay: replay, logInterval: logInterval, memoryBudgetBytes: memoryBudgetBytes)
    }
}

extension DQNConfig: OffPolicyConfig {}
extension SACConfig: OffPolicyConfig {}
extension TD3Config: OffPolicyConfig {}
