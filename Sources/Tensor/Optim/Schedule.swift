import Foundation

/// A learning-rate (or any scalar) schedule as a function of the update index, Codable for configs.
public indirect enum Schedule: Codable, Equatable, Sendable {
    /// Always `value`.
    case constant(Double)
    /// Linear from `start` to `end` over `steps` updates, then `end` (SB3/CleanRL "anneal lr").
    case linear(start: Double, end: Double, steps: Int)
    /// Cosine from `start` to `end` over `steps` updates, then `end`.
    case cosine(start: Double, end: Double, steps: Int)
    /// Linear warm-up from 0 over `steps` updates, then `then` (its step counter starting after warm-up).
    case warmup(steps: Int, then: Schedule)

    /// The value at update `step` (0-based).
    public func value(at step: Int) -> Double {
        switch self {
        case .constant(let v): return v
        case let .linear(start, end, steps):
            let f = steps <= 0 ? 1 : min(Double(step) / Double(steps), 1)
            return start + (end - start) * f
        case let .cosine(start, end, steps):
            let f = steps <= 0 ? 1 : min(Double(step) / Double(steps), 1)
            return end + (start - end) * 0.5 * (1 + cos(Double.pi * f))
        case let .warmup(steps, then):
            if step < steps { return then.value(at: 0) * Double(step + 1) / Double(steps) }
            return then.value(at: step - steps)
        }
    }
}
