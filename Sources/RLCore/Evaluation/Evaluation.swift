import Environments
import Foundation

/// Returns of evaluation episodes and their mean ± standard deviation (population std, as SB3 `evaluate_policy`).
public struct EvaluationResult: Codable, Equatable, Sendable {
    /// Undiscounted return of each episode.
    public var returns: [Double]
    /// Length of each episode.
    public var lengths: [Int]

    /// A result from per-episode returns and lengths.
    public init(returns: [Double], lengths: [Int]) {
        self.returns = returns
        self.lengths = lengths
    }

    /// Mean return.
    public var mean: Double { returns.isEmpty ? 0 : returns.reduce(0, +) / Double(returns.count) }
    /// Population standard deviation of the returns.
    public var standardDeviation: Double {
        guard !returns.isEmpty else { return 0 }
        let m = mean
        return (returns.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(returns.count)).squareRoot()
    }
    /// Mean episode length.
    public var meanLength: Double { lengths.isEmpty ? 0 : Double(lengths.reduce(0, +)) / Double(lengths.count) }
}

/// The evaluation loop: a separate, freshly seeded copy of the environment (never the training environments),
/// `episodes` episodes run side by side (sub-environment `i` seeded `seed + i`), one episode each.
public enum Evaluation {
    /// Evaluates `algorithm` on `environmentID`.
    /// - Parameters:
    ///   - algorithm: the policy (its own frozen observation normalisation applies).
    ///   - environmentID: the environment; defaults to the one it trained on.
    ///   - episodes: number of episodes (10 in SwiftRL's benchmarks).
    ///   - seed: seed of the first evaluation episode.
    ///   - deterministic: use the distribution's mode.
    ///   - maxSteps: safety limit on steps per episode for environments without a time limit.
    /// - Returns: per-episode returns and lengths.
    /// - Throws: `EnvironmentError` from the environment, or `.invalidOption` if an episode exceeds `maxSteps`.
    /// - Complexity: O(episodes × episode length) policy evaluations, batched over episodes.
    public static func run(
        _ algorithm: any Algorithm, environmentID: String? = nil, episodes: Int = 10, seed: UInt64,
        deterministic: Bool = true, maxSteps: Int = 100_000
    ) throws -> EvaluationResult {
        guard episodes > 0 else { throw EnvironmentError.invalidOption("evaluation needs at least 1 episode") }
        var env = try EnvironmentRegistry.shared.makeVector(
            environmentID ?? algorithm.environment.id, count: episodes)
        try env.reset(seed: seed)
        var returns = [Double?](repeating: nil, count: episodes)
        var lengths = [Int](repeating: 0, count: episodes)
        let discrete: Bool
        if case .discrete = algorithm.actionSpace { discrete = true } else { discrete = false }
        var steps = 0
        while returns.contains(where: { $0 == nil }) {
            let actions = algorithm.predict(observations: env.observations, count: episodes, deterministic: deterministic)
            if discrete {
                try env.step(discreteActions: actions.map { Int($0) })
            } else {
                try env.step(flatActions: actions)
            }
            for finished in env.finishedEpisodes where returns[finished.index] == nil {
                returns[finished.index] = finished.episodeReturn
                lengths[finished.index] = finished.length
            }
            steps += 1
            guard steps <= maxSteps else {
                throw EnvironmentError.invalidOption(
                    "evaluation: an episode ran longer than \(maxSteps) steps; the environment needs a time limit")
            }
        }
        return EvaluationResult(returns: returns.map { $0 ?? 0 }, lengths: lengths)
    }
}
