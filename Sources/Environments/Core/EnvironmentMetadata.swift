/// Static facts about an environment, like Gymnasium's `metadata` dictionary.
public struct EnvironmentMetadata: Equatable, Sendable, Codable {
    /// Supported render modes, e.g. `["rgb_array"]` or `["ansi"]`.
    public var renderModes: [RenderMode]
    /// Frames per second for rendering.
    public var renderFPS: Int?
    /// For vector environments: how finished sub-environments are reset.
    public var autoresetMode: AutoresetMode?

    /// Creates metadata.
    public init(renderModes: [RenderMode] = [], renderFPS: Int? = nil, autoresetMode: AutoresetMode? = nil) {
        self.renderModes = renderModes
        self.renderFPS = renderFPS
        self.autoresetMode = autoresetMode
    }
}

/// How an environment renders: an RGB image (`rgb_array`) or text (`ansi`).
public enum RenderMode: String, Codable, Sendable, CaseIterable {
    /// An RGB frame (``Frame/rgb(_:)``).
    case rgbArray = "rgb_array"
    /// A text frame (``Frame/text(_:)``).
    case ansi
}

/// Gymnasium 1.x vector autoreset modes (`gymnasium.vector.AutoresetMode`).
public enum AutoresetMode: String, Codable, Sendable, CaseIterable {
    /// The step after an episode ends resets that sub-environment: it returns the reset observation with reward 0
    /// and both flags false, and ignores the action. Gymnasium's default since 1.0.
    case nextStep = "NextStep"
    /// The sub-environment is reset in the same step; the returned observation is the reset observation and the
    /// final observation is reported separately.
    case sameStep = "SameStep"
    /// No automatic reset; stepping a finished sub-environment is an error.
    case disabled = "Disabled"
}
