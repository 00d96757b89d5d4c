import Foundation
import Tensor

/// A minimal ZIP reader/writer for `.npz` files: reads stored and deflated entries (ZIP64 sizes and offsets
/// included), writes stored entries with CRC-32, as `numpy.savez` does.
public enum ZipArchive {
    /// Reads every entry of a ZIP archive.
    /// - Returns: entry names and contents in directory order.
    /// - Throws: ``DatasetError`` for truncated or corrupt archives, CRC mismatches and unsupported methods.
    public static func read(_ bytes: [UInt8], name: String = "archive") throws(DatasetError) -> [(String, [UInt8])] {
        func u16(_ o: Int) -> Int { Int(bytes[o]) | Int(bytes[o + 1]) << 8 }
        func u32(_ o: Int) -> Int { u16(o) | u16(o + 2) << 16 }
        func u64(_ o: Int) -> Int { u32(o) | u32(o + 4) << 32 }
        // Offsets and sizes come from the file (up to 2^64 in ZIP64 fields): check ranges without overflow.
        func inside(_ offset: Int, _ length: Int) -> Bool {
            (try? CheckedDecoding.byteRange(offset: offset, length: length, within: bytes.count, field: "", file: name))
                != nil
        }
        let corrupt = { (why: String) in
            DatasetError(.corrupt, "\(name): \(why); the file is truncated or not a ZIP/.npz")
        }
        guard bytes.count >= 22 else { throw corrupt("only \(bytes.count) bytes") }
        var eocd = -1
        var position = bytes.count - 22
        while position >= max(0, bytes.count - 22 - 65_535) {
            if u32(position) == 0x0605_4B50 {
                eocd = position
                break
            }
            position -= 1
        }
        guard eocd >= 0 else { throw corrupt("no end-of-central-directory record") }
        var entryCount = u16(eocd + 10)
        var directoryOffset = u32(eocd + 16)
        // ZIP64 end-of-central-directory locator just before the classic record.
        if eocd >= 20, u32(eocd - 20) == 0x0706_4B50 {
            let record = u64(eocd - 20 + 8)
            guard inside(record, 56), u32(record) == 0x0606_4B50 else {
                throw corrupt("bad ZIP64 end record")
            }
            entryCount = u64(record + 32)
            directoryOffset = u64(record + 48)
        }
        var entries: [(String, [UInt8])] = []
        var cursor = directoryOffset
        for _ in 0..<entryCount {
            guard inside(cursor, 46), u32(cursor) == 0x0201_4B50 else {
                throw corrupt("central directory entry at \(cursor) is damaged")
            }
            let method = u16(cursor + 10)
            let crc = UInt32(u32(cursor + 16))
            var compressedSize = u32(cursor + 20)
            var size = u32(cursor + 24)
            let nameLength = u16(cursor + 28)
            let extraLength = u16(cursor + 30)
            let commentLength = u16(cursor + 32)
            var localOffset = u32(cursor + 42)
            guard cursor + 46 + nameLength + extraLength <= bytes.count else {
                throw corrupt("entry name runs past the end")
            }
            let entryName = String(decoding: bytes[cursor + 46..<cursor + 46 + nameLength], as: UTF8.self)
            // ZIP64 extra field: the 0xFFFFFFFF fields, in order size, compressed size, offset.
            var extra = cursor + 46 + nameLength
            let extraEnd = extra + extraLength
            while extra + 4 <= extraEnd {
                let tag = u16(extra)
                let length = u16(extra + 2)
                if tag == 1 {
                    var field = extra + 4
                    if size == 0xFFFF_FFFF, field + 8 <= extraEnd {
                        size = u64(field)
                        field += 8
                    }
                    if compressedSize == 0xFFFF_FFFF, field + 8 <= extraEnd {
                        compressedSize = u64(field)
                        field += 8
                    }
                    if localOffset == 0xFFFF_FFFF, field + 8 <= extraEnd { localOffset = u64(field) }
                }
                extra += 4 + length
            }
            cursor = extraEnd + commentLength
            guard inside(localOffset, 30), u32(localOffset) == 0x0403_4B50 else {
                throw corrupt("local header of `\(entryName)` is damaged")
            }
            let dataStart = localOffset + 30 + u16(localOffset + 26) + u16(localOffset + 28)
            guard size >= 0, inside(dataStart, compressedSize) else {
                throw corrupt("entry `\(entryName)` needs \(compressedSize) bytes but the file ends first")
            }
            let raw = Array(bytes[dataStart..<dataStart + compressedSize])
            let contents: [UInt8]
            switch method {
            case 0: contents = raw
            case 8: contents = try Inflate.decompress(raw, outputCount: size, name: "\(name)/\(entryName)")
            default:
                throw DatasetError(
                    .unsupported,
                    "\(name)/\(entryName): compression method \(method) is not supported (stored or deflate only)")
            }
            guard contents.count == size, CRC32.checksum(contents) == crc else {
                throw corrupt("entry `\(entryName)` fails its CRC-32 check")
            }
            entries.append((entryName, contents))
        }
        return entries
    }

    /// A ZIP archive with stored (uncompressed) entries.
    /// - Throws: ``DatasetError`` when the archive would exceed 4 GiB (ZIP64 writing is not implemented).
    public static func write(_ entries: [(String, [UInt8])]) throws(DatasetError) -> [UInt8] {
        var out: [UInt8] = []
        var directory: [UInt8] = []
        func put16(_ v: Int, _ buffer: inout [UInt8]) { buffer += [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF)] }
        func put32(_ v: Int, _ buffer: inout [UInt8]) {
            put16(v & 0xFFFF, &buffer)
            put16((v >> 16) & 0xFFFF, &buffer)
        }
        let total = entries.reduce(0) { $0 + $1.1.count + 2 * $1.0.utf8.count + 100 }
        guard total < Int(UInt32.max), entries.count < 65_535 else {
            throw DatasetError(.unsupported, "archives over 4 GiB or 65,535 entries need ZIP64, which the writer lacks")
        }
        for (entryName, contents) in entries {
            let nameBytes = Array(entryName.utf8)
            let crc = Int(CRC32.checksum(contents))
            let offset = out.count
            // Version 20, no flags, stored, DOS time/date 1980-01-01 00:00.
            put32(0x0403_4B50, &out)
            put16(20, &out)
            put16(0, &out)
            put16(0, &out)
            put16(0, &out)
            put16(0x21, &out)
            put32(crc, &out)
            put32(contents.count, &out)
            put32(contents.count, &out)
            put16(nameBytes.count, &out)
            put16(0, &out)
            out += nameBytes
            out += contents
            put32(0x0201_4B50, &directory)
            put16(20, &directory)
            put16(20, &directory)
            put16(0, &directory)
            put16(0, &directory)
            put16(0, &directory)
            put16(0x21, &directory)
            put32(crc, &directory)
            put32(contents.count, &directory)
            put32(contents.count, &directory)
            put16(nameBytes.count, &directory)
            put16(0, &directory)
            put16(0, &directory)
            put16(0, &directory)
            put16(0, &directory)
            put32(0, &directory)
            put32(offset, &directory)
            directory += nameBytes
        }
        let directoryOffset = out.count
        out += directory
        put32(0x0605_4B50, &out)
        put16(0, &out)
        put16(0, &out)
        put16(entries.count, &out)
        put16(entries.count, &out)
        put32(directory.count, &out)
        put32(directoryOffset, &out)
        put16(0, &out)
        return out
    }
}
