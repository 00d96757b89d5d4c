/// A minimal protocol-buffers decoder: iterates the top-level fields of one message. Used to read event files
/// back (rewinding a resumed run, tests); not a general protobuf implementation.
public struct ProtobufReader: Sendable {
    /// One decoded field.
    public enum Value: Equatable, Sendable {
        /// Wire type 0.
        case varint(UInt64)
        /// Wire type 1 (little-endian 64 bits).
        case fixed64(UInt64)
        /// Wire type 2 (bytes, strings, nested messages).
        case lengthDelimited([UInt8])
        /// Wire type 5 (little-endian 32 bits).
        case fixed32(UInt32)
    }

    /// A message that could not be decoded.
    public struct DecodingError: Error, Equatable, CustomStringConvertible {
        /// Byte offset of the problem.
        public var offset: Int
        /// What was wrong.
        public var reason: String
        public var description: String { "protobuf decoding failed at byte \(offset): \(reason)" }
    }

    /// Decodes all top-level fields of `bytes` as `(field number, value)` pairs, in order.
    /// - Throws: `DecodingError` on truncated data or an unsupported wire type (groups).
    public static func fields(_ bytes: [UInt8]) throws(DecodingError) -> [(field: Int, value: Value)] {
        var result: [(field: Int, value: Value)] = []
        var offset = 0
        while offset < bytes.count {
            let key = try varint(bytes, &offset)
            let field = Int(key >> 3)
            switch key & 7 {
            case 0: result.append((field, .varint(try varint(bytes, &offset))))
            case 1: result.append((field, .fixed64(try fixed(bytes, &offset, count: 8))))
            case 2:
                let length = try varint(bytes, &offset)
                guard length <= UInt64(bytes.count - offset) else {
                    throw DecodingError(offset: offset, reason: "length \(length) runs past the end")
                }
                result.append((field, .lengthDelimited(Array(bytes[offset..<offset + Int(length)]))))
                offset += Int(length)
            case 5: result.append((field, .fixed32(UInt32(try fixed(bytes, &offset, count: 4)))))
            default: throw DecodingError(offset: offset, reason: "unsupported wire type \(key & 7)")
            }
        }
        return result
    }

    private static func varint(_ bytes: [UInt8], _ offset: inout Int) throws(DecodingError) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while offset < bytes.count && shift < 64 {
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
        throw DecodingError(offset: offset, reason: "truncated varint")
    }

    private static func fixed(_ bytes: [UInt8], _ offset: inout Int, count: Int) throws(DecodingError) -> UInt64 {
        guard bytes.count - offset >= count else {
            throw DecodingError(offset: offset, reason: "truncated fixed field")
        }
        var value: UInt64 = 0
        for index in 0..<count { value |= UInt64(bytes[offset + index]) << UInt64(8 * index) }
        offset += count
        return value
    }
}
