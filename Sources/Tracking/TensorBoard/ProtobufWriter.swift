/// A minimal protocol-buffers encoder: just the wire types TensorBoard's `Event` and `Summary` messages need.
///
/// Fields are appended in the order the caller writes them; nested messages are encoded into their own writer
/// and appended length-delimited. See https://protobuf.dev/programming-guides/encoding/.
public struct ProtobufWriter: Sendable {
    /// The encoded bytes so far.
    public private(set) var bytes: [UInt8] = []

    /// An empty message.
    public init() {}

    /// Wire types used here.
    private enum WireType: UInt64 {
        case varint = 0, fixed64 = 1, lengthDelimited = 2, fixed32 = 5
    }

    private mutating func key(_ field: Int, _ wireType: WireType) {
        appendVarint(UInt64(field) << 3 | wireType.rawValue)
    }

    /// Appends a base-128 varint (little-endian groups of 7 bits, high bit = more follows).
    public mutating func appendVarint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    /// An `int64`/`int32`/enum field (negative values take ten bytes, two's complement, as protobuf specifies).
    public mutating func int64(_ field: Int, _ value: Int64) {
        key(field, .varint)
        appendVarint(UInt64(bitPattern: value))
    }

    /// A `double` field (fixed64, little-endian IEEE 754).
    public mutating func double(_ field: Int, _ value: Double) {
        key(field, .fixed64)
        let bits = value.bitPattern
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
    }

    /// A `float` field (fixed32, little-endian IEEE 754).
    public mutating func float(_ field: Int, _ value: Float) {
        key(field, .fixed32)
        let bits = value.bitPattern
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: bits >> UInt32(shift))) }
    }

    /// A `bytes` field.
    public mutating func bytesField(_ field: Int, _ value: [UInt8]) {
        key(field, .lengthDelimited)
        appendVarint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    /// A `string` field (UTF-8).
    public mutating func string(_ field: Int, _ value: String) {
        bytesField(field, Array(value.utf8))
    }

    /// An embedded message field, built by `build` into a fresh writer.
    public mutating func message(_ field: Int, _ build: (inout ProtobufWriter) -> Void) {
        var nested = ProtobufWriter()
        build(&nested)
        bytesField(field, nested.bytes)
    }
}
