/// The element type of an array space, named as NumPy names it (`"float32"`, `"int64"`, …).
public enum ScalarType: String, Codable, Sendable, CaseIterable {
    case float32, float64, int8, int16, int32, int64, uint8, uint16, uint32, uint64
    /// Gymnasium's `bool` Box dtype.
    case bool

    /// Whether this is a floating-point type.
    public var isFloatingPoint: Bool { self == .float32 || self == .float64 }

    /// The smallest and largest representable values (±infinity for floating point).
    public var range: ClosedRange<Double> {
        switch self {
        case .float32, .float64: -Double.infinity...Double.infinity
        case .int8: -128...127
        case .int16: -32768...32767
        case .int32: Double(Int32.min)...Double(Int32.max)
        case .int64: -9.223372036854775e18...9.223372036854775e18
        case .uint8: 0...255
        case .uint16: 0...65535
        case .uint32: 0...Double(UInt32.max)
        case .uint64: 0...1.8446744073709552e19
        case .bool: 0...1
        }
    }

    /// Rounds `value` to this type the way NumPy's `astype` does for in-range values
    /// (float32 rounding to nearest, integers truncating toward zero).
    public func cast(_ value: Double) -> Double {
        switch self {
        case .float32: Double(Float(value))
        case .float64: value
        default: value.rounded(.towardZero)
        }
    }

    /// Whether `value` is exactly representable in this type.
    public func represents(_ value: Double) -> Bool {
        if value.isNaN { return isFloatingPoint }
        switch self {
        case .float64: return true
        case .float32: return value.isInfinite || Double(Float(value)) == value
        default: return value == value.rounded() && range.contains(value)
        }
    }
}
