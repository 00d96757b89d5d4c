/// Values with a fixed-width float32 form, used by the vector fast path (``VectorEnvironment``) and by
/// observation wrappers (normalisation, frame stacking, flattening).
///
/// Discrete values (`Int`) write their index as one float; boxes write their entries row-major.
public protocol FlatConvertible: SpaceValueConvertible {
    /// The number of floats this value writes.
    var flatCount: Int { get }
    /// Writes `flatCount` floats starting at `destination`.
    func writeFlat(to destination: UnsafeMutablePointer<Float>)
    /// Reads a value from `count` floats (the inverse of ``writeFlat(to:)``; integers are rounded).
    init(flat source: UnsafePointer<Float>, count: Int)
}

extension FlatConvertible {
    /// The value as an array of floats.
    public var flatArray: [Float] {
        [Float](unsafeUninitializedCapacity: flatCount) { buffer, initialized in
            if let base = buffer.baseAddress { writeFlat(to: base) }
            initialized = flatCount
        }
    }

    /// Reads a value from an array (see ``init(flat:count:)``).
    public init(flatArray: [Float]) {
        self = flatArray.withUnsafeBufferPointer { buffer in
            // An empty array has no base address; read from a one-element zero instead.
            guard let base = buffer.baseAddress else {
                var zero: Float = 0
                return Self(flat: &zero, count: 0)
            }
            return Self(flat: base, count: buffer.count)
        }
    }
}

extension Int: FlatConvertible {
    public var flatCount: Int { 1 }
    public func writeFlat(to destination: UnsafeMutablePointer<Float>) { destination.pointee = Float(self) }
    public init(flat source: UnsafePointer<Float>, count: Int) {
        let value = count > 0 ? source.pointee.rounded() : 0
        self = value.isFinite && abs(value) < 1e9 ? Int(value) : 0
    }
}

extension Float: FlatConvertible {
    public var flatCount: Int { 1 }
    public func writeFlat(to destination: UnsafeMutablePointer<Float>) { destination.pointee = self }
    public init(flat source: UnsafePointer<Float>, count: Int) { self = count > 0 ? source.pointee : 0 }
}

extension Array: FlatConvertible where Element == Float {
    public var flatCount: Int { count }
    public func writeFlat(to destination: UnsafeMutablePointer<Float>) {
        withUnsafeBufferPointer { buffer in
            if let base = buffer.baseAddress { destination.update(from: base, count: buffer.count) }
        }
    }
    public init(flat source: UnsafePointer<Float>, count: Int) {
        self = Array(UnsafeBufferPointer(start: source, count: count))
    }
}

extension SIMD2: FlatConvertible where Scalar == Float {
    public var flatCount: Int { 2 }
    public func writeFlat(to destination: UnsafeMutablePointer<Float>) {
        destination[0] = x
        destination[1] = y
    }
    public init(flat source: UnsafePointer<Float>, count: Int) {
        self.init(count > 0 ? source[0] : 0, count > 1 ? source[1] : 0)
    }
}

extension SIMD3: FlatConvertible where Scalar == Float {
    public var flatCount: Int { 3 }
    public func writeFlat(to destination: UnsafeMutablePointer<Float>) {
        destination[0] = x
        destination[1] = y
        destination[2] = z
    }
    public init(flat source: UnsafePointer<Float>, count: Int) {
        self.init(count > 0 ? source[0] : 0, count > 1 ? source[1] : 0, count > 2 ? source[2] : 0)
    }
}

extension SIMD4: FlatConvertible where Scalar == Float {
    public var flatCount: Int { 4 }
    public func writeFlat(to destination: UnsafeMutablePointer<Float>) {
        destination[0] = x
        destination[1] = y
        destination[2] = z
        destination[3] = w
    }
    public init(flat source: UnsafePointer<Float>, count: Int) {
        self.init(
            count > 0 ? source[0] : 0, count > 1 ? source[1] : 0, count > 2 ? source[2] : 0,
            count > 3 ? source[3] : 0)
    }
}
