/// The MuJoCo tasks (`InvertedPendulum-v5`, `Hopper-v5`, `HalfCheetah-v5`, `Walker2d-v5`, `Ant-v5`) with
/// Gymnasium v5's semantics on the real MuJoCo library (package trait `MuJoCo`; see Docs/MuJoCo.md).
///
/// One step sets `ctrl` to the action, runs `frame_skip` MuJoCo steps and `mj_rnePostConstraint`, then computes
/// Gymnasium v5's observation, reward terms, health and info keys. Reset noise is drawn from the environment's
/// own NumPy-compatible stream (`np_random`), so a seed gives Gymnasium's initial state. The time limit (1000) is
/// the registry's ``TimeLimit``. Observations are the float64 values rounded to `Float` (SwiftRL's flat form);
/// ``fullObservation`` keeps them in double precision. Built without the trait, creating one throws
/// ``EnvironmentError/unsupported(_:)`` with the install hint.
public struct MuJoCoLocomotion: Environment, Sendable {
    /// Which task.
    public let task: MuJoCoTask
    /// Gymnasium's constructor arguments.
    public let parameters: MuJoCoParameters
    /// The environment's own generator.
    public var random = EpisodeRandom()

    private var simulation: MuJoCoSimulation
    private let initialPositions: [Double]
    private let controlRanges: [(low: Double, high: Double)]
    private var wasReset = false

    /// Loads the task's model.
    /// - Throws: ``EnvironmentError/unsupported(_:)`` without the MuJoCo trait; ``EnvironmentError/invalidOption(_:)``
    ///   for a frame skip below 1, a negative noise scale or empty ranges.
    public init(_ task: MuJoCoTask, parameters: MuJoCoParameters? = nil) throws(EnvironmentError) {
        let parameters = parameters ?? .defaults(for: task)
        guard parameters.frameSkip >= 1 else {
            throw .invalidOption("\(task.id): frame_skip must be ≥ 1 (got \(parameters.frameSkip))")
        }
        guard parameters.resetNoiseScale >= 0 else {
            throw .invalidOption("\(task.id): reset_noise_scale must be ≥ 0 (got \(parameters.resetNoiseScale))")
        }
        self.task = task
        self.parameters = parameters
        simulation = try MuJoCoSimulation(mjcf: task.mjcf, name: task.id)
        initialPositions = simulation.referencePositions
        controlRanges = simulation.controlRanges
    }

    /// Simulated seconds per environment step (`dt = timestep · frame_skip`).
    public var dt: Double { simulation.timestep * Double(parameters.frameSkip) }

    /// `qpos` (generalised positions).
    public var qpos: [Double] { simulation.qpos }
    /// `qvel` (generalised velocities).
    public var qvel: [Double] { simulation.qvel }

    private var observationCount: Int {
        var count = simulation.positionCount + simulation.velocityCount
        if parameters.excludeCurrentPositionsFromObservation { count -= task.excludedPositions }
        if task == .ant, parameters.includeCfrcExtInObservation { count += 6 * (simulation.bodyCount - 1) }
        return count
    }

    /// `Box(-inf, inf, (n,), float64)`.
    public var observationSpace: Space {
        let low = [Double](repeating: -.infinity, count: observationCount), high = low.map { -$0 }
        return .box((try? BoxSpace(low: low, high: high, dtype: .float64)) ?? .fixed(low: low, high: high))
    }

    /// `Box(ctrlrange.low, ctrlrange.high, float32)`.
    public var actionSpace: Space {
        .box(.fixed(low: controlRanges.map(\.low), high: controlRanges.map(\.high)))
    }

    /// No render modes here; `render_fps` is `round(1 / dt)` as in Gymnasium.
    public var metadata: EnvironmentMetadata { EnvironmentMetadata(renderFPS: Int((1 / dt).rounded())) }

    /// Gymnasium's `_get_obs` in double precision.
    public var fullObservation: [Double] {
        var position = simulation.qpos
        if parameters.excludeCurrentPositionsFromObservation { position.removeFirst(task.excludedPositions) }
        var velocity = simulation.qvel
        if task.clipsVelocity { velocity = velocity.map { min(max($0, -10), 10) } }
        var observation = position + velocity
        if task == .ant, parameters.includeCfrcExtInObservation {
            observation += clippedContactForces.dropFirst(6)
        }
        return observation
    }

    /// `clip(cfrc_ext, contact_force_range)`, row-major.
    private var clippedContactForces: [Double] {
        let range = parameters.contactForceRange
        return simulation.externalContactForces.map { min(max($0, range.lowerBound), range.upperBound) }
    }

    /// Gymnasium's `set_state`: sets `qpos`/`qvel` and runs `mj_forward` (e.g. to start from a recorded state).
    /// - Throws: ``EnvironmentError/invalidOption(_:)`` when the sizes are not `nq`/`nv`.
    public mutating func setState(qpos: [Double], qvel: [Double]) throws(EnvironmentError) {
        guard qpos.count == simulation.positionCount, qvel.count == simulation.velocityCount else {
            throw .invalidOption(
                "\(task.id): set_state needs \(simulation.positionCount) qpos and \(simulation.velocityCount) qvel "
                    + "values (got \(qpos.count) and \(qvel.count))")
        }
        simulation.setState(qpos: qpos, qvel: qvel)
        wasReset = true
    }

    /// `mj_resetData`, then `init_qpos + U(-s, s)` and `init_qvel + U(-s, s)` (Hopper, Walker2d, InvertedPendulum)
    /// or `init_qvel + s·N(0, 1)` (HalfCheetah, Ant), drawn in that order from the environment's stream.
    public mutating func reset(seed: UInt64?, options: ResetOptions) throws(EnvironmentError) -> Reset<[Float]> {
        random.prepare(seed: seed)
        simulation.resetData()
        let scale = parameters.resetNoiseScale
        let qpos = initialPositions.map { $0 + random.uniform(low: -scale, high: scale) }
        let qvel: [Double]
        switch task {
        case .halfCheetah, .ant:
            qvel = (0..<simulation.velocityCount).map { _ in scale * random.standardNormal() }
        case .invertedPendulum, .hopper, .walker2d:
            qvel = (0..<simulation.velocityCount).map { _ in random.uniform(low: -scale, high: scale) }
        }
        simulation.setState(qpos: qpos, qvel: qvel)
        wasReset = true
        return Reset(observation: fullObservation.map { Float($0) }, info: positionInfo)
    }

    /// Gymnasium's reset info (positions), also part of every step's info.
    private var positionInfo: Info {
        let qpos = simulation.qpos
        switch task {
        case .invertedPendulum:
            return [:]
        case .halfCheetah:
            return ["x_position": .double(qpos[0])]
        case .hopper, .walker2d:
            return ["x_position": .double(qpos[0]), "z_distance_from_origin": .double(qpos[1] - initialPositions[1])]
        case .ant:
            return [
                "x_position": .double(qpos[0]), "y_position": .double(qpos[1]),
                "distance_from_origin": .double((qpos[0] * qpos[0] + qpos[1] * qpos[1]).squareRoot()),
            ]
        }
    }

    /// Gymnasium v5's health rule for the task (always true for HalfCheetah; InvertedPendulum uses its own rule).
    public var isHealthy: Bool {
        let qpos = simulation.qpos, qvel = simulation.qvel
        let p = parameters
        switch task {
        case .invertedPendulum, .halfCheetah:
            return true
        case .hopper:
            let state = qpos.dropFirst(2) + qvel
            let stateOK = state.allSatisfy { Self.openlyContains(p.healthyStateRange, $0) }
            return stateOK && Self.openlyContains(p.healthyZRange, qpos[1])
                && Self.openlyContains(p.healthyAngleRange, qpos[2])
        case .walker2d:
            return Self.openlyContains(p.healthyZRange, qpos[1]) && Self.openlyContains(p.healthyAngleRange, qpos[2])
        case .ant:
            return (qpos + qvel).allSatisfy(\.isFinite) && p.healthyZRange.contains(qpos[2])
        }
    }

    private static func openlyContains(_ range: ClosedRange<Double>, _ value: Double) -> Bool {
        range.lowerBound < value && value < range.upperBound
    }

    /// `ctrl_cost_weight · Σ a²`, in float32 like Gymnasium's NumPy arithmetic on the float32 action.
    public func controlCost(_ action: [Float]) -> Double {
        let sum = numpyPairwiseSum(action.map { $0 * $0 }[...])
        return Double(Float(parameters.controlCostWeight) * sum)
    }

    /// `contact_cost_weight · Σ clip(cfrc_ext)²` (Ant).
    public var contactCost: Double {
        parameters.contactCostWeight * numpyPairwiseSum(clippedContactForces.map { $0 * $0 }[...])
    }

    public mutating func step(_ action: [Float]) throws(EnvironmentError) -> Step<[Float]> {
        guard wasReset else { throw .resetNeeded("\(task.id): call reset(seed:) before step(_:)") }
        guard action.count == simulation.actuatorCount else {
            throw .invalidAction("\(task.id): expected \(simulation.actuatorCount) action values, got \(action.count)")
        }
        guard action.allSatisfy(\.isFinite) else {
            throw .invalidAction("\(task.id): the action has a NaN or infinite entry: \(action)")
        }
        let mainBody = 1
        let before = task == .ant ? simulation.bodyPosition(mainBody) : SIMD3(simulation.qpos[0], 0, 0)
        simulation.step(control: action.map { Double($0) }, frames: parameters.frameSkip)
        let after = task == .ant ? simulation.bodyPosition(mainBody) : SIMD3(simulation.qpos[0], 0, 0)
        let observation = fullObservation
        if task == .invertedPendulum {
            let terminated = !observation.allSatisfy(\.isFinite) || abs(observation[1]) > 0.2
            let survive = terminated ? 0 : 1
            return Step(
                observation: observation.map { Float($0) }, reward: Double(survive), terminated: terminated,
                truncated: false, info: ["reward_survive": .int(survive)])
        }
        let xVelocity = (after.x - before.x) / dt
        let forward = parameters.forwardRewardWeight * xVelocity
        let control = controlCost(action)
        let healthy = isHealthy
        let survive = task == .halfCheetah ? 0 : (healthy ? parameters.healthyReward : 0)
        let contact = task == .ant ? contactCost : 0
        let reward = (forward + survive) - (control + contact)
        var info = positionInfo
        info["x_velocity"] = .double(xVelocity)
        info["reward_forward"] = .double(forward)
        info["reward_ctrl"] = .double(-control)
        if task != .halfCheetah { info["reward_survive"] = .double(survive) }
        if task == .ant {
            info["y_velocity"] = .double((after.y - before.y) / dt)
            info["reward_contact"] = .double(-contact)
        }
        let terminated = parameters.terminateWhenUnhealthy && task != .halfCheetah && !healthy
        return Step(
            observation: observation.map { Float($0) }, reward: reward, terminated: terminated, truncated: false,
            info: info)
    }
}
