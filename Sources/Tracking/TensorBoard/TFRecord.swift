/// TFRecord framing, the container of TensorBoard event files:
///
/// ```
/// uint64 length (little-endian)
/// uint32 masked CRC-32C of the 8 length bytes
/// byte   data[length]
/// uint32 masked CRC-32C of data
/// ```
public enum TFRecord {
    /// Bytes of framing around each record (8 + 4 + 4).
    public static let overhead = 16

    /// Frames one record.
    /// - Complexity: O(n) in the record length.
    public static func frame(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(data.count + overhead)
        let length = UInt64(data.count)
        var lengthBytes: [UInt8] = []
        for shift in stride(from: 0, to: 64, by: 8) {
            lengthBytes.append(UInt8(truncatingIfNeeded: length >> UInt64(shift)))
        }
        out.append(contentsOf: lengthBytes)
        appendLittleEndian(CRC32C.maskedChecksum(lengthBytes), to: &out)
        out.append(contentsOf: data)
        appendLittleEndian(CRC32C.maskedChecksum(data), to: &out)
        return out
    }

    /// The result of scanning a byte buffer for well-formed records.
    public struct Scan: Equatable, Sendable {
        /// The payload of every valid record, in order.
        public var records: [[UInt8]]
        /// Byte length of the valid prefix; anything after it is a torn or corrupt tail.
        public var validLength: Int
    }

    /// Reads records until the end or the first incomplete or corrupt record (bad length CRC or data CRC).
    /// - Complexity: O(n).
    public static func scan(_ bytes: [UInt8]) -> Scan {
        var records: [[UInt8]] = []
        var offset = 0
        while offset + 12 <= bytes.count {
            let lengthBytes = bytes[offset..<offset + 8]
            guard readLittleEndian32(bytes, at: offset + 8) == CRC32C.maskedChecksum(lengthBytes) else { break }
            var length: UInt64 = 0
            for (index, byte) in lengthBytes.enumerated() { length |= UInt64(byte) << UInt64(8 * index) }
            let start = offset + 12
            guard length <= UInt64(bytes.count - start), bytes.count - start - Int(length) >= 4 else { break }
            let end = start + Int(length)
            let data = Array(bytes[start..<end])
            guard readLittleEndian32(bytes, at: end) == CRC32C.maskedChecksum(data) else { break }
            records.append(data)
            offset = end + 4
        }
        return Scan(records: records, validLength: offset)
    }

    private static func appendLittleEndian(_ value: UInt32, to out: inout [UInt8]) {
        for shift in stride(from: 0, to: 32, by: 8) { out.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    private static func readLittleEndian32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        var value: UInt32 = 0
        for index in 0..<4 { value |= UInt32(bytes[offset + index]) << UInt32(8 * index) }
        return value
    }
}
