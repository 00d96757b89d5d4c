/// One header message: its type and where its body lies in the file.
struct HDF5Message {
    /// The message type (1 dataspace, 3 datatype, 8 layout, 0x11 symbol table, …).
    let type: Int
    /// The message flags (bit 1: shared, stored elsewhere).
    let flags: UInt8
    /// The body's absolute byte range.
    let body: Range<Int>

    static let dataspace = 0x01, linkInfo = 0x02, datatype = 0x03, oldFillValue = 0x04, fillValue = 0x05
    static let link = 0x06, layout = 0x08, filterPipeline = 0x0B, continuation = 0x10, symbolTable = 0x11
}

/// An object header (version 1, or version 2 with its `OHDR` signature) and its continuation blocks, flattened to
/// a message list.
struct HDF5ObjectHeader {
    /// Every message in every block, in order.
    let messages: [HDF5Message]

    /// The most continuation blocks one header may chain (libhdf5 writes a handful).
    static let maximumBlocks = 4_096

    /// Decodes the header at stored address `address`, following continuation messages; each block address is
    /// visited once, so a cyclic chain ends in an error.
    init(at address: UInt64, source: HDF5Source, budget: HDF5Budget, field: String) throws(DatasetError) {
        var probe = try source.cursor(at: address, field: "\(field).objectHeader")
        var isVersion2 = false
        if probe.remaining >= 4 { isVersion2 = Array(try probe.bytes(4)) == Array("OHDR".utf8) }
        var messages: [HDF5Message] = []
        var pending: [(address: UInt64, length: Int)] = []
        var visited: Set<UInt64> = [address]
        var cursor = try source.cursor(at: address, field: "\(field).objectHeader")
        if isVersion2 {
            try cursor.skip(4)
            let version = try cursor.u8()
            guard version == 2 else {
                throw source.corrupt("\(field).objectHeader.version", expected: "2 after OHDR", found: "\(version)")
            }
            let flags = try cursor.u8()
            if flags & 0x20 != 0 { try cursor.skip(16) }  // access, modification, change, birth times
            if flags & 0x10 != 0 { try cursor.skip(4) }  // attribute phase change values
            let size = Int(clamping: try cursor.uint(1 << Int(flags & 0x03)))
            var block = try Self.slice(cursor, length: size, source: source, field: field)
            try Self.readVersion2(&block, flags: flags, into: &messages, pending: &pending, budget: budget)
            while let next = pending.popLast() {
                try Self.visit(next.address, &visited, source: source, field: field)
                var block = try source.cursor(at: next.address, length: next.length, field: "\(field).continuation")
                try block.expectSignature("OCHK")
                guard block.remaining >= 4 else {
                    throw source.corrupt("\(field).continuation", expected: "room for a checksum", found: "no room")
                }
                block = HDF5Cursor(source: source, range: block.position..<block.end - 4, field: block.field)
                try Self.readVersion2(&block, flags: flags, into: &messages, pending: &pending, budget: budget)
            }
        } else {
            let version = try cursor.u8()
            guard version == 1 else {
                throw source.corrupt(
                    "\(field).objectHeader.version", expected: "1 or an OHDR signature", found: "\(version)")
            }
            try cursor.skip(1 + 2 + 4)  // reserved, message count, reference count
            let size = try cursor.u32()
            try cursor.skip(4)  // padding to 8 bytes
            var block = try Self.slice(cursor, length: size, source: source, field: field)
            try Self.readVersion1(&block, into: &messages, pending: &pending, budget: budget)
            while let next = pending.popLast() {
                try Self.visit(next.address, &visited, source: source, field: field)
                var block = try source.cursor(at: next.address, length: next.length, field: "\(field).continuation")
                try Self.readVersion1(&block, into: &messages, pending: &pending, budget: budget)
            }
        }
        self.messages = messages
    }

    /// The messages of one type.
    func all(_ type: Int) -> [HDF5Message] { messages.filter { $0.type == type } }

    /// The first message of one type, refusing shared (committed) messages.
    func first(_ type: Int, source: HDF5Source, field: String) throws(DatasetError) -> HDF5Message? {
        guard let message = messages.first(where: { $0.type == type }) else { return nil }
        if message.flags & 0x02 != 0 { throw source.unsupported(field, "a shared (committed) header message") }
        return message
    }

    private static func slice(
        _ cursor: HDF5Cursor, length: Int, source: HDF5Source, field: String
    ) throws(DatasetError) -> HDF5Cursor {
        guard length >= 0, length <= cursor.remaining else {
            throw source.corrupt(
                "\(field).objectHeader.size", expected: "at most \(cursor.remaining) bytes (the rest of the file)",
                found: "\(length)")
        }
        return HDF5Cursor(
            source: source, range: cursor.position..<cursor.position + length, field: "\(field).objectHeader")
    }

    private static func visit(
        _ address: UInt64, _ visited: inout Set<UInt64>, source: HDF5Source, field: String
    ) throws(DatasetError) {
        guard visited.count < maximumBlocks else {
            throw source.corrupt("\(field).continuation", expected: "at most \(maximumBlocks) blocks", found: "more")
        }
        guard visited.insert(address).inserted else {
            throw source.corrupt(
                "\(field).continuation", expected: "each header block once", found: "a cycle back to \(address)")
        }
    }

    private static func continuation(
        _ body: Range<Int>, source: HDF5Source, field: String
    ) throws(DatasetError) -> (address: UInt64, length: Int) {
        var cursor = HDF5Cursor(source: source, range: body, field: "\(field).continuation")
        guard let address = try cursor.address() else {
            throw source.corrupt("\(field).continuation", expected: "a block address", found: "undefined")
        }
        return (address, try cursor.length(name: "length"))
    }

    private static func readVersion1(
        _ block: inout HDF5Cursor, into messages: inout [HDF5Message], pending: inout [(address: UInt64, length: Int)],
        budget: HDF5Budget
    ) throws(DatasetError) {
        let source = block.source
        while block.remaining >= 8 {
            try budget.spend(field: block.field, source: source)
            let type = try block.u16()
            let size = try block.u16()
            let flags = try block.u8()
            try block.skip(3)
            guard size <= block.remaining else {
                throw source.corrupt(
                    "\(block.field).message", expected: "a size within the header (\(block.remaining) bytes)",
                    found: "\(size)")
            }
            let body = block.position..<block.position + size
            try block.skip(size)
            if type == HDF5Message.continuation {
                pending.append(try continuation(body, source: source, field: block.field))
            } else {
                messages.append(HDF5Message(type: type, flags: flags, body: body))
            }
        }
    }

    private static func readVersion2(
        _ block: inout HDF5Cursor, flags headerFlags: UInt8, into messages: inout [HDF5Message],
        pending: inout [(address: UInt64, length: Int)], budget: HDF5Budget
    ) throws(DatasetError) {
        let source = block.source
        let headerSize = headerFlags & 0x04 != 0 ? 6 : 4
        while block.remaining >= headerSize {
            try budget.spend(field: block.field, source: source)
            let type = Int(try block.u8())
            let size = try block.u16()
            let flags = try block.u8()
            if headerFlags & 0x04 != 0 { try block.skip(2) }  // creation order
            guard size <= block.remaining else {
                throw source.corrupt(
                    "\(block.field).message", expected: "a size within the header (\(block.remaining) bytes)",
                    found: "\(size)")
            }
            let body = block.position..<block.position + size
            try block.skip(size)
            if type == HDF5Message.continuation {
                pending.append(try continuation(body, source: source, field: block.field))
            } else {
                messages.append(HDF5Message(type: type, flags: flags, body: body))
            }
        }
    }
}
