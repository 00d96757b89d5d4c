/// The base class of neural-network components: a tree of named parameters and submodules discovered from
/// stored properties (MLX Swift style), so a parameter's path (`actor.layers.0.weight`) is also its name in
/// checkpoints.
///
/// Subclasses declare parameters as `let` properties of type ``Tensor`` (or `Tensor?`, `[Tensor]`) and
/// submodules as `let` properties of a ``Module`` type (or `Module?`, `[Module]`); the tree is read once and
/// cached, so assign them in `init` and change values in place (optimizers, ``Tensor/assign(_:)``). Properties
/// whose name starts with `_` are not parameters (use them for constants such as caches or masks).
open class Module {
    private var cachedParameters: [(path: String, tensor: Tensor)]?
    private var cachedChildren: [(name: String, module: Module)]?
    /// Whether the module is in training mode (affects dropout). Set through ``train(_:)``.
    public private(set) var isTraining = true

    public init() {}

    /// Direct submodules with their property names (array elements named `name.i`).
    public final func children() -> [(name: String, module: Module)] {
        if let cachedChildren { return cachedChildren }
        var out: [(String, Module)] = []
        forEachProperty { name, value in
            if let m = value as? Module {
                out.append((name, m))
            } else if let ms = value as? [Module] {
                for (i, m) in ms.enumerated() { out.append(("\(name).\(i)", m)) }
            }
        }
        cachedChildren = out
        return out
    }

    /// Every parameter of this module and its submodules with its dotted path, in declaration order.
    public final func namedParameters() -> [(path: String, tensor: Tensor)] {
        if let cachedParameters { return cachedParameters }
        var out: [(String, Tensor)] = []
        forEachProperty { name, value in
            if let t = value as? Tensor {
                out.append((name, t))
            } else if let ts = value as? [Tensor] {
                for (i, t) in ts.enumerated() { out.append(("\(name).\(i)", t)) }
            } else if let m = value as? Module {
                out += m.namedParameters().map { ("\(name).\($0.path)", $0.tensor) }
            } else if let ms = value as? [Module] {
                for (i, m) in ms.enumerated() { out += m.namedParameters().map { ("\(name).\(i).\($0.path)", $0.tensor) } }
            }
        }
        cachedParameters = out
        return out
    }

    /// The parameters in ``namedParameters()`` order.
    public final func parameters() -> [Tensor] { namedParameters().map(\.tensor) }

    /// Total number of scalar parameters.
    public final var parameterCount: Int { parameters().reduce(0) { $0 + $1.count } }

    /// Sets training (`true`) or evaluation (`false`) mode on this module and all submodules.
    public final func train(_ on: Bool = true) {
        isTraining = on
        for (_, child) in children() { child.train(on) }
    }

    /// Evaluation mode (dropout off). Same as `train(false)`.
    public final func eval() { train(false) }

    /// Calls `body` with each stored property below `Module` in the class hierarchy, unwrapping optionals.
    private func forEachProperty(_ body: (String, Any) -> Void) {
        var mirror: Mirror? = Mirror(reflecting: self)
        var levels: [Mirror] = []
        while let m = mirror, m.subjectType != Module.self {
            levels.append(m)
            mirror = m.superclassMirror
        }
        for level in levels.reversed() {
            for child in level.children {
                guard let label = child.label, !label.hasPrefix("_") else { continue }
                let name = label.hasPrefix("$__lazy_storage_$_") ? String(label.dropFirst(18)) : label
                if let unwrapped = unwrapOptional(child.value) { body(name, unwrapped) }
            }
        }
    }
}

/// Mismatched module structures in copies, soft updates and checkpoint loads.
public struct ModuleStructureError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

extension Module {
    /// Copies every parameter value from `source`, which must have the same structure (paths and shapes).
    /// - Throws: ``ModuleStructureError`` naming the first mismatching path.
    public func copyParameters(from source: Module) throws(ModuleStructureError) {
        try softUpdate(from: source, tau: 1)
    }

    /// Polyak averaging θ ← τ·θ_source + (1 − τ)·θ (target networks; τ = 1 copies).
    /// - Throws: ``ModuleStructureError`` if the two modules differ in paths or shapes.
    public func softUpdate(from source: Module, tau: Double) throws(ModuleStructureError) {
        let mine = namedParameters(), theirs = source.namedParameters()
        guard mine.count == theirs.count else {
            throw ModuleStructureError("soft update: \(mine.count) parameters here, \(theirs.count) in source")
        }
        for (a, b) in zip(mine, theirs) {
            guard a.path == b.path, a.tensor.shape == b.tensor.shape else {
                throw ModuleStructureError("soft update: `\(a.path)` \(a.tensor.shape) vs `\(b.path)` \(b.tensor.shape)")
            }
            if tau == 1 {
                a.tensor.assign(b.tensor)
                continue
            }
            switch (a.tensor.storage, b.tensor.storage) {
            case (.float32, .float32(let src)):
                let t = Float(tau)
                a.tensor.mutate(as: Float.self) { dst in
                    for i in 0..<dst.count { dst[i] = t * src[i] + (1 - t) * dst[i] }
                }
            default:
                let src = b.tensor.doubles
                let values = zip(a.tensor.doubles, src).map { tau * $1 + (1 - tau) * $0 }
                a.tensor.assign(Tensor(values, shape: a.tensor.shape).cast(a.tensor.dtype))
            }
        }
    }
}

private func unwrapOptional(_ value: Any) -> Any? {
    let mirror = Mirror(reflecting: value)
    guard mirror.displayStyle == .optional else { return value }
    return mirror.children.first?.value
}
