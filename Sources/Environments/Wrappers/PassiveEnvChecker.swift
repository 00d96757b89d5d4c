/// Gymnasium's `PassiveEnvChecker`: checks the first reset and step results against the spaces and records
/// warnings (it never changes results). ``warnings`` holds what it found.
public struct PassiveEnvChecker<Base: Environment>: Environment
where Base.Observation: SpaceValueConvertible, Base.Action: SpaceValueConvertible {
    public typealias Observation = Base.Observation
    public typealias Action = Base.Action

    /// The wrapped environment.
    public var base: Base
    /// Problems found on the first reset and step.
    public private(set) var warnings: [String] = []
    private var checkedReset = false
    private var checkedStep = false

    /// Wraps `base`, checking its spaces immediately.
    public init(_ base: Base) {
        self.base = base
        if base.observationSpace.flatDimension == 0 { warnings.append("the observation space is empty") }
    }

    public var observationSpace: Space { base.observationSpace }
    public var actionSpace: Space { base.actionSpace }
    public var metadata: EnvironmentMetadata { base.metadata }

    public mutating func reset(seed: UInt64?, options: ResetOptions) throws(EnvironmentError) -> Reset<Observation> {
        let result = try base.reset(seed: seed, options: options)
        if !checkedReset {
            checkedReset = true
            if let problem = observationSpace.mismatch(result.observation.spaceValue) {
                warnings.append("reset observation: \(problem)")
            }
        }
        return result
    }

    public mutating func step(_ action: Action) throws(EnvironmentError) -> Step<Observation> {
        if !checkedStep, let problem = actionSpace.mismatch(action.spaceValue) {
            warnings.append("first action: \(problem)")
        }
        let result = try base.step(action)
        if !checkedStep {
            checkedStep = true
            if let problem = observationSpace.mismatch(result.observation.spaceValue) {
                warnings.append("step observation: \(problem)")
            }
            if !result.reward.isFinite { warnings.append("step reward is \(result.reward), expected a finite number") }
        }
        return result
    }

    public func render() -> Frame? { base.render() }
}

extension PassiveEnvChecker: Sendable where Base: Sendable {}
