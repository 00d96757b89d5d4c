/// The MuJoCo tasks SwiftRL ships, with Gymnasium v5's ids and defaults.
public enum MuJoCoTask: String, CaseIterable, Sendable {
    /// `InvertedPendulum-v5`: keep a pole on a cart upright (reward 1 per step while |angle| ≤ 0.2).
    case invertedPendulum = "InvertedPendulum-v5"
    /// `Hopper-v5`: a one-legged planar hopper moving forward.
    case hopper = "Hopper-v5"
    /// `HalfCheetah-v5`: a planar two-legged cheetah running forward (never terminates).
    case halfCheetah = "HalfCheetah-v5"
    /// `Walker2d-v5`: a planar biped walking forward.
    case walker2d = "Walker2d-v5"
    /// `Ant-v5`: a four-legged 3-D ant moving in +x.
    case ant = "Ant-v5"

    /// The Gymnasium id.
    public var id: String { rawValue }

    /// SwiftRL's MJCF model (own text, same physical parameters as Gymnasium's asset).
    var mjcf: String {
        switch self {
        case .invertedPendulum: MuJoCoModels.invertedPendulum
        case .hopper: MuJoCoModels.hopper
        case .halfCheetah: MuJoCoModels.halfCheetah
        case .walker2d: MuJoCoModels.walker2d
        case .ant: MuJoCoModels.ant
        }
    }

    /// Number of leading `qpos` entries dropped from the observation when
    /// `exclude_current_positions_from_observation` is on (x for planar robots; x, y for the ant).
    var excludedPositions: Int {
        switch self {
        case .invertedPendulum: 0
        case .hopper, .halfCheetah, .walker2d: 1
        case .ant: 2
        }
    }

    /// Whether the observation clips `qvel` to [-10, 10] (Hopper, Walker2d).
    var clipsVelocity: Bool { self == .hopper || self == .walker2d }
}

/// Gymnasium v5's constructor arguments for the MuJoCo tasks, with per-task defaults (``defaults(for:)``).
public struct MuJoCoParameters: Sendable, Equatable {
    /// MuJoCo steps per environment step (`frame_skip`).
    public var frameSkip: Int
    /// Weight of the forward-velocity reward (`forward_reward_weight`).
    public var forwardRewardWeight: Double
    /// Weight of Σa² (`ctrl_cost_weight`).
    public var controlCostWeight: Double
    /// Weight of Σ clip(cfrc_ext)² (`contact_cost_weight`, Ant only).
    public var contactCostWeight: Double
    /// Reward per step while healthy (`healthy_reward`).
    public var healthyReward: Double
    /// End the episode when unhealthy (`terminate_when_unhealthy`).
    public var terminateWhenUnhealthy: Bool
    /// Open bounds on `qpos[2:]` and `qvel` (Hopper's `healthy_state_range`).
    public var healthyStateRange: ClosedRange<Double>
    /// Bounds on the torso height (`healthy_z_range`; open for Hopper/Walker2d, closed for Ant).
    public var healthyZRange: ClosedRange<Double>
    /// Open bounds on the torso angle (`healthy_angle_range`).
    public var healthyAngleRange: ClosedRange<Double>
    /// Clip range of `cfrc_ext` (`contact_force_range`, Ant only).
    public var contactForceRange: ClosedRange<Double>
    /// Scale of the reset noise (`reset_noise_scale`).
    public var resetNoiseScale: Double
    /// Drop the global x (and y for Ant) position from the observation
    /// (`exclude_current_positions_from_observation`).
    public var excludeCurrentPositionsFromObservation: Bool
    /// Append clip(cfrc_ext[1:]) to the observation (`include_cfrc_ext_in_observation`, Ant only).
    public var includeCfrcExtInObservation: Bool

    /// Gymnasium v5's defaults for `task`.
    public static func defaults(for task: MuJoCoTask) -> MuJoCoParameters {
        var parameters = MuJoCoParameters(
            frameSkip: 4, forwardRewardWeight: 1, controlCostWeight: 1e-3, contactCostWeight: 0, healthyReward: 1,
            terminateWhenUnhealthy: true, healthyStateRange: -100...100, healthyZRange: 0.7...Double.infinity,
            healthyAngleRange: -0.2...0.2, contactForceRange: -1...1, resetNoiseScale: 5e-3,
            excludeCurrentPositionsFromObservation: true, includeCfrcExtInObservation: false)
        switch task {
        case .invertedPendulum:
            parameters.frameSkip = 2
            parameters.resetNoiseScale = 0.01
            parameters.excludeCurrentPositionsFromObservation = false
        case .hopper:
            break
        case .halfCheetah:
            parameters.frameSkip = 5
            parameters.controlCostWeight = 0.1
            parameters.resetNoiseScale = 0.1
            parameters.terminateWhenUnhealthy = false
        case .walker2d:
            parameters.healthyZRange = 0.8...2.0
            parameters.healthyAngleRange = -1...1
        case .ant:
            parameters.frameSkip = 5
            parameters.controlCostWeight = 0.5
            parameters.contactCostWeight = 5e-4
            parameters.healthyZRange = 0.2...1.0
            parameters.resetNoiseScale = 0.1
            parameters.includeCfrcExtInObservation = true
        }
        return parameters
    }
}
