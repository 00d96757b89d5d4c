import Tensor

/// Assembles a chunked dataset's bytes from its stored chunks: each chunk decoded by the filter pipeline and copied
/// into its place; chunks never written keep the fill value already in the output.
struct HDF5ChunkedData {
    let shape: [Int]
    let chunk: [Int]
    let elementSize: Int
    let pipeline: HDF5FilterPipeline
    let source: HDF5Source
    let field: String

    /// The decoded size of one chunk in bytes (overflow-checked, at most 4 GiB as in libhdf5).
    func chunkBytes() throws(DatasetError) -> Int {
        let bytes: Int
        do {
            bytes =
                try CheckedDecoding.elementCount(
                    chunk, elementSize: elementSize, field: "\(field).layout.chunk", file: source.path)
                * elementSize
        } catch { throw DatasetError(.corrupt, error.description) }
        guard bytes <= Int(UInt32.max) else {
            throw source.corrupt("\(field).layout.chunk", expected: "chunks under 4 GiB", found: "\(chunk)")
        }
        return bytes
    }

    /// Reads every chunk indexed by the version 1 B-tree at `btree` into `output`.
    func readBTree(_ btree: UInt64, into output: inout [UInt8], budget: HDF5Budget) throws(DatasetError) {
        let rank = shape.count
        let size = try chunkBytes()
        var seen: Set<[Int]> = []
        var storedTotal = 0
        try HDF5BTreeV1.walk(
            root: btree, type: 1, keySize: 8 + 8 * (rank + 1), source: source, budget: budget,
            field: "\(field).chunkIndex"
        ) { (key, child) throws(DatasetError) in
            var cursor = HDF5Cursor(source: source, range: key, field: "\(field).chunkIndex.key")
            let stored = try cursor.u32()
            let mask = UInt32(try cursor.u32())
            var offsets: [Int] = []
            for dimension in 0...rank {
                let value = try cursor.uint(8)
                let limit = dimension < rank ? shape[dimension] : 1
                guard value < UInt64(limit), dimension == rank || Int(value) % chunk[dimension] == 0 else {
                    throw source.corrupt(
                        "\(field).chunkIndex.offset[\(dimension)]",
                        expected: dimension < rank ? "a multiple of \(chunk[dimension]) below \(limit)" : "0",
                        found: "\(value)")
                }
                offsets.append(Int(value))
            }
            offsets.removeLast()
            guard seen.insert(offsets).inserted else {
                throw source.corrupt(
                    "\(field).chunkIndex", expected: "each chunk once", found: "chunk \(offsets) twice")
            }
            storedTotal += stored
            guard storedTotal <= source.bytes.count else {
                throw source.corrupt(
                    "\(field).chunkIndex", expected: "chunks that fit in the file together",
                    found: "\(storedTotal) bytes")
            }
            try place(at: child, storedSize: stored, mask: mask, offsets: offsets, chunkSize: size, into: &output)
        }
    }

    /// Decodes the chunk stored at `address` and copies it to `offsets` in `output`.
    func place(
        at address: UInt64, storedSize: Int, mask: UInt32, offsets: [Int], chunkSize: Int, into output: inout [UInt8]
    ) throws(DatasetError) {
        let name = "\(field).chunk\(offsets)"
        let range = try source.range(address: address, length: storedSize, field: name)
        let data = try pipeline.decode(
            source.bytes[range], mask: mask, size: chunkSize, elementSize: elementSize, source: source, field: name)
        copy(data, offsets: offsets, into: &output)
    }

    /// Copies the part of a decoded chunk that lies inside the dataset, one run along the last dimension at a time.
    private func copy(_ data: [UInt8], offsets: [Int], into output: inout [UInt8]) {
        let rank = shape.count
        guard rank > 0 else { return }
        let extents = (0..<rank).map { min(chunk[$0], shape[$0] - offsets[$0]) }
        guard extents.allSatisfy({ $0 > 0 }) else { return }
        let run = extents[rank - 1] * elementSize
        var index = [Int](repeating: 0, count: rank)
        while true {
            var source = 0
            var target = 0
            for dimension in 0..<rank {
                source = source * chunk[dimension] + index[dimension]
                target = target * shape[dimension] + offsets[dimension] + index[dimension]
            }
            let from = source * elementSize
            let to = target * elementSize
            output.withUnsafeMutableBytes { out in
                data.withUnsafeBytes { input in
                    guard let target = out.baseAddress, let origin = input.baseAddress else { return }
                    (target + to).copyMemory(from: origin + from, byteCount: run)
                }
            }
            var dimension = rank - 2
            while dimension >= 0 {
                index[dimension] += 1
                if index[dimension] < extents[dimension] { break }
                index[dimension] = 0
                dimension -= 1
            }
            if dimension < 0 { return }
        }
    }
}
