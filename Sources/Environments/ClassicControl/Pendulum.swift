import Foundation

/// Pendulum-v1, bit-compatible with Gymnasium's `PendulumEnv`: swing a pendulum up with a torque in
/// `[-2, 2]`. Observation `[cos θ, sin θ, θ̇]` (float32); reward `−(θ² + 0.1 θ̇² + 0.001 u²)` with θ normalised
/// to `[-π, π)`. Never terminates; time limit 200 (registry). The float32 torque enters the cost and the
/// dynamics in float32 arithmetic, as NumPy 2 evaluates Gymnasium's expressions.
public struct Pendulum: Environment, Sendable {
    /// Bound on θ̇.
    public let maxSpeed = 8.0
    /// Bound on the torque.
    public let maxTorque = 2.0
    /// Time step in seconds.
    public let dt = 0.05
    /// Gravitational acceleration (Gymnasium's `g`, default 10).
    public var g = 10.0
    /// Mass of the pendulum.
    public let m = 1.0
    /// Length of the pendulum.
    public let l = 1.0

    /// `[θ, θ̇]` in float64; nil before the first reset.
    public var state: SIMD2<Double>?
    /// The last applied torque (for rendering).
    public private(set) var lastTorque: Float?
    /// The environment's own generator.
    public var random = EpisodeRandom()

    /// Creates the environment.
    public init(g: Double = 10) { self.g = g }

    public var observationSpace: Space { .box(.fixed(low: [-1, -1, -maxSpeed], high: [1, 1, maxSpeed])) }

    /// `Box(-2, 2, (1,), float32)`; the Swift action is the single torque value.
    public var actionSpace: Space { .box(.fixed(low: [-maxTorque], high: [maxTorque])) }

    public var metadata: EnvironmentMetadata { EnvironmentMetadata(renderModes: [.rgbArray], renderFPS: 30) }

    /// Resets θ uniform in `[-x_init, x_init]` (default π) and θ̇ in `[-y_init, y_init]` (default 1).
    public mutating func reset(seed: UInt64?, options: ResetOptions) throws(EnvironmentError) -> Reset<SIMD3<Float>> {
        random.prepare(seed: seed)
        let x = options["x_init"] ?? Double.pi, y = options["y_init"] ?? 1.0
        guard x.isFinite, y.isFinite else { throw .invalidOption("Pendulum-v1: x_init and y_init must be finite") }
        let theta = random.uniform(low: -x, high: x)
        let thetaDot = random.uniform(low: -y, high: y)
        state = SIMD2(theta, thetaDot)
        lastTorque = nil
        return Reset(observation: observation(theta: theta, thetaDot: thetaDot))
    }

    public mutating func step(_ action: Float) throws(EnvironmentError) -> Step<SIMD3<Float>> {
        guard let current = state else { throw .resetNeeded("Pendulum-v1: call reset(seed:) before step(_:)") }
        guard !action.isNaN else { throw .invalidAction("Pendulum-v1: the torque is NaN") }
        let theta = current.x, thetaDot = current.y
        let u = min(max(action, Float(-maxTorque)), Float(maxTorque))
        lastTorque = u
        let normalized = angleNormalize(theta)
        let costs =
            Libm.power(normalized, 2) + 0.1 * Libm.power(thetaDot, 2)
            + Double(Float(0.001) * Libm.power(u, 2))
        let torqueTerm = Double(Float(3.0 / (m * l * l)) * u)
        var newThetaDot = thetaDot + (3 * g / (2 * l) * sin(theta) + torqueTerm) * dt
        newThetaDot = min(max(newThetaDot, -maxSpeed), maxSpeed)
        let newTheta = theta + newThetaDot * dt
        state = SIMD2(newTheta, newThetaDot)
        return Step(
            observation: observation(theta: newTheta, thetaDot: newThetaDot), reward: -costs,
            terminated: false, truncated: false)
    }

    private func observation(theta: Double, thetaDot: Double) -> SIMD3<Float> {
        let (s, c) = Libm.sinCos(theta)
        return SIMD3(Float(c), Float(s), Float(thetaDot))
    }

    /// A 500×500 RGB picture of the pendulum.
    public func render() -> Frame? {
        guard let s = state else { return nil }
        var image = RGBImage(width: 500, height: 500)
        let length = 200.0, angle = s.x + Double.pi / 2
        let tipX = 250 + length * cos(angle), tipY = 250 - length * sin(angle)
        image.drawLine(x0: 250, y0: 250, x1: tipX, y1: tipY, width: 20, color: RGB(204, 77, 77))
        image.fillCircle(cx: 250, cy: 250, radius: 5, color: RGB(0, 0, 0))
        return .rgb(image)
    }
}

/// NumPy's floor-mod `((x + π) % 2π) − π`.
func angleNormalize(_ x: Double) -> Double {
    pythonModulo(x + Double.pi, 2 * Double.pi) - Double.pi
}

/// NumPy's `np.remainder` for floats: `fmod` shifted into the sign of the divisor.
func pythonModulo(_ a: Double, _ b: Double) -> Double {
    var mod = fmod(a, b)
    if mod != 0 {
        if (b < 0) != (mod < 0) { mod += b }
    } else {
        mod = b < 0 ? -0.0 : 0.0
    }
    return mod
}
