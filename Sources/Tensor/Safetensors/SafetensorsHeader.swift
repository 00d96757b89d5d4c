import Foundation

/// Parsing and writing of the safetensors header, with every check the reference reader makes.
enum SafetensorsHeader {
    /// The reference implementation's header size limit.
    static let maximumHeaderSize: UInt64 = 100_000_000
    static let metadataKey = "__metadata__"

    static func parse(_ data: Data) throws(SafetensorsError) -> SafetensorsArchive {
        let start = data.startIndex  // `data` may be a slice; all offsets below are relative to its start
        guard data.count >= 8 else { throw SafetensorsError(.truncatedHeader(byteCount: data.count)) }
        let declared = (0..<8).reduce(UInt64(0)) { $0 | UInt64(data[start + $1]) << (8 * UInt64($1)) }
        let available = data.count - 8
        guard declared <= UInt64(available), declared <= maximumHeaderSize else {
            throw SafetensorsError(.headerTooLarge(declared: declared, available: available))
        }
        let headerEnd = 8 + Int(declared)
        let object = try jsonObject(data.subdata(in: (start + 8)..<(start + headerEnd)))
        var metadata: [String: String] = [:]
        var ranges: [(name: String, begin: Int, end: Int)] = []
        var described: [(name: String, dtype: SafetensorsDType, shape: [Int])] = []
        for (name, value) in object {
            if name == metadataKey {
                guard let pairs = value as? [String: Any] else {
                    throw SafetensorsError(.invalidHeader("`__metadata__` must be an object of strings"))
                }
                for (key, item) in pairs {
                    guard let text = item as? String else {
                        throw SafetensorsError(.invalidHeader("metadata value for `\(key)` is not a string"))
                    }
                    metadata[key] = text
                }
                continue
            }
            let info = try tensorInfo(name: name, value: value)
            described.append((name, info.dtype, info.shape))
            ranges.append((name, info.begin, info.end))
        }
        let dataSize = data.count - headerEnd
        try checkLayout(ranges, dataSize: dataSize)
        var entries: [String: SafetensorsEntry] = [:]
        for (tensor, range) in zip(described, ranges) {
            let slice = data.subdata(in: (start + headerEnd + range.begin)..<(start + headerEnd + range.end))
            entries[tensor.name] = try SafetensorsEntry(
                dtype: tensor.dtype, shape: tensor.shape, data: slice, name: tensor.name)
        }
        return SafetensorsArchive(entries: entries, metadata: metadata)
    }

    private static func jsonObject(_ header: Data) throws(SafetensorsError) -> [String: Any] {
        guard header.first == UInt8(ascii: "{") else {
            throw SafetensorsError(.invalidHeader("the JSON header does not start with `{`"))
        }
        guard String(data: header, encoding: .utf8) != nil else {
            throw SafetensorsError(.invalidHeader("the header is not valid UTF-8"))
        }
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: header)
        } catch {
            throw SafetensorsError(.invalidHeader("the header is not valid JSON (\(error.localizedDescription))"))
        }
        guard let object = parsed as? [String: Any] else {
            throw SafetensorsError(.invalidHeader("the header is not a JSON object"))
        }
        return object
    }

    private static func tensorInfo(
        name: String, value: Any
    ) throws(SafetensorsError) -> (dtype: SafetensorsDType, shape: [Int], begin: Int, end: Int) {
        guard let fields = value as? [String: Any] else {
            throw SafetensorsError(.invalidHeader("tensor `\(name)` is not an object"))
        }
        guard let dtypeName = fields["dtype"] as? String else {
            throw SafetensorsError(.invalidHeader("tensor `\(name)` has no string `dtype`"))
        }
        guard let dtype = SafetensorsDType(rawValue: dtypeName) else {
            throw SafetensorsError(.unknownDType(tensor: name, dtype: dtypeName))
        }
        guard let shape = integers(fields["shape"]), shape.allSatisfy({ $0 >= 0 }) else {
            throw SafetensorsError(.invalidHeader("tensor `\(name)` has no `shape` array of non-negative integers"))
        }
        guard let offsets = integers(fields["data_offsets"]), offsets.count == 2, offsets[0] >= 0,
            offsets[0] <= offsets[1]
        else {
            throw SafetensorsError(
                .invalidHeader("tensor `\(name)` needs `data_offsets` [begin, end] with 0 ≤ begin ≤ end"))
        }
        return (dtype, shape, offsets[0], offsets[1])
    }

    private static let integerTypeCodes: Set<String> = ["s", "i", "l", "q", "S", "I", "L", "Q"]

    /// A JSON array of integers (rejecting fractions, booleans and strings).
    private static func integers(_ value: Any?) -> [Int]? {
        guard let array = value as? [Any] else { return nil }
        var result: [Int] = []
        for item in array {
            // JSONSerialization gives NSNumber; its type code tells integers ("i", "q", …) from doubles ("d") and
            // booleans ("c"), which `as? Int` would accept.
            guard let number = item as? NSNumber else { return nil }
            let code = String(cString: number.objCType)
            guard integerTypeCodes.contains(code),
                let integer = code.uppercased() == code
                    ? Int(exactly: number.uint64Value) : Int(exactly: number.int64Value)
            else { return nil }
            result.append(integer)
        }
        return result
    }

    /// Ranges must lie inside the data section and tile it exactly (the reference reader's rule).
    private static func checkLayout(
        _ ranges: [(name: String, begin: Int, end: Int)], dataSize: Int
    ) throws(SafetensorsError) {
        for range in ranges where range.end > dataSize {
            throw SafetensorsError(
                .offsetsOutOfRange(tensor: range.name, begin: range.begin, end: range.end, dataSize: dataSize))
        }
        var position = 0
        for range in ranges.sorted(by: { ($0.begin, $0.end, $0.name) < ($1.begin, $1.end, $1.name) }) {
            if range.begin < position {
                throw SafetensorsError(
                    .overlappingOffsets(
                        tensor: range.name,
                        detail: "bytes [\(range.begin), \(range.end)) overlap another tensor ending at \(position)"))
            }
            if range.begin > position {
                throw SafetensorsError(
                    .overlappingOffsets(
                        tensor: range.name,
                        detail: "starts at byte \(range.begin), leaving a gap after byte \(position)"))
            }
            position = range.end
        }
        if position != dataSize {
            throw SafetensorsError(
                .overlappingOffsets(
                    tensor: ranges.max { $0.end < $1.end }?.name ?? "(none)",
                    detail: "tensors end at byte \(position) but the data section has \(dataSize) bytes"))
        }
    }

    static func serialize(_ archive: SafetensorsArchive) -> Data {
        let ordered = archive.entries.sorted { lhs, rhs in
            lhs.value.dtype.layoutRank != rhs.value.dtype.layoutRank
                ? lhs.value.dtype.layoutRank > rhs.value.dtype.layoutRank : lhs.key < rhs.key
        }
        var fields: [String] = []
        if !archive.metadata.isEmpty {
            let pairs = archive.metadata.sorted { $0.key < $1.key }.map { "\(quoted($0.key)):\(quoted($0.value))" }
            fields.append("\(quoted(metadataKey)):{\(pairs.joined(separator: ","))}")
        }
        var offset = 0
        for (name, entry) in ordered {
            let shape = entry.shape.map(String.init).joined(separator: ",")
            let end = offset + entry.data.count
            let description =
                "\"dtype\":\"\(entry.dtype.rawValue)\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(end)]"
            fields.append("\(quoted(name)):{\(description)}")
            offset = end
        }
        var header = Array("{\(fields.joined(separator: ","))}".utf8)
        header += [UInt8](repeating: UInt8(ascii: " "), count: (8 - header.count % 8) % 8)
        var output = Data(capacity: 8 + header.count + offset)
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { output.append(contentsOf: $0) }
        output.append(contentsOf: header)
        for (_, entry) in ordered {
            output.append(entry.data)
        }
        return output
    }

    /// A JSON string literal escaped as serde_json does (quote, backslash, control characters; UTF-8 kept).
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\u{08}": result += "\\b"
            case "\u{0C}": result += "\\f"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
