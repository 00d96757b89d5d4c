import Foundation

/// MountainCar-v0 (Moore 1990), bit-compatible with Gymnasium's `MountainCarEnv`: a car in a valley must
/// build momentum to reach the flag at x ≥ 0.5. Actions 0 (push left), 1 (none), 2 (push right);
/// reward −1 per step; observation `[position, velocity]` as float32. Time limit 200 (registry).
public struct MountainCar: Environment, Sendable {
    /// Left end of the track.
    public let minPosition = -1.2
    /// Right end of the track.
    public let maxPosition = 0.6
    /// Speed bound.
    public let maxSpeed = 0.07
    /// Position of the flag.
    public let goalPosition = 0.5
    /// Minimum velocity at the goal for termination.
    public var goalVelocity = 0.0
    /// Acceleration from a push.
    public let force = 0.001
    /// Gravity along the slope.
    public let gravity = 0.0025

    /// `[position, velocity]` in float64; nil before the first reset.
    public var state: SIMD2<Double>?
    /// The environment's own generator.
    public var random = EpisodeRandom()

    /// Creates the environment.
    public init(goalVelocity: Double = 0) { self.goalVelocity = goalVelocity }

    public var observationSpace: Space {
        .box(.fixed(low: [minPosition, -maxSpeed], high: [maxPosition, maxSpeed]))
    }

    public var actionSpace: Space { .discrete(DiscreteSpace(validN: 3)) }

    public var metadata: EnvironmentMetadata { EnvironmentMetadata(renderModes: [.rgbArray], renderFPS: 30) }

    /// Resets with position uniform in `[low, high]` (default `[-0.6, -0.4]`) and velocity 0.
    public mutating func reset(seed: UInt64?, options: ResetOptions) throws(EnvironmentError) -> Reset<SIMD2<Float>> {
        random.prepare(seed: seed)
        let bounds = try resetBounds(options, defaultLow: -0.6, defaultHigh: -0.4)
        let s = SIMD2<Double>(random.uniform(low: bounds.low, high: bounds.high), 0)
        state = s
        return Reset(observation: SIMD2<Float>(Float(s.x), Float(s.y)))
    }

    public mutating func step(_ action: Int) throws(EnvironmentError) -> Step<SIMD2<Float>> {
        guard (0...2).contains(action) else {
            throw .invalidAction("MountainCar-v0: action \(action) is not 0 (left), 1 (none) or 2 (right)")
        }
        guard let current = state else { throw .resetNeeded("MountainCar-v0: call reset(seed:) before step(_:)") }
        var position = current.x, velocity = current.y
        velocity += Double(action - 1) * force + cos(3 * position) * (-gravity)
        velocity = min(max(velocity, -maxSpeed), maxSpeed)
        position += velocity
        position = min(max(position, minPosition), maxPosition)
        if position == minPosition, velocity < 0 { velocity = 0 }
        let terminated = position >= goalPosition && velocity >= goalVelocity
        state = SIMD2(position, velocity)
        return Step(
            observation: SIMD2<Float>(Float(position), Float(velocity)), reward: -1,
            terminated: terminated, truncated: false)
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

/// Draws the mountain-car scene shared by both variants.
func mountainCarPicture(position: Double, minPosition: Double, maxPosition: Double, goal: Double) -> RGBImage {
    var image = RGBImage(width: 600, height: 400)
    let scale = 600 / (maxPosition - minPosition)
    func height(_ x: Double) -> Double { sin(3 * x) * 0.45 + 0.55 }
    func point(_ x: Double) -> (Double, Double) { ((x - minPosition) * scale, 400 - height(x) * scale) }
    var previous = point(minPosition)
    for step in 1...100 {
        let next = point(minPosition + (maxPosition - minPosition) * Double(step) / 100)
        image.drawLine(x0: previous.0, y0: previous.1, x1: next.0, y1: next.1, width: 2, color: RGB(0, 0, 0))
        previous = next
    }
    let flag = point(goal)
    image.drawLine(x0: flag.0, y0: flag.1, x1: flag.0, y1: flag.1 - 50, width: 2, color: RGB(0, 0, 0))
    image.fillRectangle(
        x0: Int(flag.0), y0: Int(flag.1 - 50), x1: Int(flag.0 + 25), y1: Int(flag.1 - 40),
        color: RGB(204, 204, 0))
    let car = point(position)
    image.fillCircle(cx: car.0, cy: car.1 - 12, radius: 14, color: RGB(0, 0, 0))
    return image
}
