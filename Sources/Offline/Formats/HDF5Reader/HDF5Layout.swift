/// Where a dataset's elements are stored (data layout message, versions 1–4).
enum HDF5Layout {
    /// Inside the object header.
    case compact(Range<Int>)
    /// One block (`nil` address: never written, read as the fill value).
    case contiguous(address: UInt64?, size: Int)
    /// Chunks indexed by a version 1 B-tree (`nil` address: no chunk written yet). `chunk` excludes the trailing
    /// element-size dimension.
    case chunked(btree: UInt64?, chunk: [Int])
    /// Version 4's single-chunk index: the whole dataset is one chunk.
    case singleChunk(address: UInt64?, storedSize: Int?, filterMask: UInt32, chunk: [Int])

    /// Decodes a layout message for a dataset of rank `rank`.
    init(_ message: HDF5Message, rank: Int, source: HDF5Source, field: String) throws(DatasetError) {
        var cursor = HDF5Cursor(source: source, range: message.body, field: "\(field).layout")
        let version = try cursor.u8()
        switch version {
        case 1, 2:
            let dimensionality = Int(try cursor.u8())
            let layoutClass = try cursor.u8()
            try cursor.skip(5)
            let address = layoutClass == 0 ? nil : try cursor.address()
            var dimensions: [Int] = []
            for _ in 0..<dimensionality { dimensions.append(try cursor.u32()) }
            switch layoutClass {
            case 0:
                let size = try cursor.u32()
                self = .compact(try Self.compactRange(&cursor, size: size))
            case 1:
                self = .contiguous(address: address, size: -1)
            case 2:
                self = .chunked(
                    btree: address, chunk: try Self.chunk(dimensions, rank: rank, source: source, field: field))
            default:
                throw source.corrupt("\(field).layout.class", expected: "0, 1 or 2", found: "\(layoutClass)")
            }
        case 3, 4:
            let layoutClass = try cursor.u8()
            switch layoutClass {
            case 0:
                let size = try cursor.u16()
                self = .compact(try Self.compactRange(&cursor, size: size))
            case 1:
                let address = try cursor.address()
                self = .contiguous(address: address, size: try cursor.length(maximum: Int.max, name: "size"))
            case 2 where version == 3:
                let dimensionality = Int(try cursor.u8())
                let address = try cursor.address()
                var dimensions: [Int] = []
                for _ in 0..<dimensionality { dimensions.append(try cursor.u32()) }
                self = .chunked(
                    btree: address, chunk: try Self.chunk(dimensions, rank: rank, source: source, field: field))
            case 2:
                let flags = try cursor.u8()
                let dimensionality = Int(try cursor.u8())
                let width = Int(try cursor.u8())
                guard (1...8).contains(width) else {
                    throw source.corrupt("\(field).layout.dimensionWidth", expected: "1…8 bytes", found: "\(width)")
                }
                var dimensions: [Int] = []
                for _ in 0..<dimensionality {
                    let value = try cursor.uint(width)
                    guard value <= UInt64(UInt32.max) else {
                        throw source.corrupt(
                            "\(field).layout.chunk", expected: "a chunk dimension below 2^32", found: "\(value)")
                    }
                    dimensions.append(Int(value))
                }
                let chunk = try Self.chunk(dimensions, rank: rank, source: source, field: field)
                let index = try cursor.u8()
                guard index == 1 else {
                    let names = [
                        2: "the implicit chunk index", 3: "the fixed-array chunk index",
                        4: "the extensible-array chunk index", 5: "the version 2 B-tree chunk index",
                    ]
                    throw source.unsupported(
                        "\(field).layout", (names[Int(index)] ?? "chunk index \(index)") + " (libver=\"latest\")")
                }
                var storedSize: Int?
                var mask: UInt32 = 0
                if flags & 0x02 != 0 {
                    storedSize = try cursor.length(name: "filteredSize")
                    mask = UInt32(try cursor.u32())
                }
                self = .singleChunk(
                    address: try cursor.address(), storedSize: storedSize, filterMask: mask, chunk: chunk)
            case 3:
                throw source.unsupported("\(field).layout", "a virtual dataset")
            default:
                throw source.corrupt("\(field).layout.class", expected: "0, 1, 2 or 3", found: "\(layoutClass)")
            }
        case 5:
            throw source.unsupported("\(field).layout", "data layout version 5 (HDF5 2.0 with libver=\"latest\")")
        default:
            throw source.corrupt("\(field).layout.version", expected: "1…4", found: "\(version)")
        }
    }

    private static func compactRange(_ cursor: inout HDF5Cursor, size: Int) throws(DatasetError) -> Range<Int> {
        let start = cursor.position
        _ = try cursor.bytes(size)
        return start..<start + size
    }

    /// The chunk shape: `dimensions` minus the trailing element-size entry, each at least 1.
    private static func chunk(
        _ dimensions: [Int], rank: Int, source: HDF5Source, field: String
    ) throws(DatasetError) -> [Int] {
        guard dimensions.count == rank + 1 else {
            throw source.corrupt(
                "\(field).layout.dimensionality", expected: "\(rank + 1) (the dataset's rank + 1)",
                found: "\(dimensions.count)")
        }
        let chunk = Array(dimensions.dropLast())
        guard chunk.allSatisfy({ $0 >= 1 }) else {
            throw source.corrupt("\(field).layout.chunk", expected: "chunk dimensions of at least 1", found: "\(chunk)")
        }
        return chunk
    }
}
