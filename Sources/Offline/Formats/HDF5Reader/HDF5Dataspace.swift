/// A dataspace message: the dataset's shape (`[]` for a scalar).
struct HDF5Dataspace {
    /// The current dimensions.
    let shape: [Int]

    /// The largest rank accepted (HDF5's own limit).
    static let maximumRank = 32

    /// Decodes a version 1 or 2 dataspace message; a null dataspace (no elements) is refused.
    init(_ message: HDF5Message, source: HDF5Source, field: String) throws(DatasetError) {
        var cursor = HDF5Cursor(source: source, range: message.body, field: "\(field).dataspace")
        let version = try cursor.u8()
        let rank = Int(try cursor.u8())
        let flags = try cursor.u8()
        guard rank <= Self.maximumRank else {
            throw source.corrupt("\(field).dataspace.rank", expected: "at most \(Self.maximumRank)", found: "\(rank)")
        }
        switch version {
        case 1:
            try cursor.skip(5)
        case 2:
            let kind = try cursor.u8()
            guard kind != 2 else { throw source.unsupported("\(field).dataspace", "a null dataspace") }
            guard kind <= 1 else {
                throw source.corrupt("\(field).dataspace.type", expected: "0 (scalar) or 1 (simple)", found: "\(kind)")
            }
        default:
            throw source.corrupt("\(field).dataspace.version", expected: "1 or 2", found: "\(version)")
        }
        var shape: [Int] = []
        for index in 0..<rank {
            let value = try cursor.uint(source.lengthSize)
            guard let dimension = Int(exactly: value), dimension <= Int(Int32.max) * 1024 else {
                throw source.corrupt(
                    "\(field).dataspace.dims[\(index)]", expected: "a dimension below 2^41", found: "\(value)")
            }
            shape.append(dimension)
        }
        _ = flags  // maximum dimensions (bit 0) follow; the reader does not need them
        self.shape = shape
    }
}
