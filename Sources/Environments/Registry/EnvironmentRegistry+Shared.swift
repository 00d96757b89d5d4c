import Foundation

extension EnvironmentRegistry {
    /// The process-wide registry every library entry point makes environments from (online training, evaluation,
    /// offline evaluation, dataset collection, the CLI), like Gymnasium's global registry behind `gym.register` and
    /// `gym.make`. It starts as ``standard``; ``registerShared(_:)`` adds your environments so that, e.g.,
    /// `TrainingRun.train(PPO.self, request: TrainingRequest(environmentID: "MyEnv-v0"))` finds them.
    public static var shared: EnvironmentRegistry { SharedRegistry.instance.value }

    /// Adds or replaces `spec` in the process-wide registry ``shared`` (thread-safe).
    public static func registerShared(_ spec: EnvironmentSpec) { SharedRegistry.instance.register(spec) }
}

/// The lock-protected storage of ``EnvironmentRegistry/shared``.
private final class SharedRegistry: @unchecked Sendable {
    static let instance = SharedRegistry()
    private let lock = NSLock()
    private var registry = EnvironmentRegistry.standard

    var value: EnvironmentRegistry {
        lock.lock()
        defer { lock.unlock() }
        return registry
    }

    func register(_ spec: EnvironmentSpec) {
        lock.lock()
        defer { lock.unlock() }
        registry.register(spec)
    }
}
