/// A small, independent GIF reader for tests: parses the block structure and LZW-decodes each frame to palette
/// indices, then to RGB.
struct GIFTestDecoder {
    struct Frame {
        var delay: Int
        var rgb: [UInt8]
        var indices: [UInt8]
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    var width = 0, height = 0, loopCount: Int?
    var globalTable: [UInt8] = []
    var frames: [Frame] = []

    init(_ bytes: [UInt8]) throws {
        var reader = Reader(bytes: bytes)
        guard try reader.take(6) == Array("GIF89a".utf8) else { throw Failure(description: "bad signature") }
        width = try reader.u16()
        height = try reader.u16()
        let packed = try reader.byte()
        _ = try reader.take(2)
        if packed & 0x80 != 0 { globalTable = try reader.take(3 << (Int(packed & 7) + 1)) }
        var delay = 0
        while true {
            switch try reader.byte() {
            case 0x21:
                let label = try reader.byte()
                let blocks = try reader.subBlocks()
                if label == 0xF9, blocks.count >= 3 { delay = Int(blocks[1]) | Int(blocks[2]) << 8 }
                if label == 0xFF, blocks.starts(with: Array("NETSCAPE2.0".utf8)), blocks.count >= 14 {
                    loopCount = Int(blocks[12]) | Int(blocks[13]) << 8
                }
            case 0x2C:
                _ = try reader.take(8)
                let imagePacked = try reader.byte()
                var table = globalTable
                if imagePacked & 0x80 != 0 { table = try reader.take(3 << (Int(imagePacked & 7) + 1)) }
                let minimumCodeSize = Int(try reader.byte())
                let indices = try Self.lzwDecode(try reader.subBlocks(), minimumCodeSize: minimumCodeSize)
                guard indices.count == width * height else {
                    throw Failure(description: "frame has \(indices.count) pixels, expected \(width * height)")
                }
                let rgb = indices.flatMap { Array(table[3 * Int($0)..<3 * Int($0) + 3]) }
                frames.append(Frame(delay: delay, rgb: rgb, indices: indices))
            case 0x3B:
                return
            case let other:
                throw Failure(description: "unexpected block 0x\(String(other, radix: 16))")
            }
        }
    }

    /// Textbook GIF LZW decoding (codes LSB-first, early size change when the table reaches 2^size).
    static func lzwDecode(_ data: [UInt8], minimumCodeSize: Int) throws -> [UInt8] {
        let clear = 1 << minimumCodeSize, end = clear + 1
        var dictionary: [[UInt8]] = []
        func reset() { dictionary = (0..<clear).map { [UInt8($0)] } + [[], []] }
        reset()
        var size = minimumCodeSize + 1, bitPosition = 0
        var previous: [UInt8]?
        var output: [UInt8] = []
        while bitPosition + size <= data.count * 8 {
            var code = 0
            for bit in 0..<size where data[(bitPosition + bit) / 8] & (1 << ((bitPosition + bit) % 8)) != 0 {
                code |= 1 << bit
            }
            bitPosition += size
            if code == clear {
                reset()
                size = minimumCodeSize + 1
                previous = nil
                continue
            }
            if code == end { return output }
            let entry: [UInt8]
            if code < dictionary.count {
                entry = dictionary[code]
            } else if code == dictionary.count, let previous {
                entry = previous + [previous[0]]
            } else {
                throw Failure(description: "invalid code \(code) with \(dictionary.count) entries")
            }
            output += entry
            if let previous, dictionary.count < 4096 {
                dictionary.append(previous + [entry[0]])
                if dictionary.count == 1 << size && size < 12 { size += 1 }
            }
            previous = entry
        }
        throw Failure(description: "missing end-of-information code")
    }

    private struct Reader {
        let bytes: [UInt8]
        var offset = 0
        mutating func byte() throws -> UInt8 {
            guard offset < bytes.count else { throw Failure(description: "truncated at \(offset)") }
            defer { offset += 1 }
            return bytes[offset]
        }
        mutating func take(_ count: Int) throws -> [UInt8] {
            guard offset + count <= bytes.count else { throw Failure(description: "truncated at \(offset)") }
            defer { offset += count }
            return Array(bytes[offset..<offset + count])
        }
        mutating func u16() throws -> Int { Int(try byte()) | Int(try byte()) << 8 }
        mutating func subBlocks() throws -> [UInt8] {
            var out: [UInt8] = []
            while true {
                let length = Int(try byte())
                if length == 0 { return out }
                out += try take(length)
            }
        }
    }
}
