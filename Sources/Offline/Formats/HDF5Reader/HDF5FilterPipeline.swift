/// A filter pipeline message and the inverse filters applied to each stored chunk: deflate (1), shuffle (2) and
/// Fletcher-32 (3, the checksum is stripped, not verified).
struct HDF5FilterPipeline {
    /// The filter identifiers in the order they were applied when writing.
    let filters: [(id: Int, optional: Bool)]

    /// No filters.
    init() { filters = [] }

    /// Decodes a version 1 or 2 filter pipeline message; unknown filters are refused here, before any data is read.
    init(_ message: HDF5Message, source: HDF5Source, field: String) throws(DatasetError) {
        let name = "\(field).filters"
        var cursor = HDF5Cursor(source: source, range: message.body, field: name)
        let version = try cursor.u8()
        let count = Int(try cursor.u8())
        guard version == 1 || version == 2 else {
            throw source.corrupt("\(name).version", expected: "1 or 2", found: "\(version)")
        }
        guard count <= 32 else {
            throw source.corrupt("\(name).count", expected: "at most 32 filters", found: "\(count)")
        }
        if version == 1 { try cursor.skip(6) }
        var filters: [(id: Int, optional: Bool)] = []
        for _ in 0..<count {
            let id = try cursor.u16()
            let nameLength = version == 1 || id >= 256 ? try cursor.u16() : 0
            let flags = try cursor.u16()
            let values = try cursor.u16()
            try cursor.skip(version == 1 ? (nameLength + 7) / 8 * 8 : nameLength)
            try cursor.skip(values * 4)
            if version == 1 && values % 2 == 1 { try cursor.skip(4) }
            guard [1, 2, 3].contains(id) else {
                let names = [
                    4: "the szip filter", 32001: "the Blosc filter", 32004: "the LZ4 filter",
                    32008: "the bitshuffle filter", 32015: "the Zstandard filter", 32000: "the LZF filter",
                ]
                throw source.unsupported(name, names[id] ?? "filter \(id)")
            }
            filters.append((id, flags & 0x01 != 0))
        }
        self.filters = filters
    }

    /// Undoes the filters not skipped by `mask` (bit i set: filter i was not applied) on a stored chunk, giving
    /// exactly `size` bytes.
    func decode(
        _ stored: ArraySlice<UInt8>, mask: UInt32, size: Int, elementSize: Int, source: HDF5Source, field: String
    ) throws(DatasetError) -> [UInt8] {
        var data = Array(stored)
        for (index, filter) in filters.enumerated().reversed() where index >= 32 || mask & (1 << UInt32(index)) == 0 {
            switch filter.id {
            case 1: data = try inflate(data, size: size, source: source, field: field)
            case 2: data = unshuffle(data, elementSize: elementSize)
            default:
                guard data.count >= 4 else {
                    throw source.corrupt(field, expected: "a Fletcher-32 checksum", found: "\(data.count) bytes")
                }
                data.removeLast(4)
            }
        }
        guard data.count == size else {
            throw source.corrupt(field, expected: "\(size) bytes after decoding", found: "\(data.count) bytes")
        }
        return data
    }

    /// zlib-wrapped deflate: the 2-byte zlib header is checked and skipped, the Adler-32 trailer ignored.
    private func inflate(_ data: [UInt8], size: Int, source: HDF5Source, field: String) throws(DatasetError) -> [UInt8]
    {
        guard data.count >= 2, data[0] & 0x0F == 8, (UInt16(data[0]) << 8 | UInt16(data[1])) % 31 == 0,
            data[1] & 0x20 == 0
        else { throw source.corrupt(field, expected: "a zlib stream (deflate filter)", found: "no zlib header") }
        return try Inflate.decompress(Array(data.dropFirst(2)), outputCount: size, name: "\(source.path): `\(field)`")
    }

    /// Byte shuffle inverse: stored bytes are grouped by byte position within each element.
    private func unshuffle(_ data: [UInt8], elementSize: Int) -> [UInt8] {
        guard elementSize > 1, data.count >= elementSize else { return data }
        let count = data.count / elementSize
        var output = data
        for byte in 0..<elementSize {
            let plane = byte * count
            for element in 0..<count { output[element * elementSize + byte] = data[plane + element] }
        }
        return output  // a trailing partial element (count * elementSize ..< data.count) stays as stored
    }
}
