import Tensor

/// Seeded structure-blind mutations of one input part; every choice comes from the given generator, so an input
/// is reproducible from `(seed, index)`.
public enum Mutator {
    /// Tokens spliced into text: non-finite and huge numbers, wrong types, integer extremes, non-UTF-8 bytes.
    static let textTokens: [String] = [
        "NaN", "nan", ".nan", "Infinity", "-Infinity", "inf", "-inf", ".inf", "1e309", "-1e309", "1e308",
        "9223372036854775807", "9223372036854775808", "-9223372036854775809", "18446744073709551616",
        "4294967296", "-1", "0", "1.5", "-0", "1e-400", "true", "null", "~", "\"\"", "[]", "{}", "\"x\"",
        "[1, [2, [3]]]", "{\"a\": 1}", "&a", "*a", "!!binary", "---", "\\u0000", "\"\\ud800\"", ",", ":", "\n",
    ]
    static let invalidUTF8: [[UInt8]] = [[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80]]

    /// `part` damaged by 1–4 random mutations suited to `kind`.
    public static func mutate(
        _ part: [UInt8], kind: FuzzTarget.PartKind, using rng: inout Xoshiro256StarStar
    ) -> [UInt8] {
        var bytes = part
        let rounds = 1 + rng.int(below: 4)
        for _ in 0..<rounds {
            let textual = kind == .text && rng.int(below: 3) > 0
            bytes = textual ? mutateText(bytes, using: &rng) : mutateBinary(bytes, using: &rng)
        }
        return bytes
    }

    static func mutateBinary(_ input: [UInt8], using rng: inout Xoshiro256StarStar) -> [UInt8] {
        var bytes = input
        let position = bytes.isEmpty ? 0 : rng.int(below: bytes.count)
        switch rng.int(below: 9) {
        case 0 where !bytes.isEmpty:  // bit flips
            for _ in 0..<(1 + rng.int(below: 4)) { bytes[rng.int(below: bytes.count)] ^= 1 << UInt8(rng.int(below: 8)) }
        case 1 where !bytes.isEmpty:  // byte replacements
            for _ in 0..<(1 + rng.int(below: 4)) { bytes[rng.int(below: bytes.count)] = interestingByte(&rng) }
        case 2:  // truncation
            bytes.removeSubrange(rng.int(below: bytes.count + 1)...)
        case 3:  // extension
            bytes += (0..<(1 + rng.int(below: 64))).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        case 4:  // little-endian length-field extremes (8, 4 or 2 bytes)
            let width = [8, 4, 2][rng.int(below: 3)]
            guard bytes.count >= width else { break }
            let at = rng.int(below: 4) == 0 ? 0 : rng.int(below: bytes.count - width + 1)
            let value = extremeValue(current: readLittleEndian(bytes, at: at, width: width), size: bytes.count, &rng)
            for index in 0..<width { bytes[at + index] = UInt8(truncatingIfNeeded: value >> UInt64(8 * index)) }
        case 5 where !bytes.isEmpty:  // delete a block
            let length = 1 + rng.int(below: min(64, bytes.count - position))
            bytes.removeSubrange(position..<(position + length))
        case 6 where !bytes.isEmpty:  // duplicate a block
            let length = 1 + rng.int(below: min(256, bytes.count - position))
            bytes.insert(contentsOf: bytes[position..<(position + length)], at: rng.int(below: bytes.count + 1))
        case 7:  // insert random bytes
            let noise = (0..<(1 + rng.int(below: 16))).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            bytes.insert(contentsOf: noise, at: position)
        default:  // one byte set to an interesting value
            if !bytes.isEmpty { bytes[position] = interestingByte(&rng) } else { bytes = [interestingByte(&rng)] }
        }
        return bytes
    }

    static func mutateText(_ input: [UInt8], using rng: inout Xoshiro256StarStar) -> [UInt8] {
        var bytes = input
        switch rng.int(below: 7) {
        case 0, 1:  // replace a number or word with a token
            let token = Array(textTokens[rng.int(below: textTokens.count)].utf8)
            guard let range = tokenRange(in: bytes, using: &rng) else { bytes += token; break }
            bytes.replaceSubrange(range, with: token)
        case 2:  // insert a token
            let token = Array(textTokens[rng.int(below: textTokens.count)].utf8)
            bytes.insert(contentsOf: token, at: rng.int(below: bytes.count + 1))
        case 3:  // deep nesting
            let depth = [10, 200, 5_000, 50_000][rng.int(below: 4)]
            let open: [UInt8] = rng.int(below: 2) == 0 ? Array("[".utf8) : Array("{\"a\":".utf8)
            let close: [UInt8] = open.count == 1 ? Array("]".utf8) : Array("}".utf8)
            let at = rng.int(below: bytes.count + 1)
            let nested = Array(repeating: open, count: depth).flatMap { $0 } + Array("1".utf8)
                + (rng.int(below: 2) == 0 ? Array(repeating: close, count: depth).flatMap { $0 } : [])
            bytes.insert(contentsOf: nested, at: at)
        case 4:  // duplicate a line (duplicate keys, repeated rows)
            let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            guard !lines.isEmpty else { break }
            var copy = lines.map(Array.init)
            let line = rng.int(below: copy.count)
            copy.insert(copy[line], at: rng.int(below: copy.count + 1))
            bytes = Array(copy.joined(separator: [UInt8(ascii: "\n")]))
        case 5:  // non-UTF-8 bytes
            let sequence = invalidUTF8[rng.int(below: invalidUTF8.count)]
            bytes.insert(contentsOf: sequence, at: rng.int(below: bytes.count + 1))
        default:  // delete a line
            var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
            guard lines.count > 1 else { break }
            lines.remove(at: rng.int(below: lines.count))
            bytes = Array(lines.joined(separator: [UInt8(ascii: "\n")]))
        }
        return bytes
    }

    /// A random run of digits/letters/`.`/`-` (a number or a word), if the text has one near a random position.
    static func tokenRange(in bytes: [UInt8], using rng: inout Xoshiro256StarStar) -> Range<Int>? {
        guard !bytes.isEmpty else { return nil }
        func isToken(_ byte: UInt8) -> Bool {
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
        }
        var start = rng.int(below: bytes.count)
        var scanned = 0
        while !isToken(bytes[start]) {
            start = (start + 1) % bytes.count
            scanned += 1
            if scanned >= bytes.count { return nil }
        }
        while start > 0 && isToken(bytes[start - 1]) { start -= 1 }
        var end = start
        while end < bytes.count && isToken(bytes[end]) { end += 1 }
        return start..<end
    }

    static func interestingByte(_ rng: inout Xoshiro256StarStar) -> UInt8 {
        let values: [UInt8] = [0, 1, 0x7F, 0x80, 0xFF, 0x20, 0x22, 0x2C, 0x5B, 0x7B, 0x5D, 0x7D, 0x3A, 0x0A, 0x2D, 0x30]
        return rng.int(below: 2) == 0 ? values[rng.int(below: values.count)] : UInt8(truncatingIfNeeded: rng.next())
    }

    static func extremeValue(current: UInt64, size: Int, _ rng: inout Xoshiro256StarStar) -> UInt64 {
        let candidates: [UInt64] = [
            0, 1, UInt64(size), UInt64(size) &+ 1, UInt64(size) &- 1, current &+ 1, current &- 1, 1 << 63,
            UInt64.max, UInt64(Int32.max), UInt64(UInt32.max), 1 << 31, 1 << 32, current &* 2, current >> 1,
        ]
        return candidates[rng.int(below: candidates.count)]
    }

    static func readLittleEndian(_ bytes: [UInt8], at offset: Int, width: Int) -> UInt64 {
        var value: UInt64 = 0
        for index in 0..<width { value |= UInt64(bytes[offset + index]) << UInt64(8 * index) }
        return value
    }
}
