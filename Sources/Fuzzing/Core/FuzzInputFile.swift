import Foundation

/// The on-disk form of a fuzz input (a reproducer): `SRLFUZZ1`, the part count, then each part as an 8-byte
/// little-endian length and its bytes.
public enum FuzzInputFile {
    static let magic = Array("SRLFUZZ1".utf8)

    /// The framed bytes of `parts`.
    public static func encode(_ parts: [[UInt8]]) -> [UInt8] {
        var out = magic
        append(UInt64(parts.count), to: &out)
        for part in parts {
            append(UInt64(part.count), to: &out)
            out += part
        }
        return out
    }

    /// The parts of a framed input.
    /// - Throws: ``FuzzError/invalidReproducer(_:)`` when `bytes` is not a framed input.
    public static func decode(_ bytes: [UInt8], path: String) throws(FuzzError) -> [[UInt8]] {
        guard bytes.count >= 16, Array(bytes[0..<8]) == magic else {
            throw .invalidReproducer("\(path): does not start with `SRLFUZZ1`; expected a swiftrl-fuzz reproducer")
        }
        var offset = 8
        let count = read(bytes, &offset)
        var parts: [[UInt8]] = []
        for index in 0..<min(count, 64) {
            let length = read(bytes, &offset)
            guard length <= UInt64(bytes.count - offset) else {
                throw .invalidReproducer("\(path): part \(index) runs past the end of the file")
            }
            parts.append(Array(bytes[offset..<offset + Int(length)]))
            offset += Int(length)
        }
        return parts
    }

    private static func append(_ value: UInt64, to out: inout [UInt8]) {
        for shift in stride(from: 0, to: 64, by: 8) { out.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    private static func read(_ bytes: [UInt8], _ offset: inout Int) -> UInt64 {
        guard bytes.count - offset >= 8 else {
            offset = bytes.count
            return 0
        }
        var value: UInt64 = 0
        for index in 0..<8 { value |= UInt64(bytes[offset + index]) << UInt64(8 * index) }
        offset += 8
        return value
    }
}

/// Why the fuzz harness itself could not run.
public enum FuzzError: Error, CustomStringConvertible, Equatable {
    /// No target of that name.
    case unknownFormat(String, known: [String])
    /// A target's seed inputs could not be made.
    case seedFailed(format: String, reason: String)
    /// A reproducer file that is not a framed input.
    case invalidReproducer(String)

    public var description: String {
        switch self {
        case let .unknownFormat(name, known):
            "unknown format `\(name)`; choose one of: \(known.joined(separator: ", ")), all"
        case let .seedFailed(format, reason): "\(format): cannot make seed inputs (\(reason))"
        case let .invalidReproducer(reason): reason
        }
    }
}
