import Foundation

/// Acrobot-v1 (Sutton 1996), bit-compatible with Gymnasium's `AcrobotEnv` ("book" dynamics, RK4 with
/// dt = 0.2): swing the end of a two-link chain above the bar. Actions 0/1/2 apply torque −1/0/+1 to the
/// joint; reward −1 per step, 0 on termination; observation `[cos θ1, sin θ1, cos θ2, sin θ2, θ̇1, θ̇2]`.
/// Time limit 500 (registry).
public struct Acrobot: Environment, Sendable {
    /// Integration time step in seconds (Gymnasium's `dt`).
    public let dt = 0.2
    /// Length of the first link in metres.
    public let linkLength1 = 1.0
    /// Mass of the first link in kilograms.
    public let linkMass1 = 1.0
    /// Mass of the second link in kilograms.
    public let linkMass2 = 1.0
    /// Position of the first link's centre of mass along the link.
    public let linkCenterOfMass1 = 0.5
    /// Position of the second link's centre of mass along the link.
    public let linkCenterOfMass2 = 0.5
    /// Moment of inertia of each link.
    public let linkMomentOfInertia = 1.0
    /// Bound on θ̇1 (4π rad/s).
    public let maxVelocity1 = 4 * Double.pi
    /// Bound on θ̇2 (9π rad/s).
    public let maxVelocity2 = 9 * Double.pi
    /// Torque applied for actions 0, 1, 2.
    public let availableTorques: [Double] = [-1, 0, 1]

    /// `[θ1, θ2, θ̇1, θ̇2]`; nil before the first reset.
    public var state: SIMD4<Double>?
    /// The environment's own generator.
    public var random = EpisodeRandom()

    /// Creates the environment.
    public init() {}

    public var observationSpace: Space {
        let high = [1, 1, 1, 1, maxVelocity1, maxVelocity2]
        return .box(.fixed(low: high.map { -$0 }, high: high))
    }

    public var actionSpace: Space { .discrete(DiscreteSpace(validN: 3)) }

    public var metadata: EnvironmentMetadata { EnvironmentMetadata(renderModes: [.rgbArray], renderFPS: 15) }

    /// Resets all four state variables uniformly in `[low, high]` (default ±0.1), stored as float32.
    public mutating func reset(seed: UInt64?, options: ResetOptions) throws(EnvironmentError) -> Reset<[Float]> {
        random.prepare(seed: seed)
        let bounds = try resetBounds(options, defaultLow: -0.1, defaultHigh: 0.1)
        var s = SIMD4<Double>()
        for index in 0..<4 { s[index] = Double(Float(random.uniform(low: bounds.low, high: bounds.high))) }
        state = s
        // The reset state is float32 in Gymnasium, so NumPy takes float32 cos/sin of it.
        let angles = (Float(s[0]), Float(s[1]))
        return Reset(observation: [
            NumPyFloat32Trig.cos(angles.0), NumPyFloat32Trig.sin(angles.0),
            NumPyFloat32Trig.cos(angles.1), NumPyFloat32Trig.sin(angles.1), Float(s[2]), Float(s[3]),
        ])
    }

    public mutating func step(_ action: Int) throws(EnvironmentError) -> Step<[Float]> {
        guard (0...2).contains(action) else {
            throw .invalidAction("Acrobot-v1: action \(action) is not 0 (torque −1), 1 (0) or 2 (+1)")
        }
        guard let s = state else { throw .resetNeeded("Acrobot-v1: call reset(seed:) before step(_:)") }
        let torque = availableTorques[action]
        var next = rungeKutta(s, torque: torque)
        next[0] = wrap(next[0], -Double.pi, Double.pi)
        next[1] = wrap(next[1], -Double.pi, Double.pi)
        next[2] = min(max(next[2], -maxVelocity1), maxVelocity1)
        next[3] = min(max(next[3], -maxVelocity2), maxVelocity2)
        state = next
        let terminated = -cos(next[0]) - cos(next[1] + next[0]) > 1.0
        return Step(
            observation: observation(next), reward: terminated ? 0 : -1, terminated: terminated,
            truncated: false)
    }

    private func observation(_ s: SIMD4<Double>) -> [Float] {
        let first = Libm.sinCos(s[0]), second = Libm.sinCos(s[1])
        return [Float(first.cos), Float(first.sin), Float(second.cos), Float(second.sin), Float(s[2]), Float(s[3])]
    }

    /// One RK4 step over `[0, dt]` exactly as Gymnasium's `rk4` (torque held constant).
    private func rungeKutta(_ y0: SIMD4<Double>, torque: Double) -> SIMD4<Double> {
        let h = dt - 0, h2 = h / 2.0
        let k1 = derivatives(y0, torque: torque)
        let k2 = derivatives(y0 + h2 * k1, torque: torque)
        let k3 = derivatives(y0 + h2 * k2, torque: torque)
        let k4 = derivatives(y0 + h * k3, torque: torque)
        return y0 + h / 6.0 * (k1 + 2 * k2 + 2 * k3 + k4)
    }

    /// Gymnasium's `_dsdt` (book version), term for term.
    private func derivatives(_ s: SIMD4<Double>, torque a: Double) -> SIMD4<Double> {
        let m1 = linkMass1, m2 = linkMass2, l1 = linkLength1
        let lc1 = linkCenterOfMass1, lc2 = linkCenterOfMass2, i1 = linkMomentOfInertia, i2 = linkMomentOfInertia
        let g = 9.8
        let theta1 = s[0], theta2 = s[1], dtheta1 = s[2], dtheta2 = s[3]
        let p = Libm.self
        let (sinTheta2, cosTheta2) = p.sinCos(theta2)
        let d1 = m1 * p.power(lc1, 2) + m2 * (p.power(l1, 2) + p.power(lc2, 2) + 2 * l1 * lc2 * cosTheta2) + i1 + i2
        let d2 = m2 * (p.power(lc2, 2) + l1 * lc2 * cosTheta2) + i2
        let phi2 = m2 * lc2 * g * cos(theta1 + theta2 - Double.pi / 2.0)
        let phi1 =
            -m2 * l1 * lc2 * p.power(dtheta2, 2) * sinTheta2
            - 2 * m2 * l1 * lc2 * dtheta2 * dtheta1 * sinTheta2
            + (m1 * lc1 + m2 * l1) * g * cos(theta1 - Double.pi / 2)
            + phi2
        let ddtheta2 =
            (a + d2 / d1 * phi1 - m2 * l1 * lc2 * p.power(dtheta1, 2) * sinTheta2 - phi2)
            / (m2 * p.power(lc2, 2) + i2 - p.power(d2, 2) / d1)
        let ddtheta1 = -(d2 * ddtheta2 + phi1) / d1
        return SIMD4(dtheta1, dtheta2, ddtheta1, ddtheta2)
    }

    private func wrap(_ x: Double, _ low: Double, _ high: Double) -> Double {
        let diff = high - low
        var x = x
        while x > high { x = x - diff }
        while x < low { x = x + diff }
        return x
    }

    /// A 500×500 RGB picture of the two links.
    public func render() -> Frame? {
        guard let s = state else { return nil }
        var image = RGBImage(width: 500, height: 500)
        let scale = 500.0 / 4.4
        let x1 = 250 + scale * sin(s[0]), y1 = 250 + scale * cos(s[0])
        let x2 = x1 + scale * sin(s[0] + s[1]), y2 = y1 + scale * cos(s[0] + s[1])
        image.drawLine(x0: 0, y0: 250 - scale, x1: 500, y1: 250 - scale, width: 1, color: RGB(0, 0, 0))
        image.drawLine(x0: 250, y0: 250, x1: x1, y1: y1, width: 10, color: RGB(0, 204, 204))
        image.drawLine(x0: x1, y0: y1, x1: x2, y1: y2, width: 10, color: RGB(0, 204, 204))
        image.fillCircle(cx: 250, cy: 250, radius: 5, color: RGB(204, 204, 0))
        image.fillCircle(cx: x1, cy: y1, radius: 5, color: RGB(204, 204, 0))
        return .rgb(image)
    }
}
