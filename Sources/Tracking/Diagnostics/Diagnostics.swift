import Foundation
import Logging

/// Diagnostics (not metrics) through swift-log: every component gets a logger labelled `swiftrl.<component>`.
///
/// ```swift
/// let log = Diagnostics.logger("ppo")
/// log.warning("KL above target; stopping epoch early", metadata: ["approx_kl": "\(kl)"])
/// ```
///
/// The level comes from the `SWIFTRL_LOG_LEVEL` environment variable (`trace`, `debug`, `info`, `notice`,
/// `warning`, `error`, `critical`), default `info`. Applications may route all swift-log output through
/// ``DiagnosticsLogHandler`` once at start-up with ``bootstrap(level:)``; without it, loggers made by
/// ``logger(_:level:)`` still use that handler (on standard error), so library code never depends on
/// global set-up.
public enum Diagnostics {
    /// The environment variable read for the default level.
    public static let levelVariable = "SWIFTRL_LOG_LEVEL"

    /// The label of a component's logger: `swiftrl.<component>`.
    public static func label(for component: String) -> String {
        "swiftrl.\(component)"
    }

    /// The level named by `SWIFTRL_LOG_LEVEL` in `environment`, or `info` when unset or unrecognised.
    public static func level(from environment: [String: String] = ProcessInfo.processInfo.environment) -> Logger.Level {
        environment[levelVariable].flatMap { Logger.Level(rawValue: $0.lowercased()) } ?? .info
    }

    /// A logger labelled `swiftrl.<component>` writing to standard error through ``DiagnosticsLogHandler``.
    /// - Parameter level: overrides the `SWIFTRL_LOG_LEVEL` default.
    public static func logger(_ component: String, level: Logger.Level? = nil) -> Logger {
        logger(component, output: StandardTextOutput(.error), level: level ?? Self.level())
    }

    /// A logger labelled `swiftrl.<component>` writing to `output` (tests, capture); no timestamps if asked.
    public static func logger(
        _ component: String, output: any TextOutput & Sendable, level: Logger.Level = .info, timestamps: Bool = true
    ) -> Logger {
        Logger(label: label(for: component)) { label in
            DiagnosticsLogHandler(label: label, level: level, output: output, timestamps: timestamps)
        }
    }

    /// Makes ``DiagnosticsLogHandler`` (standard error) the process-wide swift-log backend, so loggers created
    /// with plain `Logger(label:)` by any library look the same. Call once, at the start of `main`; swift-log
    /// allows only one bootstrap per process.
    public static func bootstrap(level: Logger.Level = level()) {
        LoggingSystem.bootstrap { label in DiagnosticsLogHandler(label: label, level: level) }
    }
}
