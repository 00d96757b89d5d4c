/// The HDF5 superblock (versions 0–3): where the file's structures start and how wide addresses and lengths are.
struct HDF5Superblock {
    /// The superblock version (0…3).
    let version: Int
    /// The source with the base address and the offset/length sizes filled in.
    let source: HDF5Source
    /// The root group's object header address.
    let rootAddress: UInt64

    private static let signature: [UInt8] = [0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A, 0x1A, 0x0A]

    /// Finds the signature at byte 0, 512, 1024, 2048, … and decodes the superblock there.
    /// - Throws: ``DatasetError`` `.corrupt` when there is no signature or the superblock is damaged.
    init(bytes: [UInt8], path: String) throws(DatasetError) {
        var location = 0
        var found: Int?
        while location + Self.signature.count <= bytes.count {
            if bytes[location..<location + Self.signature.count].elementsEqual(Self.signature) {
                found = location
                break
            }
            location = location == 0 ? 512 : location * 2
        }
        var source = HDF5Source(bytes: bytes, path: path)
        guard let found else {
            throw DatasetError(
                .corrupt,
                "\(path): not an HDF5 file (no HDF5 signature at byte 0, 512, 1024, …; \(bytes.count) bytes)")
        }
        source.base = found
        var cursor = try source.cursor(at: 8, field: "superblock")
        let version = Int(try cursor.u8())
        switch version {
        case 0, 1:
            try cursor.skip(4)  // free-space, root symbol table entry, reserved, shared header message versions
            let offsetSize = Int(try cursor.u8())
            let lengthSize = Int(try cursor.u8())
            try Self.checkSizes(offsetSize, lengthSize, source: source)
            source.offsetSize = offsetSize
            source.lengthSize = lengthSize
            try cursor.skip(1 + 2 + 2 + 4)  // reserved, group leaf/internal K, consistency flags
            if version == 1 { try cursor.skip(4) }  // indexed storage internal K, reserved
            cursor = HDF5Cursor(source: source, range: cursor.position..<cursor.end, field: "superblock")
            try cursor.skip(offsetSize * 4)  // base, free-space info, end of file, driver info addresses
            // Root group symbol table entry: link name offset, object header address, cache type, scratch pad.
            _ = try cursor.uint(offsetSize)
            guard let root = try cursor.address() else {
                throw source.corrupt("superblock.root", expected: "a root group address", found: "undefined")
            }
            rootAddress = root
        case 2, 3:
            let offsetSize = Int(try cursor.u8())
            let lengthSize = Int(try cursor.u8())
            try Self.checkSizes(offsetSize, lengthSize, source: source)
            source.offsetSize = offsetSize
            source.lengthSize = lengthSize
            try cursor.skip(1)  // consistency flags
            cursor = HDF5Cursor(source: source, range: cursor.position..<cursor.end, field: "superblock")
            try cursor.skip(offsetSize * 3)  // base, superblock extension, end of file addresses
            guard let root = try cursor.address() else {
                throw source.corrupt("superblock.root", expected: "a root group address", found: "undefined")
            }
            rootAddress = root
        default:
            throw source.unsupported("superblock.version", "superblock version \(version) (0…3 are supported)")
        }
        self.version = version
        self.source = source
    }

    private static func checkSizes(_ offsets: Int, _ lengths: Int, source: HDF5Source) throws(DatasetError) {
        for (name, size) in [("sizeOfOffsets", offsets), ("sizeOfLengths", lengths)] where ![2, 4, 8].contains(size) {
            throw source.corrupt("superblock.\(name)", expected: "2, 4 or 8", found: "\(size)")
        }
    }
}
