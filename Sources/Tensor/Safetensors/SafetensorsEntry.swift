import Foundation

/// One tensor of a safetensors file: dtype, shape and the raw little-endian bytes, independent of SwiftRL's `Tensor`.
public struct SafetensorsEntry: Equatable, Sendable {
    /// The element type.
    public let dtype: SafetensorsDType
    /// The dimensions; `[]` is a scalar (one element).
    public let shape: [Int]
    /// The elements, row-major, little-endian; exactly `elementCount × dtype.byteCount` bytes.
    public let data: Data

    /// The number of elements, the product of ``shape``.
    public var elementCount: Int { shape.reduce(1, *) }

    /// An entry over raw little-endian bytes.
    /// - Throws: `SafetensorsError` (`.invalidHeader`) for a negative or overflowing shape, (`.sizeMismatch`) when
    ///   `data.count` is not shape × element size.
    public init(dtype: SafetensorsDType, shape: [Int], data: Data) throws(SafetensorsError) {
        try self.init(dtype: dtype, shape: shape, data: data, name: "")
    }

    /// ``init(dtype:shape:data:)`` naming the tensor in errors.
    init(dtype: SafetensorsDType, shape: [Int], data: Data, name: String) throws(SafetensorsError) {
        let expected = try Self.byteCount(dtype: dtype, shape: shape, name: name)
        guard expected == data.count else {
            throw SafetensorsError(.sizeMismatch(tensor: name, expectedBytes: expected, actualBytes: data.count))
        }
        self.dtype = dtype
        self.shape = shape
        self.data = data
    }

    /// An entry holding `values` as `dtype`, which must be `.float32` (default), `.float64`, `.float16` or
    /// `.bfloat16` (the 16-bit formats round to nearest, ties to even).
    /// - Throws: `SafetensorsError` when `values.count` does not match `shape` or `dtype` is not floating point.
    public init(shape: [Int], floats values: [Float], dtype: SafetensorsDType = .float32) throws(SafetensorsError) {
        let bytes: Data
        switch dtype {
        case .float32: bytes = Self.pack(values.map { $0.bitPattern })
        case .float64: bytes = Self.pack(values.map { Double($0).bitPattern })
        case .float16: bytes = Self.pack(values.map(HalfPrecision.float16(from:)))
        case .bfloat16: bytes = Self.pack(values.map(HalfPrecision.bfloat16(from:)))
        default: throw SafetensorsError(.wrongDType(tensor: "", dtype: dtype, expected: "F32, F64, F16 or BF16"))
        }
        try self.init(dtype: dtype, shape: shape, data: bytes)
    }

    /// An F64 entry holding `values`.
    /// - Throws: `SafetensorsError.Kind.sizeMismatch` when `values.count` does not match `shape`.
    public init(shape: [Int], doubles values: [Double]) throws(SafetensorsError) {
        try self.init(dtype: .float64, shape: shape, data: Self.pack(values.map(\.bitPattern)))
    }

    /// An I64 entry holding `values`.
    /// - Throws: `SafetensorsError.Kind.sizeMismatch` when `values.count` does not match `shape`.
    public init(shape: [Int], int64s values: [Int64]) throws(SafetensorsError) {
        try self.init(dtype: .int64, shape: shape, data: Self.pack(values.map { UInt64(bitPattern: $0) }))
    }

    /// The values as `Float` (F32 exactly; F16 and BF16 exactly; F64 rounded to nearest).
    /// - Throws: `SafetensorsError.Kind.wrongDType` for integer and boolean entries.
    /// - Complexity: O(elementCount).
    public func floats() throws(SafetensorsError) -> [Float] {
        switch dtype {
        case .float32: return words(UInt32.self).map(Float.init(bitPattern:))
        case .float64: return words(UInt64.self).map { Float(Double(bitPattern: $0)) }
        case .float16: return words(UInt16.self).map(HalfPrecision.float(fromFloat16:))
        case .bfloat16: return words(UInt16.self).map(HalfPrecision.float(fromBFloat16:))
        default: throw SafetensorsError(.wrongDType(tensor: "", dtype: dtype, expected: "F32, F64, F16 or BF16"))
        }
    }

    /// The values as `Double` (exact for every floating-point dtype).
    /// - Throws: `SafetensorsError.Kind.wrongDType` for integer and boolean entries.
    /// - Complexity: O(elementCount).
    public func doubles() throws(SafetensorsError) -> [Double] {
        if dtype == .float64 {
            return words(UInt64.self).map(Double.init(bitPattern:))
        }
        return try floats().map(Double.init)
    }

    /// The values as `Int64` from any integer dtype or BOOL (0 / 1).
    /// - Throws: `SafetensorsError.Kind.wrongDType` for floating-point entries and for U64 values above `Int64.max`.
    /// - Complexity: O(elementCount).
    public func int64s() throws(SafetensorsError) -> [Int64] {
        switch dtype {
        case .bool: return words(UInt8.self).map { $0 == 0 ? 0 : 1 }
        case .uint8: return words(UInt8.self).map(Int64.init)
        case .int8: return words(UInt8.self).map { Int64(Int8(bitPattern: $0)) }
        case .int16: return words(UInt16.self).map { Int64(Int16(bitPattern: $0)) }
        case .uint16: return words(UInt16.self).map(Int64.init)
        case .int32: return words(UInt32.self).map { Int64(Int32(bitPattern: $0)) }
        case .uint32: return words(UInt32.self).map(Int64.init)
        case .int64: return words(UInt64.self).map { Int64(bitPattern: $0) }
        case .uint64:
            let values = words(UInt64.self)
            guard values.allSatisfy({ $0 <= UInt64(Int64.max) }) else {
                throw SafetensorsError(.wrongDType(tensor: "", dtype: dtype, expected: "values up to Int64.max"))
            }
            return values.map { Int64($0) }
        case .float16, .bfloat16, .float32, .float64:
            throw SafetensorsError(.wrongDType(tensor: "", dtype: dtype, expected: "an integer or BOOL dtype"))
        }
    }

    /// Bytes needed for `shape` of `dtype`, checking for negative dimensions and overflow.
    static func byteCount(dtype: SafetensorsDType, shape: [Int], name: String) throws(SafetensorsError) -> Int {
        var count = dtype.byteCount
        for dimension in shape {
            guard dimension >= 0 else {
                throw SafetensorsError(.invalidHeader("tensor `\(name)` has a negative dimension in shape \(shape)"))
            }
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            guard !overflow else {
                throw SafetensorsError(.invalidHeader("tensor `\(name)` shape \(shape) is too large"))
            }
            count = product
        }
        return count
    }

    /// Little-endian bytes of fixed-width words.
    private static func pack<Word: FixedWidthInteger>(_ words: [Word]) -> Data {
        var data = Data(count: words.count * MemoryLayout<Word>.size)
        data.withUnsafeMutableBytes { raw in
            for (index, word) in words.enumerated() {
                raw.storeBytes(of: word.littleEndian, toByteOffset: index * MemoryLayout<Word>.size, as: Word.self)
            }
        }
        return data
    }

    /// The data as little-endian fixed-width words.
    private func words<Word: FixedWidthInteger>(_: Word.Type) -> [Word] {
        let size = MemoryLayout<Word>.size
        return data.withUnsafeBytes { raw in
            (0..<raw.count / size).map {
                Word(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * size, as: Word.self))
            }
        }
    }
}
