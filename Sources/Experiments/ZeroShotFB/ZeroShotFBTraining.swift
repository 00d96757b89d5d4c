import Environments
import Offline
import RLCore

/// One run of the zero-shot-fb reproduction and what it measured.
public struct ZeroShotFBRun: Codable, Sendable, Equatable {
    /// The arm (``ZeroShotFBArm``).
    public var arm: String
    /// The setting (``ZeroShotFBSetting``).
    public var setting: String
    /// The seed.
    public var seed: UInt64
    /// The final policy's mean zero-shot success rate over the goals.
    public var finalScore: Double
    /// The final success rate per goal.
    public var perGoal: [Double]
    /// The conservative penalty P averaged over the last log window (nil for memory-free FB and FB-M).
    public var finalPenalty: Double?
    /// α averaged over the last log window (nil without a penalty).
    public var finalAlpha: Double?
    /// Evaluation steps (the curve).
    public var steps: [Double]
    /// Mean success at ``steps``.
    public var scores: [Double]
}

/// Trains one arm with the one offline trainer (``OfflineTrainer`` with ``ForwardBackward``, ``VCFB`` or ``MCFB``,
/// states not normalised, history windows for FB-M exactly as `swiftrl offline train … --set
/// trainer.historyLength=k` builds them) and evaluates zero-shot on the four-rooms goals.
enum ZeroShotFBTraining {
    static func run(_ arm: ZeroShotFBArm, _ setting: ZeroShotFBSetting, budget: ZeroShotFBBudget, seed: UInt64)
        throws -> ZeroShotFBRun
    {
        let rooms = try ZeroShotFourRooms(horizon: budget.horizon)
        let data: OfflineDataset
        switch setting {
        case .full: data = try rooms.dataset(.random, transitions: budget.fullTransitions, seed: seed &+ 1_000)
        case .low: data = try rooms.dataset(.homogeneous, transitions: budget.lowTransitions, seed: seed &+ 1_000)
        case .flicker:
            data = try rooms.dataset(.random, transitions: budget.fullTransitions, seed: seed &+ 1_000)
                .flickered(probability: budget.flicker, seed: seed &+ 2_000)
        }
        var config = budget.config
        config.memoryWidth = arm == .fbm ? budget.memoryWidth : 0
        var settings = OfflineTrainerSettings(
            batchSize: budget.batchSize, normalizeStates: false, logEvery: budget.evaluateEvery,
            evaluation: EvaluationSettings(every: 0, episodes: 0))
        settings.historyLength = arm == .fbm ? budget.historyLength : nil
        let flicker = setting == .flicker ? budget.flicker : 0
        switch arm {
        case .fb, .fbm:
            return try train(ForwardBackward.self, arm, setting, config, data, settings, rooms, flicker, budget, seed)
        case .vcfb: return try train(VCFB.self, arm, setting, config, data, settings, rooms, flicker, budget, seed)
        case .mcfb: return try train(MCFB.self, arm, setting, config, data, settings, rooms, flicker, budget, seed)
        }
    }

    static func train<A: ForwardBackwardVariant>(
        _ type: A.Type, _ arm: ZeroShotFBArm, _ setting: ZeroShotFBSetting, _ config: FBConfig,
        _ data: OfflineDataset, _ settings: OfflineTrainerSettings, _ rooms: ZeroShotFourRooms, _ flicker: Double,
        _ budget: ZeroShotFBBudget, _ seed: UInt64
    ) throws -> ZeroShotFBRun {
        let trainer = try OfflineTrainer<A>(
            config: config, dataset: data, environment: EnvironmentConfig(id: "FourRoomsOneHot-v0"), settings: settings,
            seed: seed)
        let learner = trainer.algorithm.learner
        var steps: [Double] = [], scores: [Double] = [], last = ZeroShotScore(perGoal: [])
        var penalty: Double?, alpha: Double?
        let probe = ClosureCallback { event, _ in
            guard case let .iterationFinished(step, metrics) = event else { return .continue }
            penalty = metrics.first { $0.tag == FBMetricTag.conservativePenalty }?.value
            alpha = metrics.first { $0.tag == FBMetricTag.alpha }?.value
            last = try rooms.evaluate(
                learner, historyLength: settings.historyLength, flicker: flicker, seed: seed &+ 3_000)
            steps.append(Double(step))
            scores.append(last.mean)
            return .continue
        }
        try trainer.learn(totalSteps: budget.steps, callbacks: [probe])
        return ZeroShotFBRun(
            arm: arm.rawValue, setting: setting.rawValue, seed: seed, finalScore: last.mean, perGoal: last.perGoal,
            finalPenalty: penalty, finalAlpha: alpha, steps: steps, scores: scores)
    }
}
