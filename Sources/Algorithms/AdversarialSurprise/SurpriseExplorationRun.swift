import Environments
import Tensor

/// What one episode of a ``SurpriseExplorationRun`` measured.
public struct SurpriseEpisodeStats: Codable, Sendable, Equatable {
    /// Distinct cells the body visited (start included).
    public var distinctCells: Int
    /// Steps that ended on a noisy cell.
    public var noisySteps: Int
    /// Steps that ended on a dark cell.
    public var darkSteps: Int
    /// Whether the switch froze the noise.
    public var usedSwitch: Bool
    /// Σ −log p_θ(o) over the scored steps (Control's scored steps for Adversarial Surprise; every step for the
    /// single-policy methods; none for random).
    public var surprise: Double
    /// Number of scored steps.
    public var scoredSteps: Int
}

/// One step of a recorded episode: who acted and the reward that step was finally assigned.
public struct SurpriseStepRecord: Codable, Sendable, Equatable {
    /// Episode step.
    public var step: Int
    /// Who acted (``SurprisePlayer/control`` for the single-policy methods and random).
    public var player: SurprisePlayer
    /// The reward the acting policy learns from at this step (Explore's is filled in when its round is credited).
    public var reward: Double
}

/// Trains one ``SurpriseMethod`` on a ``SurpriseRooms`` grid with tabular Q-learning (``TabularTD``) and evaluates
/// its coverage.
///
/// Each policy is a Q table over (latent cell, time bucket). A policy's transitions are learned when its reward is
/// known: Control's at the end of its round, Explore's once the following Control round has ended (its last step
/// then gets `−R_C`), a single policy's at the end of the episode; each batch is replayed last-step-first so a
/// round-end reward reaches the round's first step in one pass. The density model is reset at every episode and
/// fitted as ``AlternatingSchedule`` specifies (Control's scored observations only) or, for the single-policy
/// methods, on every observation after a step.
public struct SurpriseExplorationRun {
    /// The method.
    public let method: SurpriseMethod
    /// Settings.
    public let config: SurpriseExplorationConfig
    /// The environment (its generator carries across episodes).
    public private(set) var environment: SurpriseRooms
    /// Control (or the single policy).
    public private(set) var control: TabularTD
    /// Explore (Adversarial Surprise only).
    public private(set) var explore: TabularTD
    /// The density model p_θ.
    public private(set) var density: CategoricalDensity
    /// Environment steps taken while learning (drives ε).
    public private(set) var trainingSteps = 0
    private var randomActions: Xoshiro256StarStar
    private var resetSeed: UInt64?

    private struct Transition {
        var state: Int, action: Int, next: Int, reward: Double, terminated: Bool
    }

    /// A fresh run; every stream derives from `seed`.
    /// - Throws: ``SurpriseError`` for a bad configuration, or TabularError.
    public init(method: SurpriseMethod, environment: SurpriseRooms, config: SurpriseExplorationConfig, seed: UInt64)
        throws
    {
        self.method = method
        self.config = config
        self.environment = environment
        let side = 2 * environment.viewRadius + 1
        density = try CategoricalDensity(
            features: side * side, classes: Int(SurpriseRooms.Code.noise) + environment.colours,
            floor: config.densityFloor)
        let states = environment.rows * environment.columns * config.timeBuckets
        let root = Xoshiro256StarStar(seed: seed)
        var seeds = root.derived("surprise/\(method.rawValue)")
        control = try TabularTD(config: config.learner, stateCount: states, actionCount: 5, seed: seeds.next())
        explore = try TabularTD(config: config.learner, stateCount: states, actionCount: 5, seed: seeds.next())
        randomActions = root.derived("surprise/random-actions")
        resetSeed = seeds.next()
    }

    /// The Q-table row of (`cell`, episode step `t`).
    public func state(cell: Int, step t: Int) -> Int {
        let length = config.schedule.episodeLength
        let bucket = Swift.min(config.timeBuckets - 1, Swift.max(0, t) * config.timeBuckets / length)
        return cell * config.timeBuckets + bucket
    }

    /// Trains for `episodes` episodes; ε decays over `totalEpisodes` (default `episodes`).
    /// - Returns: each training episode's statistics.
    /// - Throws: environment or density errors.
    public mutating func train(episodes: Int, totalEpisodes: Int? = nil) throws -> [SurpriseEpisodeStats] {
        let totalSteps = (totalEpisodes ?? episodes) * config.schedule.episodeLength
        var out: [SurpriseEpisodeStats] = []
        out.reserveCapacity(episodes)
        for _ in 0..<episodes {
            out.append(try episode(learn: true) { [config] step in
                config.learner.epsilon(step: step, totalSteps: totalSteps)
            })
        }
        return out
    }

    /// Runs `episodes` episodes with ε = ``SurpriseExplorationConfig/evaluationEpsilon`` and no learning.
    /// - Throws: environment or density errors.
    public mutating func evaluate(episodes: Int) throws -> [SurpriseEpisodeStats] {
        let epsilon = config.evaluationEpsilon
        return try (0..<episodes).map { _ in try episode(learn: false) { _ in epsilon } }
    }

    /// Runs one episode with ε = ``SurpriseExplorationConfig/evaluationEpsilon`` and no learning, and returns each
    /// step's player and reward (to check the reward assignment).
    /// - Throws: environment or density errors.
    public mutating func recordEpisode() throws -> [SurpriseStepRecord] {
        var trace: [SurpriseStepRecord]? = []
        let epsilon = config.evaluationEpsilon
        _ = try episode(learn: false, trace: &trace) { _ in epsilon }
        return trace ?? []
    }

    mutating func episode(learn: Bool, epsilon: (Int) -> Double) throws -> SurpriseEpisodeStats {
        var trace: [SurpriseStepRecord]? = nil
        return try episode(learn: learn, trace: &trace, epsilon: epsilon)
    }

    /// One episode; appends to `trace` when it is non-nil.
    mutating func episode(learn: Bool, trace: inout [SurpriseStepRecord]?, epsilon: (Int) -> Double) throws
        -> SurpriseEpisodeStats
    {
        let schedule = config.schedule, length = schedule.episodeLength
        _ = try environment.reset(seed: resetSeed)
        resetSeed = nil
        density.reset()
        var coverage = CoverageCounter()
        coverage.visit(environment.position)
        var stats = SurpriseEpisodeStats(
            distinctCells: 0, noisySteps: 0, darkSteps: 0, usedSwitch: false, surprise: 0, scoredSteps: 0)
        var pending: [Transition] = [], explorePending: [Transition] = []
        var controlReturn = 0.0
        for t in 0..<length {
            let player: SurprisePlayer = method == .adversarialSurprise ? schedule.player(atStep: t) : .control
            let state = state(cell: environment.position, step: t)
            let eps = epsilon(trainingSteps)
            let action: Int
            switch (method, player) {
            case (.random, _): action = randomActions.int(below: 5)
            case (_, .explore): action = explore.behaviourAction(state, epsilon: eps)
            case (_, .control): action = control.behaviourAction(state, epsilon: eps)
            }
            let step = try environment.step(action)
            if learn { trainingSteps += 1 }
            let cell = environment.position
            coverage.visit(cell)
            if environment.kind(cell) == "N" { stats.noisySteps += 1 }
            if environment.kind(cell) == "D" { stats.darkSteps += 1 }
            let observation = try density.classify(step.observation)
            let next = self.state(cell: cell, step: t + 1)
            var reward = 0.0
            switch method {
            case .adversarialSurprise:
                let ends = schedule.endsRound(t)
                if player == .control {
                    if schedule.controlScores(stepInRound: schedule.stepInRound(t)) {
                        reward = density.logProbability(observation)
                        density.add(observation)
                        stats.surprise -= reward
                        stats.scoredSteps += 1
                    }
                    controlReturn += reward
                    pending.append(Transition(
                        state: state, action: action, next: next, reward: reward, terminated: ends))
                    if ends {
                        if learn { Self.replay(pending, into: &control) }
                        pending = []
                        if schedule.creditedExploreRound(forControlRound: schedule.round(atStep: t)) != nil,
                           !explorePending.isEmpty
                        {
                            let credit = AlternatingSchedule.exploreReward(followingControlReturn: controlReturn)
                            explorePending[explorePending.count - 1].reward = credit
                            if let index = trace?.lastIndex(where: { $0.player == .explore }) {
                                trace?[index].reward = credit
                            }
                            if learn { Self.replay(explorePending, into: &explore) }
                            explorePending = []
                        }
                        controlReturn = 0
                    }
                } else {
                    explorePending.append(Transition(
                        state: state, action: action, next: next, reward: 0, terminated: ends))
                }
            case .surpriseSeeking, .surpriseMinimizing:
                let logP = density.logProbability(observation)
                density.add(observation)
                stats.surprise -= logP
                stats.scoredSteps += 1
                reward = method == .surpriseSeeking ? -logP : logP
                pending.append(Transition(
                    state: state, action: action, next: next, reward: reward, terminated: t == length - 1))
            case .random: break
            }
            trace?.append(SurpriseStepRecord(step: t, player: player, reward: reward))
        }
        if learn, method == .adversarialSurprise, !explorePending.isEmpty {
            Self.replay(explorePending, into: &explore)  // a last Explore round with no Control round after it: 0
        }
        if learn, method == .surpriseSeeking || method == .surpriseMinimizing { Self.replay(pending, into: &control) }
        stats.distinctCells = coverage.distinct
        stats.usedSwitch = environment.frozen
        return stats
    }

    /// Q-learning updates for `transitions`, last first.
    private static func replay(_ transitions: [Transition], into learner: inout TabularTD) {
        for transition in transitions.reversed() {
            learner.update(
                state: transition.state, action: transition.action, reward: transition.reward, next: transition.next,
                terminated: transition.terminated, nextAction: 0, epsilon: 0)
        }
    }
}
