import Foundation

/// A linear axis with "nice" bounds and ticks (steps of 1, 2 or 5 × 10ⁿ), mapping data values to pixels.
public struct AxisScale: Equatable, Sendable {
    /// Lower bound of the axis (a tick).
    public var lower: Double
    /// Upper bound of the axis (a tick).
    public var upper: Double
    /// Tick positions from `lower` to `upper`.
    public var ticks: [Double]
    /// Spacing between ticks.
    public var tickStep: Double

    /// An axis covering `[minimum, maximum]` with about `targetTicks` intervals. A zero-width range is widened
    /// so the axis is still drawable.
    public init(minimum: Double, maximum: Double, targetTicks: Int = 5) {
        var low = min(minimum, maximum), high = max(minimum, maximum)
        if !(low.isFinite && high.isFinite) { (low, high) = (0, 1) }
        if high - low < 1e-12 * max(abs(low), 1) {
            let pad = abs(low) > 0 ? abs(low) * 0.1 : 1
            (low, high) = (low - pad, high + pad)
        }
        let step = Self.niceStep((high - low) / Double(max(targetTicks, 1)))
        let first = (low / step).rounded(.down) * step
        let last = (high / step).rounded(.up) * step
        let count = Int(((last - first) / step).rounded())
        lower = first
        upper = last
        tickStep = step
        ticks = (0...count).map { first + Double($0) * step }
    }

    /// The smallest 1, 2 or 5 × 10ⁿ at least `raw`-ish (rounded to the nearest of those steps).
    static func niceStep(_ raw: Double) -> Double {
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        let residual = raw / magnitude
        let nice: Double = residual < 1.5 ? 1 : residual < 3 ? 2 : residual < 7 ? 5 : 10
        return nice * magnitude
    }

    /// Maps `value` linearly from `[lower, upper]` to `[start, end]` (pixels; `end < start` flips the axis).
    public func position(of value: Double, from start: Double, to end: Double) -> Double {
        start + (value - lower) / (upper - lower) * (end - start)
    }

    /// A tick label with just enough decimals for the tick spacing; compact suffixes from 10⁴ on.
    public func label(_ value: Double) -> String {
        let snapped = abs(value) < tickStep * 1e-9 ? 0 : value
        if abs(snapped) >= 1e4 || (tickStep >= 1000 && snapped != 0) { return ProgressFormat.compact(snapped) }
        let decimals = max(0, Int((-log10(tickStep)).rounded(.up)))
        return String(format: "%.\(decimals)f", snapped)
    }
}
