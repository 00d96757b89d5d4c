/// A type-erased environment whose observations and actions are ``SpaceValue``s.
///
/// Used by the registry, the checker and the CLI. It has value semantics: copies are independent
/// (the wrapped environment is copied on write). Generic, typed code should use the concrete environment.
public struct AnyEnvironment: Environment {
    private var box: AnyEnvironmentBox

    /// Erases `environment`.
    public init<Base: Environment>(_ environment: Base)
    where Base.Observation: SpaceValueConvertible, Base.Action: SpaceValueConvertible {
        box = EnvironmentBox(environment)
    }

    public var observationSpace: Space { box.observationSpace }
    public var actionSpace: Space { box.actionSpace }
    public var metadata: EnvironmentMetadata { box.metadata }
    /// The wrapped environment's Swift type name (for diagnostics).
    public var typeName: String { box.typeName }

    public mutating func reset(seed: UInt64?, options: ResetOptions) throws(EnvironmentError) -> Reset<SpaceValue> {
        makeUnique()
        return try box.reset(seed: seed, options: options)
    }

    /// Steps with a ``SpaceValue`` action.
    /// - Throws: ``EnvironmentError/invalidAction(_:)`` when the value has the wrong form for the environment.
    public mutating func step(_ action: SpaceValue) throws(EnvironmentError) -> Step<SpaceValue> {
        makeUnique()
        return try box.step(action)
    }

    public func render() -> Frame? { box.render() }

    /// The wrapped environment, if it has type `T`.
    public func unwrapped<T>(as type: T.Type) -> T? { box.base as? T }

    private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&box) { box = box.copy() }
    }
}

class AnyEnvironmentBox {
    var observationSpace: Space { .tuple([]) }
    var actionSpace: Space { .tuple([]) }
    var metadata: EnvironmentMetadata { EnvironmentMetadata() }
    var typeName: String { "" }
    var base: Any { () }
    func reset(seed: UInt64?, options: ResetOptions) throws(EnvironmentError) -> Reset<SpaceValue> {
        throw .unsupported("abstract environment box")
    }
    func step(_ action: SpaceValue) throws(EnvironmentError) -> Step<SpaceValue> {
        throw .unsupported("abstract environment box")
    }
    func render() -> Frame? { nil }
    func copy() -> AnyEnvironmentBox { self }
}

final class EnvironmentBox<Base: Environment>: AnyEnvironmentBox
where Base.Observation: SpaceValueConvertible, Base.Action: SpaceValueConvertible {
    var environment: Base

    init(_ environment: Base) { self.environment = environment }

    override var observationSpace: Space { environment.observationSpace }
    override var actionSpace: Space { environment.actionSpace }
    override var metadata: EnvironmentMetadata { environment.metadata }
    override var typeName: String { String(describing: Base.self) }
    override var base: Any { environment }

    override func reset(seed: UInt64?, options: ResetOptions) throws(EnvironmentError) -> Reset<SpaceValue> {
        let result = try environment.reset(seed: seed, options: options)
        return Reset(observation: result.observation.spaceValue, info: result.info)
    }

    override func step(_ action: SpaceValue) throws(EnvironmentError) -> Step<SpaceValue> {
        guard let typed = Base.Action(spaceValue: action) else {
            throw .invalidAction("\(action.summary) does not fit the action space \(environment.actionSpace)")
        }
        let result = try environment.step(typed)
        return Step(
            observation: result.observation.spaceValue, reward: result.reward,
            terminated: result.terminated, truncated: result.truncated, info: result.info)
    }

    override func render() -> Frame? { environment.render() }
    override func copy() -> AnyEnvironmentBox { EnvironmentBox(environment) }
}
