import Foundation

/// CartPole-v1 (Barto, Sutton & Anderson 1983), bit-compatible with Gymnasium's `CartPoleEnv`:
/// float64 physics, float32 observations `[x, ẋ, θ, θ̇]`, actions 0 (push left) and 1 (push right),
/// reward 1 per step (also on the terminating step), termination when |x| > 2.4 or |θ| > 12°.
/// The time limit of 500 steps is added by the registry (``TimeLimit``), as in Gymnasium.
public struct CartPole: Environment, Sendable {
    /// How the state is integrated (Gymnasium's `kinematics_integrator`).
    public enum Integrator: String, Sendable, Codable { case euler, semiImplicitEuler }

    /// Gravitational acceleration (m/s²).
    public var gravity = 9.8
    /// Mass of the cart (kg).
    public var massCart = 1.0
    /// Mass of the pole (kg).
    public var massPole = 0.1
    /// Half the pole's length.
    public var length = 0.5
    /// Force of a push (N).
    public var forceMagnitude = 10.0
    /// Seconds between state updates.
    public var tau = 0.02
    /// The integrator (Gymnasium's default: Euler).
    public var integrator = Integrator.euler
    /// Sutton & Barto's reward: 0 per step and −1 on termination (Gymnasium's `sutton_barto_reward`).
    public var suttonBartoReward = false
    /// |θ| beyond which the episode terminates: 12° in radians.
    public let thetaThreshold = 12.0 * 2.0 * Double.pi / 360.0
    /// |x| beyond which the episode terminates.
    public let xThreshold = 2.4

    /// The physical state `[x, ẋ, θ, θ̇]` in float64; nil before the first reset.
    public var state: SIMD4<Double>?
    private var stepsBeyondTerminated: Int?
    /// The environment's own generator.
    public var random = EpisodeRandom()

    /// Creates the environment with Gymnasium's constants.
    public init() {}

    public var observationSpace: Space {
        let high = [xThreshold * 2, .infinity, thetaThreshold * 2, .infinity]
        return .box(.fixed(low: high.map { -$0 }, high: high))
    }

    public var actionSpace: Space { .discrete(DiscreteSpace(validN: 2)) }

    public var metadata: EnvironmentMetadata { EnvironmentMetadata(renderModes: [.rgbArray], renderFPS: 50) }

    /// Resets to a state drawn uniformly from `[low, high]⁴` (options `low`/`high`, default ±0.05).
    public mutating func reset(seed: UInt64?, options: ResetOptions) throws(EnvironmentError) -> Reset<SIMD4<Float>> {
        random.prepare(seed: seed)
        let bounds = try resetBounds(options, defaultLow: -0.05, defaultHigh: 0.05)
        var s = SIMD4<Double>()
        for index in 0..<4 { s[index] = random.uniform(low: bounds.low, high: bounds.high) }
        state = s
        stepsBeyondTerminated = nil
        return Reset(observation: SIMD4<Float>(s))
    }

    public mutating func step(_ action: Int) throws(EnvironmentError) -> Step<SIMD4<Float>> {
        guard action == 0 || action == 1 else {
            throw .invalidAction("CartPole-v1: action \(action) is not 0 (push left) or 1 (push right)")
        }
        guard let current = state else { throw .resetNeeded("CartPole-v1: call reset(seed:) before step(_:)") }
        var (x, xDot, theta, thetaDot) = (current[0], current[1], current[2], current[3])
        let force = action == 1 ? forceMagnitude : -forceMagnitude
        let (sinTheta, cosTheta) = Libm.sinCos(theta)
        let totalMass = massPole + massCart, poleMassLength = massPole * length
        let temp = (force + poleMassLength * (thetaDot * thetaDot) * sinTheta) / totalMass
        let thetaAcc =
            (gravity * sinTheta - cosTheta * temp)
            / (length * (4.0 / 3.0 - massPole * (cosTheta * cosTheta) / totalMass))
        let xAcc = temp - poleMassLength * thetaAcc * cosTheta / totalMass
        switch integrator {
        case .euler:
            x = x + tau * xDot
            xDot = xDot + tau * xAcc
            theta = theta + tau * thetaDot
            thetaDot = thetaDot + tau * thetaAcc
        case .semiImplicitEuler:
            xDot = xDot + tau * xAcc
            x = x + tau * xDot
            thetaDot = thetaDot + tau * thetaAcc
            theta = theta + tau * thetaDot
        }
        let next = SIMD4<Double>(x, xDot, theta, thetaDot)
        state = next
        let terminated = x < -xThreshold || x > xThreshold || theta < -thetaThreshold || theta > thetaThreshold
        let reward: Double
        if !terminated {
            reward = suttonBartoReward ? 0 : 1
        } else if stepsBeyondTerminated == nil {
            stepsBeyondTerminated = 0
            reward = suttonBartoReward ? -1 : 1
        } else {
            stepsBeyondTerminated = (stepsBeyondTerminated ?? 0) + 1
            reward = suttonBartoReward ? -1 : 0
        }
        return Step(observation: SIMD4<Float>(next), reward: reward, terminated: terminated, truncated: false)
    }

    /// A 600×400 RGB picture of the cart and pole (same geometry as Gymnasium's renderer).
    public func render() -> Frame? {
        guard let s = state else { return nil }
        var image = RGBImage(width: 600, height: 400)
        let scale = 600.0 / (xThreshold * 2), poleLength = scale * (2 * length)
        let cartX = s[0] * scale + 300, cartY = 400.0 - 100
        image.drawLine(x0: 0, y0: cartY, x1: 600, y1: cartY, width: 1, color: RGB(0, 0, 0))
        image.fillRectangle(
            x0: Int(cartX - 25), y0: Int(cartY - 15), x1: Int(cartX + 25), y1: Int(cartY + 15),
            color: RGB(0, 0, 0))
        let axleY = cartY - 7.5
        let tipX = cartX + poleLength * sin(s[2]), tipY = axleY - poleLength * cos(s[2])
        image.drawLine(x0: cartX, y0: axleY, x1: tipX, y1: tipY, width: 10, color: RGB(202, 152, 101))
        image.fillCircle(cx: cartX, cy: axleY, radius: 5, color: RGB(129, 132, 203))
        return .rgb(image)
    }
}
