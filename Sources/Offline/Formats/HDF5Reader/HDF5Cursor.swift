import Tensor

/// The bytes of an HDF5 file and the sizes its superblock fixes, shared by every structure the reader decodes.
struct HDF5Source {
    /// The whole file.
    let bytes: [UInt8]
    /// The file's path, for error messages.
    let path: String
    /// Where the superblock was found; every stored address is relative to it.
    var base = 0
    /// Bytes per stored address ("size of offsets", 2…8).
    var offsetSize = 8
    /// Bytes per stored length ("size of lengths", 2…8).
    var lengthSize = 8

    /// A `.corrupt` ``DatasetError`` naming the file and the field (the ``InputValidationError`` wording).
    func corrupt(_ field: String, expected: String, found: String) -> DatasetError {
        DatasetError(
            .corrupt, InputValidationError(file: path, field: field, expected: expected, found: found).description)
    }

    /// An `.unsupported` ``DatasetError`` naming the file and the feature.
    func unsupported(_ field: String, _ what: String) -> DatasetError {
        DatasetError(
            .unsupported,
            "\(path): `\(field)` uses \(what), which SwiftRL's HDF5 reader does not support; rewrite the file with "
                + "h5py defaults (h5py.File(path, \"w\"); chunked datasets with gzip/shuffle are fine)")
    }

    /// The absolute byte range of `length` bytes at stored address `address`, checked against the file size.
    func range(address: UInt64, length: Int, field: String) throws(DatasetError) -> Range<Int> {
        let (absolute, overflow) = address.addingReportingOverflow(UInt64(base))
        guard !overflow, length >= 0 else {
            throw corrupt(field, expected: "an address inside the file", found: "address \(address)")
        }
        do {
            return try CheckedDecoding.byteRange(
                offset: absolute, length: UInt64(length), within: bytes.count, field: field, file: path)
        } catch { throw DatasetError(.corrupt, error.description) }
    }

    /// A cursor over `length` bytes at stored address `address`.
    func cursor(at address: UInt64, length: Int, field: String) throws(DatasetError) -> HDF5Cursor {
        HDF5Cursor(source: self, range: try range(address: address, length: length, field: field), field: field)
    }

    /// A cursor from stored address `address` to the end of the file (for structures whose size is read as they go).
    func cursor(at address: UInt64, field: String) throws(DatasetError) -> HDF5Cursor {
        let start = try range(address: address, length: 0, field: field).lowerBound
        return HDF5Cursor(source: self, range: start..<bytes.count, field: field)
    }

    /// Whether `value` is the undefined address (all bits set in `offsetSize` bytes).
    func isUndefined(_ value: UInt64) -> Bool {
        offsetSize == 8 ? value == UInt64.max : value == (UInt64(1) << UInt64(offsetSize * 8)) - 1
    }
}

/// A bounds-checked little-endian reader over a byte range of an ``HDF5Source``: every read past `end` is a
/// `.corrupt` ``DatasetError`` naming the field, never a trap.
struct HDF5Cursor {
    let source: HDF5Source
    /// The next byte to read.
    private(set) var position: Int
    /// One past the last readable byte.
    let end: Int
    /// The structure being read, for error messages.
    var field: String

    init(source: HDF5Source, range: Range<Int>, field: String) {
        self.source = source
        position = range.lowerBound
        end = range.upperBound
        self.field = field
    }

    /// Bytes left.
    var remaining: Int { end - position }

    private func truncated(_ count: Int) -> DatasetError {
        source.corrupt(
            field, expected: "\(count) more bytes", found: "truncated at byte \(position) (\(remaining) bytes left)")
    }

    /// Skips `count` bytes.
    mutating func skip(_ count: Int) throws(DatasetError) {
        guard count >= 0, count <= remaining else { throw truncated(count) }
        position += count
    }

    /// One byte.
    mutating func u8() throws(DatasetError) -> UInt8 {
        guard remaining >= 1 else { throw truncated(1) }
        defer { position += 1 }
        return source.bytes[position]
    }

    /// An unsigned little-endian integer of `size` bytes (0…8).
    mutating func uint(_ size: Int) throws(DatasetError) -> UInt64 {
        guard size >= 0, size <= 8 else {
            throw source.corrupt(field, expected: "an integer of at most 8 bytes", found: "\(size) bytes")
        }
        guard remaining >= size else { throw truncated(size) }
        var value: UInt64 = 0
        for index in 0..<size { value |= UInt64(source.bytes[position + index]) << UInt64(8 * index) }
        position += size
        return value
    }

    mutating func u16() throws(DatasetError) -> Int { Int(try uint(2)) }
    mutating func u32() throws(DatasetError) -> Int { Int(try uint(4)) }

    /// A stored address, or `nil` for the undefined address.
    mutating func address() throws(DatasetError) -> UInt64? {
        let value = try uint(source.offsetSize)
        return source.isUndefined(value) ? nil : value
    }

    /// A stored length as an `Int`, at most `maximum` (default: the file size).
    mutating func length(maximum: Int? = nil, name: String) throws(DatasetError) -> Int {
        let value = try uint(source.lengthSize)
        let limit = maximum ?? source.bytes.count
        guard value <= UInt64(limit) else {
            throw source.corrupt("\(field).\(name)", expected: "at most \(limit)", found: "\(value)")
        }
        return Int(value)
    }

    /// `count` raw bytes.
    mutating func bytes(_ count: Int) throws(DatasetError) -> ArraySlice<UInt8> {
        guard count >= 0, count <= remaining else { throw truncated(count) }
        defer { position += count }
        return source.bytes[position..<position + count]
    }

    /// Checks a 4-byte signature such as `TREE`.
    mutating func expectSignature(_ signature: String) throws(DatasetError) {
        let found = try bytes(4)
        guard Array(found) == Array(signature.utf8) else {
            let shown = String(decoding: found.map { (32...126).contains($0) ? $0 : UInt8(ascii: "?") }, as: UTF8.self)
            throw source.corrupt(field, expected: "the signature \(signature)", found: "\"\(shown)\"")
        }
    }

    /// Moves to the next multiple of `alignment` counted from `origin`.
    mutating func align(_ alignment: Int, from origin: Int) throws(DatasetError) {
        let misalignment = (position - origin) % alignment
        if misalignment != 0 { try skip(min(alignment - misalignment, remaining)) }
    }
}

/// A limit on how much structure one read may walk, so overlapping or cyclic structures in a damaged file end in an
/// error instead of a hang.
final class HDF5Budget {
    private var remaining: Int
    private let limit: Int

    /// A budget proportional to the file size (a valid file's structures never revisit bytes many times).
    init(fileSize: Int) {
        limit = 64 &* max(fileSize, 0) &+ 1_000_000
        remaining = limit
    }

    /// Starts a new top-level read.
    func reset() { remaining = limit }

    /// Spends `units` (one per node, entry or message), failing once the budget runs out.
    func spend(_ units: Int = 1, field: String, source: HDF5Source) throws(DatasetError) {
        remaining -= max(units, 1)
        guard remaining >= 0 else {
            throw source.corrupt(
                field, expected: "structures that fit the file",
                found: "more nodes than a file this size can hold "
                    + "(cyclic or overlapping B-tree / header chain)")
        }
    }
}
