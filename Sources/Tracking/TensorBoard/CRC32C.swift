/// CRC-32C (Castagnoli, reflected polynomial `0x82F63B78`), the checksum TFRecord framing uses.
///
/// `CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283` (the standard check value).
public enum CRC32C {
    /// Byte-wise lookup table for the reflected polynomial.
    private static let table: [UInt32] = (0..<256).map { index -> UInt32 in
        var crc = UInt32(index)
        for _ in 0..<8 {
            crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1
        }
        return crc
    }

    /// The CRC-32C of `bytes`.
    /// - Complexity: O(n).
    public static func checksum<Bytes: Sequence>(_ bytes: Bytes) -> UInt32 where Bytes.Element == UInt8 {
        var crc: UInt32 = 0xFFFF_FFFF
        table.withUnsafeBufferPointer { table in
            for byte in bytes {
                crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8)
            }
        }
        return crc ^ 0xFFFF_FFFF
    }

    /// The masked CRC TFRecord stores: `((crc >> 15) | (crc << 17)) &+ 0xA282EAD8`. Masking keeps the checksum of
    /// data that itself contains CRCs from being trivially zero.
    public static func masked(_ crc: UInt32) -> UInt32 {
        ((crc >> 15) | (crc << 17)) &+ 0xA282_EAD8
    }

    /// `masked(checksum(bytes))`.
    public static func maskedChecksum<Bytes: Sequence>(_ bytes: Bytes) -> UInt32 where Bytes.Element == UInt8 {
        masked(checksum(bytes))
    }
}
