/// The fill value read for storage that was never written (fill value messages 4 and 5); zero when undefined.
enum HDF5FillValue {
    /// The fill value's bytes when the header defines one of `elementSize` bytes, else `nil` (zeros).
    static func bytes(
        _ header: HDF5ObjectHeader, elementSize: Int, source: HDF5Source, field: String
    ) throws(DatasetError) -> [UInt8]? {
        let name = "\(field).fillValue"
        var value: ArraySlice<UInt8>?
        if let message = try header.first(HDF5Message.fillValue, source: source, field: name) {
            var cursor = HDF5Cursor(source: source, range: message.body, field: name)
            let version = try cursor.u8()
            switch version {
            case 1, 2:
                try cursor.skip(2)  // allocation and write times
                let defined = try cursor.u8()
                if version == 1 || defined != 0 {
                    let size = try cursor.u32()
                    value = try cursor.bytes(size)
                }
            case 3:
                let flags = try cursor.u8()
                if flags & 0x20 != 0 {
                    let size = try cursor.u32()
                    value = try cursor.bytes(size)
                }
            default:
                throw source.corrupt("\(name).version", expected: "1, 2 or 3", found: "\(version)")
            }
        } else if let message = try header.first(HDF5Message.oldFillValue, source: source, field: name) {
            var cursor = HDF5Cursor(source: source, range: message.body, field: name)
            let size = try cursor.u32()
            value = try cursor.bytes(size)
        }
        guard let value, !value.isEmpty else { return nil }
        guard value.count == elementSize else {
            throw source.corrupt(name, expected: "\(elementSize) bytes (one element)", found: "\(value.count) bytes")
        }
        return Array(value)
    }
}
