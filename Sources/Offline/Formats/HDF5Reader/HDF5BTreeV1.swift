/// Version 1 B-trees (`TREE` nodes): type 0 indexes a symbol-table group's nodes, type 1 a dataset's chunks.
enum HDF5BTreeV1 {
    /// The deepest tree accepted (libhdf5 trees over any real file are a few levels deep).
    static let maximumLevel = 64

    /// Calls `visit` with each leaf entry's key range and child address, walking every node once: a node reached
    /// twice (a cycle or a shared subtree), a level that does not decrease, or a node of another type is an error.
    static func walk(
        root: UInt64, type: Int, keySize: Int, source: HDF5Source, budget: HDF5Budget, field: String,
        visit: (_ key: Range<Int>, _ child: UInt64) throws(DatasetError) -> Void
    ) throws(DatasetError) {
        var visited: Set<UInt64> = []
        var stack: [(address: UInt64, level: Int?)] = [(root, nil)]
        while let (address, expectedLevel) = stack.popLast() {
            guard visited.insert(address).inserted else {
                throw source.corrupt(field, expected: "a tree (each node reached once)", found: "node \(address) twice")
            }
            try budget.spend(field: field, source: source)
            var cursor = try source.cursor(at: address, field: field)
            try cursor.expectSignature("TREE")
            let nodeType = Int(try cursor.u8())
            let level = Int(try cursor.u8())
            let entries = try cursor.u16()
            guard nodeType == type else {
                throw source.corrupt("\(field).nodeType", expected: "\(type)", found: "\(nodeType)")
            }
            guard level <= maximumLevel, expectedLevel == nil || level == expectedLevel else {
                throw source.corrupt(
                    "\(field).level", expected: expectedLevel.map { "\($0) (one below its parent)" } ?? "at most 64",
                    found: "\(level)")
            }
            try cursor.skip(2 * source.offsetSize)  // siblings
            let entrySize = keySize + source.offsetSize
            guard entries <= cursor.remaining / max(entrySize, 1) else {
                throw source.corrupt(
                    "\(field).entriesUsed", expected: "entries that fit in the file", found: "\(entries)")
            }
            try budget.spend(entries, field: field, source: source)
            var children: [UInt64] = []
            for _ in 0..<entries {
                let key = cursor.position..<cursor.position + keySize
                try cursor.skip(keySize)
                guard let child = try cursor.address() else {
                    throw source.corrupt("\(field).child", expected: "a child address", found: "undefined")
                }
                if level == 0 { try visit(key, child) } else { children.append(child) }
            }
            for child in children.reversed() { stack.append((child, level - 1)) }
        }
    }
}
