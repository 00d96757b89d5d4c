import Environments

/// What an explorer plays in one episode: a mixture over whole-episode policies (one component for UCBVI and
/// StepMix, two for EpsMix), with its exploration weight (1 for UCBVI, ε for EpsMix, θ/H for StepMix).
public struct EpisodePlan: Sendable {
    /// `(probability, policy)` pairs summing to 1; one is drawn at the start of the episode.
    public var components: [(weight: Double, policy: EpisodicPolicy)]
    /// The exploration weight.
    public var exploration: Double

    /// Draws the component to run.
    public func draw(using generator: inout some RandomNumberGenerator) -> EpisodicPolicy {
        guard components.count > 1 else { return components[0].policy }
        let u = Double.random(in: 0..<1, using: &generator)
        var total = 0.0
        for component in components {
            total += component.weight
            if u < total { return component.policy }
        }
        return components[components.count - 1].policy
    }

    /// The exact expected value of the mixture in `mdp`.
    public func value(in mdp: EpisodicMDP, signal: EpisodicMDP.Signal = .reward) -> Double {
        components.reduce(0) { $0 + ($1.weight > 0 ? $1.weight * mdp.value(of: $1.policy, signal: signal) : 0) }
    }

    /// The exact expected value of the mixture, through a sparse evaluator.
    public func value(using evaluator: EpisodicEvaluator, signal: EpisodicMDP.Signal = .reward) -> Double {
        components.reduce(0) {
            $0 + ($1.weight > 0 ? $1.weight * evaluator.value(of: $1.policy, signal: signal) : 0)
        }
    }
}

/// An optimistic tabular learner: UCBVI alone, or UCBVI inside StepMix / EpsMix. Holds the counts and empirical
/// model; ``plan(episodes:start:)`` gives the episode's policy and ``observe(stage:state:action:reward:utility:next:)``
/// records what happened.
public struct EpisodicExplorer: Sendable {
    /// The optimistic planner and its bonus.
    public let planner: UCBVI
    /// The conservative wrapper, or nil for plain UCBVI.
    public let conservative: ConservativeExploration?
    /// The counts and empirical model.
    public private(set) var model: EpisodicModel

    /// A fresh learner.
    /// - Parameter stageDependent: keep counts per stage (for MDPs whose transitions depend on h).
    /// - Throws: ``TabularError/invalidConfiguration(_:)`` for invalid sizes or settings.
    public init(
        stateCount: Int, actionCount: Int, horizon: Int, stageDependent: Bool, planner: UCBVI = UCBVI(),
        conservative: ConservativeExploration? = nil
    ) throws(TabularError) {
        guard stateCount > 0, actionCount > 0, horizon > 0 else {
            throw .invalidConfiguration("exploration: need S, A, H ≥ 1, got \(stateCount), \(actionCount), \(horizon)")
        }
        try planner.validate()
        try conservative?.validate(stateCount: stateCount, actionCount: actionCount, horizon: horizon)
        self.planner = planner
        self.conservative = conservative
        model = EpisodicModel(
            stateCount: stateCount, actionCount: actionCount, horizon: horizon, stageDependent: stageDependent)
    }

    /// Records one transition.
    public mutating func observe(stage: Int, state: Int, action: Int, reward: Double, utility: Double, next: Int) {
        model.observe(stage: stage, state: state, action: action, reward: reward, utility: utility, next: next)
    }

    /// The plan for the next episode.
    /// - Parameters:
    ///   - episodes: K, the episode budget in `L`.
    ///   - start: ρ.
    /// - Complexity: O(H·(SA + successors)) for UCBVI and EpsMix, O(H²·(SA + successors)) for StepMix.
    public func plan(episodes: Int, start: [Double]) -> EpisodePlan {
        let optimistic = planner.optimisticPolicy(model, episodes: episodes, start: start).policy
        guard let conservative else { return EpisodePlan(components: [(1, optimistic)], exploration: 1) }
        func expectation(_ values: [Double]) -> Double { zip(start, values).reduce(0) { $0 + $1.0 * $1.1 } }
        switch conservative.mixing {
        case .epsMix:
            let lower = expectation(planner.pessimisticValues(of: optimistic, model, episodes: episodes))
            let epsilon = conservative.epsilon(certificate: lower)
            return EpisodePlan(
                components: [(epsilon, optimistic), (1 - epsilon, conservative.baseline)], exploration: epsilon)
        case .stepMix:
            let horizon = model.horizon
            // W_t = V̲^{π^b}_t: the baseline's pessimistic values, the tail of every π_{t, 0}.
            var tails = [[Double]](repeating: [], count: horizon + 1)
            tails[horizon] = [Double](repeating: 0, count: model.stateCount)
            for t in stride(from: horizon - 1, through: 1, by: -1) {
                tails[t] = planner.pessimisticValues(
                    of: conservative.baseline, model, episodes: episodes, from: t, until: t + 1, terminal: tails[t + 1])
            }
            var certificates = [conservative.baselineValue]
            for t in 1...horizon {
                certificates.append(
                    expectation(
                        planner.pessimisticValues(
                            of: optimistic, model, episodes: episodes, from: 0, until: t, terminal: tails[t])))
            }
            let theta = conservative.theta(certificates: certificates)
            let policy = ConservativeExploration.stepPolicy(
                theta: theta, optimistic: optimistic, baseline: conservative.baseline)
            return EpisodePlan(components: [(1, policy)], exploration: theta / Double(horizon))
        }
    }
}

extension EpisodicExplorer: EpisodicLearner {}
