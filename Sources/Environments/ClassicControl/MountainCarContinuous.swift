import Foundation

/// MountainCarContinuous-v0, bit-compatible with Gymnasium's `Continuous_MountainCarEnv`: a force in
/// `[-1, 1]`, reward 100 at the goal (x ≥ 0.45) minus 0.1·a² per step. Time limit 999 (registry).
///
/// Gymnasium keeps this environment's state as float32 after the first step and mixes float32 and Python
/// floats under NumPy 2's promotion rules (a Python float meeting a float32 is rounded to float32 first);
/// this port reproduces those roundings step for step.
public struct MountainCarContinuous: Environment, Sendable {
    /// Smallest force.
    public let minAction = -1.0
    /// Largest force.
    public let maxAction = 1.0
    /// Left end of the track.
    public let minPosition = -1.2
    /// Right end of the track.
    public let maxPosition = 0.6
    /// Speed bound.
    public let maxSpeed = 0.07
    /// Position of the flag.
    public let goalPosition = 0.45
    /// Minimum velocity at the goal for termination.
    public var goalVelocity = 0.0
    /// Force scale (Gymnasium's `power`).
    public let power = 0.0015

    /// `[position, velocity]`; nil before the first reset.
    public var state: SIMD2<Double>?
    /// Whether the state is float32 (true after the first step, as in Gymnasium).
    private var stateIsFloat32 = false
    /// The environment's own generator.
    public var random = EpisodeRandom()

    /// Creates the environment.
    public init(goalVelocity: Double = 0) { self.goalVelocity = goalVelocity }

    public var observationSpace: Space {
        .box(.fixed(low: [minPosition, -maxSpeed], high: [maxPosition, maxSpeed]))
    }

    /// `Box(-1, 1, (1,), float32)`; the Swift action is the single force value.
    public var actionSpace: Space { .box(.fixed(low: [minAction], high: [maxAction])) }

    public var metadata: EnvironmentMetadata { EnvironmentMetadata(renderModes: [.rgbArray], renderFPS: 30) }

    /// Resets with position uniform in `[low, high]` (default `[-0.6, -0.4]`) and velocity 0.
    public mutating func reset(seed: UInt64?, options: ResetOptions) throws(EnvironmentError) -> Reset<SIMD2<Float>> {
        random.prepare(seed: seed)
        let bounds = try resetBounds(options, defaultLow: -0.6, defaultHigh: -0.4)
        let s = SIMD2(random.uniform(low: bounds.low, high: bounds.high), 0)
        state = s
        stateIsFloat32 = false
        return Reset(observation: SIMD2<Float>(Float(s.x), Float(s.y)))
    }

    public mutating func step(_ action: Float) throws(EnvironmentError) -> Step<SIMD2<Float>> {
        guard let current = state else {
            throw .resetNeeded("MountainCarContinuous-v0: call reset(seed:) before step(_:)")
        }
        // force = min(max(a, -1.0), 1.0): stays the float32 action unless clipped to a Python float.
        let clippedForce: Double? =
            Float(minAction) > action ? minAction : (Float(maxAction) < action ? maxAction : nil)
        let position: Double, velocity: Double
        if stateIsFloat32 {
            var p = Float(current.x), v = Float(current.y)
            let slope = 0.0025 * cos(Double(3 * p))
            if let clippedForce {
                v = v + Float(clippedForce * power - slope)
            } else {
                v = v + (action * Float(power) - Float(slope))
            }
            if v > Float(maxSpeed) { v = Float(maxSpeed) }
            if v < Float(-maxSpeed) { v = Float(-maxSpeed) }
            p = p + v
            if p > Float(maxPosition) { p = Float(maxPosition) }
            if p < Float(minPosition) { p = Float(minPosition) }
            if p == Float(minPosition), v < 0 { v = 0 }
            position = Double(p)
            velocity = Double(v)
        } else {
            var p = current.x, v = current.y
            let slope = 0.0025 * cos(3 * p)
            if let clippedForce {
                v = v + (clippedForce * power - slope)
            } else {
                v = v + Double(action * Float(power) - Float(slope))
            }
            v = min(max(v, -maxSpeed), maxSpeed)
            p = p + v
            p = min(max(p, minPosition), maxPosition)
            if p == minPosition, v < 0 { v = 0 }
            position = p
            velocity = v
        }
        let terminated =
            stateIsFloat32
            ? Float(position) >= Float(goalPosition) && Float(velocity) >= Float(goalVelocity)
            : position >= goalPosition && velocity >= goalVelocity
        var reward = terminated ? 100.0 : 0.0
        reward -= Double(action) * Double(action) * 0.1
        let observation = SIMD2<Float>(Float(position), Float(velocity))
        state = SIMD2(Double(observation.x), Double(observation.y))
        stateIsFloat32 = true
        return Step(observation: observation, reward: reward, terminated: terminated, truncated: false)
    }

    /// A 600×400 RGB picture of the hill, flag and car.
    public func render() -> Frame? {
        guard let s = state else { return nil }
        return .rgb(
            mountainCarPicture(
                position: s.x, minPosition: minPosition, maxPosition: maxPosition,
                goal: goalPosition))
    }
}
