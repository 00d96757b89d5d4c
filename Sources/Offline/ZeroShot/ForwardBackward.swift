import RLCore
import Tensor

/// The three registry entries of forward–backward learning (`fb`, `vcfb`, `mcfb`) share ``FBLearner`` and
/// ``FBConfig``; they differ only in the default conservative penalty. With `memoryWidth` > 0 and
/// `trainer.historyLength` each becomes its memory-based (FB-M) version.
///
/// Acting: ``OfflineAlgorithm/act(_:count:)`` follows π_z with z inferred from the dataset's own rewards,
/// z_r = √d · normalize(Σ r_i B(s′_i) / N) (FB trains reward-free; the reward only picks the task). Train on one-hot
/// or unnormalised inputs with `--set trainer.normalizeStates=false`.
public protocol ForwardBackwardVariant: OfflineAlgorithm where Config == FBConfig {
    /// The penalty used when ``FBConservativeConfig/mode`` is nil.
    static var defaultMode: FBConservativeMode { get }
    /// The learner.
    var learner: FBLearner { get }
}

extension ForwardBackwardVariant {
    public static var actionKind: OfflineActionKind { .discrete }
    public var config: FBConfig { learner.config }
    public var problem: OfflineProblem { learner.problem }
    public var updateCount: Int {
        get { learner.updateCount }
        set { learner.updateCount = newValue }
    }
    public var modules: [(name: String, module: Module)] { learner.modules }
    public var optimizers: [(name: String, optimizer: any Optimizer)] { learner.optimizers }
    public var generators: [Xoshiro256StarStar] {
        get { [learner.random] }
        set { if let first = newValue.first { learner.random = first } }
    }

    public func prepare(data: OfflineDataset) throws { learner.prepare(data: data) }

    public func update(_ batch: TransitionBatch) throws -> [Metric] { try learner.update(batch) }

    public func act(_ observations: [Float], count: Int) -> [Float] {
        let z = learner.taskZ()
        return learner.greedy(observations, count: count, z: Array((0..<count).map { _ in z }.joined())).map(Float.init)
    }

    static func makeLearner(config: FBConfig, problem: OfflineProblem, seed: UInt64) throws -> FBLearner {
        try FBLearner(name, config: config, problem: problem, mode: config.conservative.mode ?? defaultMode, seed: seed)
    }
}

/// Forward–backward representations (Touati & Ollivier 2021) for discrete actions, trained reward-free on an
/// offline dataset: `swiftrl offline train fb`. See ``FBLearner``.
public final class ForwardBackward: ForwardBackwardVariant {
    public static let name = "fb"
    public static var defaultMode: FBConservativeMode { .none }
    public let learner: FBLearner

    public init(config: FBConfig, problem: OfflineProblem, seed: UInt64) throws {
        learner = try Self.makeLearner(config: config, problem: problem, seed: seed)
    }
}

/// Value-conservative FB (Jeen et al. 2024, VC-FB): FB + α · [logsumexp_a F(s, a, z)ᵀz − F(s, a_data, z)ᵀz],
/// exact over the discrete actions: `swiftrl offline train vcfb`.
public final class VCFB: ForwardBackwardVariant {
    public static let name = "vcfb"
    public static var defaultMode: FBConservativeMode { .value }
    public let learner: FBLearner

    public init(config: FBConfig, problem: OfflineProblem, seed: UInt64) throws {
        learner = try Self.makeLearner(config: config, problem: problem, seed: seed)
    }
}

/// Measure-conservative FB (Jeen et al. 2024, MC-FB): FB + α · [logsumexp_a F(s, a, z)ᵀB(s′) − M], exact over the
/// discrete actions: `swiftrl offline train mcfb`.
public final class MCFB: ForwardBackwardVariant {
    public static let name = "mcfb"
    public static var defaultMode: FBConservativeMode { .measure }
    public let learner: FBLearner

    public init(config: FBConfig, problem: OfflineProblem, seed: UInt64) throws {
        learner = try Self.makeLearner(config: config, problem: problem, seed: seed)
    }
}
