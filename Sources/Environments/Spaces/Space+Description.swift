extension Space: CustomStringConvertible {
    /// Gymnasium-style text, e.g. `Box(-inf, inf, (4,), float32)` or `Discrete(2)`.
    public var description: String {
        switch self {
        case let .box(space):
            let shape =
                "(" + space.shape.map(String.init).joined(separator: ", ") + (space.shape.count == 1 ? ",)" : ")")
            let uniformLow = Set(space.low).count == 1, uniformHigh = Set(space.high).count == 1
            let number = { (value: Double) in boxNumber(value, float32: space.dtype == .float32) }
            let low =
                uniformLow ? number(space.low.first ?? 0) : "[" + space.low.map(number).joined(separator: " ") + "]"
            let high =
                uniformHigh ? number(space.high.first ?? 0) : "[" + space.high.map(number).joined(separator: " ") + "]"
            return "Box(\(low), \(high), \(shape), \(space.dtype.rawValue))"
        case let .discrete(space):
            return space.start == 0 ? "Discrete(\(space.n))" : "Discrete(\(space.n), start=\(space.start))"
        case let .multiDiscrete(space): return "MultiDiscrete(\(space.nvec))"
        case let .multiBinary(space): return "MultiBinary(\(space.shape))"
        case let .text(space): return "Text(\(space.minLength), \(space.maxLength))"
        case let .tuple(spaces): return "Tuple(" + spaces.map(\.description).joined(separator: ", ") + ")"
        case let .dict(entries):
            return "Dict(" + entries.map { "'\($0.key)': \($0.space.description)" }.joined(separator: ", ") + ")"
        }
    }
}

private func boxNumber(_ value: Double, float32: Bool) -> String {
    if value == .infinity { return "inf" }
    if value == -.infinity { return "-inf" }
    if float32, value != value.rounded() { return "\(Float(value))" }
    return formatNumber(value)
}
