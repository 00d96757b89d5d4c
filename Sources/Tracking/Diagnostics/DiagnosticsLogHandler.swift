import Foundation
import Logging

/// A swift-log handler writing one line per message:
/// `2026-11-27T08:34:33Z warning swiftrl.ppo: message key=value`.
///
/// Metadata from the handler, the logger and the call are merged (call wins); keys are sorted so lines are
/// stable. Writes go to a ``TextOutput`` (standard error by default).
public struct DiagnosticsLogHandler: LogHandler {
    /// The logger's label, e.g. `swiftrl.ppo`.
    public let label: String
    /// Messages below this level are dropped.
    public var logLevel: Logger.Level
    /// Metadata attached to every message.
    public var metadata: Logger.Metadata = [:]
    /// An optional provider of contextual metadata.
    public var metadataProvider: Logger.MetadataProvider?
    private let output: any TextOutput & Sendable
    private let timestamps: Bool

    /// A handler for `label` at `level` writing to `output`; `timestamps: false` gives reproducible lines.
    public init(
        label: String, level: Logger.Level = .info, output: any TextOutput & Sendable = StandardTextOutput(.error),
        timestamps: Bool = true
    ) {
        self.label = label
        logLevel = level
        self.output = output
        self.timestamps = timestamps
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        var line = ""
        if timestamps {
            line += ISO8601DateFormatter().string(from: Date()) + " "
        }
        line += "\(event.level) \(label): \(event.message)"
        if let error = event.error { line += " error=\(error)" }
        for key in merged.keys.sorted() {
            if let value = merged[key] { line += " \(key)=\(value)" }
        }
        output.write(line + "\n")
    }
}
