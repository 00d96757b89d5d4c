import Foundation
import Tensor

/// A pure-Swift, read-only HDF5 reader for the files Minari, D4RL and h5py write with default settings.
///
/// Supports superblocks 0–3, object headers 1 and 2, symbol-table and compact link groups, compact / contiguous /
/// chunked (version 1 B-tree index, deflate + shuffle + Fletcher-32) layouts, and numeric element types
/// (integers up to 8 bytes, IEEE floats of 2, 4, 8 bytes, enums such as h5py's booleans) converted to `Float`.
/// Every offset and size read from the file is checked against the file, so a damaged file gives a
/// ``DatasetError`` naming the file and the field, never a trap or a hang.
final class HDF5Reader {
    /// The file's bytes and address sizes.
    let source: HDF5Source
    /// The superblock version (0…3).
    let superblockVersion: Int
    private let root: UInt64
    private let budget: HDF5Budget
    private var groupCache: [UInt64: [(name: String, address: UInt64)]] = [:]

    /// The longest object path accepted (`a/b/c` has 3 parts).
    static let maximumPathDepth = 32

    /// Reads the file at `path` into memory and decodes its superblock.
    /// - Throws: ``DatasetError`` `.io` when it cannot be read, `.corrupt` when it is not HDF5.
    convenience init(path: String) throws(DatasetError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw DatasetError(.io, "\(path): no such file")
        }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw DatasetError(.io, "\(path): cannot read (\(error.localizedDescription))")
        }
        try self.init(bytes: [UInt8](data), path: path)
    }

    /// Decodes `bytes` (named `path` in errors).
    init(bytes: [UInt8], path: String) throws(DatasetError) {
        let superblock = try HDF5Superblock(bytes: bytes, path: path)
        source = superblock.source
        superblockVersion = superblock.version
        root = superblock.rootAddress
        budget = HDF5Budget(fileSize: bytes.count)
    }

    /// The file's path.
    var path: String { source.path }

    /// Whether an object `name` (a path such as `episode_0/actions`) exists.
    /// - Throws: ``DatasetError`` when a group on the way is damaged.
    func exists(_ name: String) throws(DatasetError) -> Bool {
        budget.reset()
        return try resolve(name) != nil
    }

    /// The member names of group `group` (`"/"` for the root), in the file's order.
    /// - Throws: ``DatasetError`` when the group is missing or damaged.
    func children(of group: String) throws(DatasetError) -> [String] {
        budget.reset()
        guard let address = try resolve(group) else {
            throw DatasetError(.missingKey, "\(path): no group `\(group)`")
        }
        return try members(of: address, field: group).map(\.name)
    }

    /// Reads dataset `name` as `Float` values (integers, booleans, float16/64 converted) with its shape.
    /// - Throws: ``DatasetError`` `.missingKey` when absent, `.unsupported` for element types or storage the reader
    ///   does not handle, `.corrupt` for damaged structures.
    func readFloats(_ name: String) throws(DatasetError) -> (values: [Float], shape: [Int]) {
        budget.reset()
        guard let address = try resolve(name) else {
            throw DatasetError(.missingKey, "\(path): no dataset `\(name)`")
        }
        let header = try HDF5ObjectHeader(at: address, source: source, budget: budget, field: name)
        guard let spaceMessage = try header.first(HDF5Message.dataspace, source: source, field: name),
            let typeMessage = try header.first(HDF5Message.datatype, source: source, field: name),
            let layoutMessage = try header.first(HDF5Message.layout, source: source, field: name)
        else {
            throw DatasetError(.corrupt, "\(path): `\(name)` is not a dataset (no dataspace, datatype or layout)")
        }
        let shape = try HDF5Dataspace(spaceMessage, source: source, field: name).shape
        let type = try HDF5Datatype(typeMessage, source: source, field: name)
        let layout = try HDF5Layout(layoutMessage, rank: shape.count, source: source, field: name)
        let count = try elementCount(shape, elementSize: type.size, field: name)
        let byteCount = count * type.size
        if count == 0 { return ([], shape) }
        let fill = try HDF5FillValue.bytes(header, elementSize: type.size, source: source, field: name)
        let output: [UInt8]
        switch layout {
        case .compact(let range):
            guard range.count >= byteCount else {
                throw source.corrupt("\(name).layout.compact", expected: "\(byteCount) bytes", found: "\(range.count)")
            }
            output = Array(source.bytes[range.lowerBound..<range.lowerBound + byteCount])
        case .contiguous(let address, let size):
            guard let address else {
                output = Self.filled(count: count, byteCount: byteCount, fill: fill)
                break
            }
            guard size < 0 || size >= byteCount else {
                throw source.corrupt("\(name).layout.size", expected: "at least \(byteCount) bytes", found: "\(size)")
            }
            output = Array(source.bytes[try source.range(address: address, length: byteCount, field: "\(name).data")])
        case .chunked(let btree, let chunk):
            let data = try chunked(shape: shape, chunk: chunk, type: type, header: header, name: name)
            var filled = Self.filled(count: count, byteCount: byteCount, fill: fill)
            if let btree { try data.readBTree(btree, into: &filled, budget: budget) }
            output = filled
        case .singleChunk(let address, let storedSize, let mask, let chunk):
            let data = try chunked(shape: shape, chunk: chunk, type: type, header: header, name: name)
            var filled = Self.filled(count: count, byteCount: byteCount, fill: fill)
            if let address {
                let size = try data.chunkBytes()
                try data.place(
                    at: address, storedSize: storedSize ?? size, mask: mask, offsets: shape.map { _ in 0 },
                    chunkSize: size, into: &filled)
            }
            output = filled
        }
        return (type.floats(output, count: count), shape)
    }

    /// `count` copies of the fill value (zeros when it is undefined).
    private static func filled(count: Int, byteCount: Int, fill: [UInt8]?) -> [UInt8] {
        guard let fill else { return [UInt8](repeating: 0, count: byteCount) }
        var output = [UInt8]()
        output.reserveCapacity(byteCount)
        for _ in 0..<count { output.append(contentsOf: fill) }
        return output
    }

    private func chunked(
        shape: [Int], chunk: [Int], type: HDF5Datatype, header: HDF5ObjectHeader, name: String
    ) throws(DatasetError) -> HDF5ChunkedData {
        guard !shape.isEmpty else {
            throw source.corrupt(
                "\(name).layout", expected: "contiguous or compact storage for a scalar", found: "chunks")
        }
        let pipeline =
            try header.first(HDF5Message.filterPipeline, source: source, field: name)
            .map { message throws(DatasetError) in try HDF5FilterPipeline(message, source: source, field: name) }
            ?? HDF5FilterPipeline()
        return HDF5ChunkedData(
            shape: shape, chunk: chunk, elementSize: type.size, pipeline: pipeline, source: source, field: name)
    }

    /// The element count, refusing shapes whose bytes overflow or exceed what the file could hold even compressed
    /// (deflate expands at most ~1032×), so a damaged dataspace cannot force a huge allocation.
    private func elementCount(_ shape: [Int], elementSize: Int, field: String) throws(DatasetError) -> Int {
        let count: Int
        do {
            count = try CheckedDecoding.elementCount(
                shape, elementSize: elementSize, field: "\(field).shape", file: path)
        } catch { throw DatasetError(.corrupt, error.description) }
        // Every partial product must fit too (callers multiply trailing dimensions of empty datasets).
        do {
            _ = try CheckedDecoding.elementCount(
                shape.map { max($0, 1) }, elementSize: elementSize, field: "\(field).shape", file: path)
        } catch { throw DatasetError(.corrupt, error.description) }
        let limit = source.bytes.count.multipliedReportingOverflow(by: 1_100)
        guard limit.overflow || count * elementSize <= limit.partialValue + (1 << 20) else {
            throw DatasetError(
                .corrupt,
                "\(path): dataset `\(field)` declares shape \(shape) (\(count) values), more than a file of "
                    + "\(source.bytes.count) bytes can hold; the file is damaged")
        }
        return count
    }

    /// The object header address of `name`, or `nil` when some part of the path is missing.
    func resolve(_ name: String) throws(DatasetError) -> UInt64? {
        let parts = name.split(separator: "/", omittingEmptySubsequences: true)
        guard parts.count <= Self.maximumPathDepth else {
            throw DatasetError(
                .invalidArgument, "\(path): object path `\(name)` is deeper than \(Self.maximumPathDepth)")
        }
        var address = root
        var walked = ""
        for part in parts {
            let members = try members(of: address, field: walked.isEmpty ? "/" : walked)
            guard let next = members.first(where: { $0.name == part }) else { return nil }
            address = next.address
            walked += (walked.isEmpty ? "" : "/") + part
        }
        return address
    }

    private func members(of address: UInt64, field: String) throws(DatasetError) -> [(name: String, address: UInt64)] {
        if let cached = groupCache[address] { return cached }
        let header = try HDF5ObjectHeader(at: address, source: source, budget: budget, field: field)
        let members = try HDF5Group.members(header, source: source, budget: budget, field: field)
        groupCache[address] = members
        return members
    }
}
