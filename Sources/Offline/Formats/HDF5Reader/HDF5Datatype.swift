/// The numeric element types the reader converts to `Float`: fixed-point (1…8 bytes, signed or unsigned, either
/// byte order), IEEE floating point (2, 4, 8 bytes, either byte order) and enums over those (h5py's booleans).
struct HDF5Datatype: Equatable {
    /// How stored elements are interpreted.
    enum Kind: Equatable {
        case integer(signed: Bool)
        case float
    }

    let kind: Kind
    /// Bytes per element.
    let size: Int
    /// Whether elements are stored most significant byte first.
    let bigEndian: Bool

    /// Decodes a datatype message (versions 1–5 share the numeric encodings), following an enum to its base type
    /// (one level; nested enums are not produced by h5py and are refused).
    init(_ message: HDF5Message, source: HDF5Source, field: String) throws(DatasetError) {
        var cursor = HDF5Cursor(source: source, range: message.body, field: "\(field).datatype")
        try self.init(&cursor, field: field, depth: 0)
    }

    private init(_ cursor: inout HDF5Cursor, field: String, depth: Int) throws(DatasetError) {
        let source = cursor.source
        let classAndVersion = try cursor.u8()
        let bits = try cursor.uint(3)
        let size = try cursor.u32()
        let typeClass = classAndVersion & 0x0F
        let version = classAndVersion >> 4
        guard (1...5).contains(version) else {
            throw source.corrupt("\(field).datatype.version", expected: "1…5", found: "\(version)")
        }
        switch typeClass {
        case 0:  // fixed-point
            guard (1...8).contains(size) else {
                throw source.unsupported("\(field).datatype", "a \(size)-byte integer (1…8 bytes are supported)")
            }
            kind = .integer(signed: bits & 0x08 != 0)
            bigEndian = bits & 0x01 != 0
            self.size = size
        case 1:  // floating point
            guard [2, 4, 8].contains(size) else {
                throw source.unsupported("\(field).datatype", "a \(size)-byte float (2, 4 and 8 are supported)")
            }
            guard bits & 0x40 == 0 else { throw source.unsupported("\(field).datatype", "VAX float byte order") }
            kind = .float
            bigEndian = bits & 0x01 != 0
            self.size = size
        case 8:  // enum: the base type follows the 8-byte header (h5py stores booleans as an int8 enum)
            guard depth == 0 else { throw source.unsupported("\(field).datatype", "a nested enum") }
            let base = try HDF5Datatype(&cursor, field: field, depth: depth + 1)
            guard base.size == size else {
                throw source.corrupt(
                    "\(field).datatype.size", expected: "the base type's \(base.size) bytes", found: "\(size)")
            }
            self = base
        default:
            let names = [
                2: "a time type", 3: "strings", 4: "a bitfield", 5: "an opaque type", 6: "a compound type",
                7: "references", 9: "variable-length data", 10: "an array type",
            ]
            throw source.unsupported("\(field).datatype", names[Int(typeClass)] ?? "datatype class \(typeClass)")
        }
    }

    /// Converts `count` elements stored from `bytes[offset]` into `Float`s.
    func floats(_ bytes: [UInt8], count: Int) -> [Float] {
        var values = [Float](repeating: 0, count: count)
        let size = size
        let bigEndian = bigEndian
        bytes.withUnsafeBytes { raw in
            values.withUnsafeMutableBufferPointer { out in
                for index in 0..<count {
                    var bits: UInt64 = 0
                    let start = index * size
                    if bigEndian {
                        for byte in 0..<size { bits = bits << 8 | UInt64(raw[start + byte]) }
                    } else {
                        for byte in (0..<size).reversed() { bits = bits << 8 | UInt64(raw[start + byte]) }
                    }
                    out[index] = convert(bits)
                }
            }
        }
        return values
    }

    private func convert(_ bits: UInt64) -> Float {
        switch kind {
        case .float:
            switch size {
            case 2: return Float(Float16Bits.decode(UInt16(truncatingIfNeeded: bits)))
            case 4: return Float(bitPattern: UInt32(truncatingIfNeeded: bits))
            default: return Float(Double(bitPattern: bits))
            }
        case .integer(let signed):
            guard signed, size < 8 else { return signed ? Float(Int64(bitPattern: bits)) : Float(bits) }
            let shift = UInt64(64 - size * 8)
            return Float(Int64(bitPattern: bits << shift) >> Int64(shift))
        }
    }
}

/// IEEE half-precision decoding without relying on the platform's `Float16` (absent on Intel macOS).
enum Float16Bits {
    static func decode(_ bits: UInt16) -> Float {
        let sign: Float = bits & 0x8000 != 0 ? -1 : 1
        let exponent = Int((bits >> 10) & 0x1F)
        let mantissa = Float(bits & 0x3FF)
        switch exponent {
        case 0: return sign * mantissa * 0x1p-24
        case 31: return mantissa == 0 ? sign * .infinity : .nan
        default: return sign * (1 + mantissa / 1024) * Float(sign: .plus, exponent: exponent - 15, significand: 1)
        }
    }
}
