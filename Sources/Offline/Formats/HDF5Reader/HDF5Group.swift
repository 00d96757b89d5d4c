/// The members of a group: a symbol table (version 1 B-tree + local heap + `SNOD` nodes, h5py's default) or link
/// messages in the header (compact "new-style" groups). Dense link storage (a fractal heap) is refused.
enum HDF5Group {
    /// The longest member name accepted.
    static let maximumNameLength = 65_535

    /// The hard-linked members of the group whose header is `header`, as (name, object header address).
    static func members(
        _ header: HDF5ObjectHeader, source: HDF5Source, budget: HDF5Budget, field: String
    ) throws(DatasetError) -> [(name: String, address: UInt64)] {
        if let table = try header.first(HDF5Message.symbolTable, source: source, field: field) {
            var cursor = HDF5Cursor(source: source, range: table.body, field: "\(field).symbolTable")
            let tree = try cursor.address()
            let heap = try cursor.address()
            guard let tree, let heap else {
                throw source.corrupt("\(field).symbolTable", expected: "B-tree and heap addresses", found: "undefined")
            }
            return try symbolTable(tree: tree, heap: heap, source: source, budget: budget, field: field)
        }
        if let info = try header.first(HDF5Message.linkInfo, source: source, field: field) {
            var cursor = HDF5Cursor(source: source, range: info.body, field: "\(field).linkInfo")
            try cursor.skip(1)
            let flags = try cursor.u8()
            if flags & 0x01 != 0 { try cursor.skip(8) }
            if try cursor.address() != nil {
                throw source.unsupported(field, "dense link storage (a fractal heap, for large new-style groups)")
            }
        }
        var members: [(name: String, address: UInt64)] = []
        for message in header.all(HDF5Message.link) {
            try budget.spend(field: field, source: source)
            if let member = try link(message, source: source, field: "\(field).link") { members.append(member) }
        }
        return members
    }

    private static func symbolTable(
        tree: UInt64, heap: UInt64, source: HDF5Source, budget: HDF5Budget, field: String
    ) throws(DatasetError) -> [(name: String, address: UInt64)] {
        var heapCursor = try source.cursor(at: heap, field: "\(field).localHeap")
        try heapCursor.expectSignature("HEAP")
        try heapCursor.skip(4)  // version, reserved
        let dataSize = try heapCursor.length(name: "dataSize")
        _ = try heapCursor.uint(source.lengthSize)  // free list head
        guard let dataAddress = try heapCursor.address() else {
            throw source.corrupt("\(field).localHeap.data", expected: "a data segment address", found: "undefined")
        }
        let heapData = try source.range(address: dataAddress, length: dataSize, field: "\(field).localHeap.data")
        var members: [(name: String, address: UInt64)] = []
        let keySize = source.lengthSize
        try HDF5BTreeV1.walk(
            root: tree, type: 0, keySize: keySize, source: source, budget: budget, field: "\(field).btree"
        ) { (_, node) throws(DatasetError) in
            var cursor = try source.cursor(at: node, field: "\(field).symbolNode")
            try cursor.expectSignature("SNOD")
            try cursor.skip(2)  // version, reserved
            let count = try cursor.u16()
            let entrySize = 2 * source.offsetSize + 24
            guard count <= cursor.remaining / entrySize else {
                throw source.corrupt(
                    "\(field).symbolNode.count", expected: "entries that fit in the file", found: "\(count)")
            }
            try budget.spend(count, field: field, source: source)
            for _ in 0..<count {
                let nameOffset = try cursor.uint(source.offsetSize)
                guard let address = try cursor.address() else {
                    throw source.corrupt("\(field).symbolNode.entry", expected: "an object address", found: "undefined")
                }
                try cursor.skip(24)  // cache type, reserved, scratch pad
                members.append((try heapString(heapData, offset: nameOffset, source: source, field: field), address))
            }
        }
        return members
    }

    /// The NUL-terminated name at `offset` in a local heap's data segment.
    private static func heapString(
        _ data: Range<Int>, offset: UInt64, source: HDF5Source, field: String
    ) throws(DatasetError) -> String {
        guard offset < UInt64(data.count) else {
            throw source.corrupt(
                "\(field).symbolNode.nameOffset", expected: "an offset inside the \(data.count)-byte heap",
                found: "\(offset)")
        }
        let start = data.lowerBound + Int(offset)
        guard let end = source.bytes[start..<data.upperBound].firstIndex(of: 0) else {
            throw source.corrupt("\(field).localHeap", expected: "a NUL-terminated name", found: "no terminator")
        }
        return String(decoding: source.bytes[start..<end], as: UTF8.self)
    }

    /// A link message's name and target when it is a hard link (soft and external links are skipped).
    private static func link(
        _ message: HDF5Message, source: HDF5Source, field: String
    ) throws(DatasetError) -> (name: String, address: UInt64)? {
        var cursor = HDF5Cursor(source: source, range: message.body, field: field)
        let version = try cursor.u8()
        guard version == 1 else { throw source.corrupt("\(field).version", expected: "1", found: "\(version)") }
        let flags = try cursor.u8()
        let type = flags & 0x08 != 0 ? try cursor.u8() : 0
        if flags & 0x04 != 0 { try cursor.skip(8) }  // creation order
        if flags & 0x10 != 0 { try cursor.skip(1) }  // character set
        let length = try cursor.uint(1 << Int(flags & 0x03))
        guard length >= 1, length <= UInt64(min(maximumNameLength, cursor.remaining)) else {
            throw source.corrupt("\(field).nameLength", expected: "1…\(cursor.remaining)", found: "\(length)")
        }
        let name = String(decoding: try cursor.bytes(Int(length)), as: UTF8.self)
        guard type == 0 else { return nil }
        guard let address = try cursor.address() else {
            throw source.corrupt("\(field).address", expected: "an object address", found: "undefined")
        }
        return (name, address)
    }
}
