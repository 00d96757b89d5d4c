import Foundation
import Tensor

/// One NumPy `.npy` array: shape, element type and little-endian bytes (C order).
public struct NPYArray: Sendable, Equatable {
    /// Element types SwiftRL reads and writes.
    public enum ElementType: String, Sendable, CaseIterable {
        case float32 = "<f4"
        case float64 = "<f8"
        case int64 = "<i8"
        case int32 = "<i4"
        case uint8 = "|u1"
        case bool = "|b1"

        /// Bytes per element.
        public var size: Int {
            switch self {
            case .float32, .int32: 4
            case .float64, .int64: 8
            case .uint8, .bool: 1
            }
        }
    }

    /// The shape (empty for a scalar).
    public var shape: [Int]
    /// The element type.
    public var elementType: ElementType
    /// `shape.product × elementType.size` little-endian bytes.
    public var bytes: [UInt8]

    /// The number of elements.
    public var count: Int { shape.reduce(1, *) }

    /// A `float32` array.
    public init(_ values: [Float], shape: [Int]) {
        self.shape = shape
        elementType = .float32
        bytes = values.withUnsafeBytes { Array($0) }
    }

    /// A `bool` array.
    public init(_ values: [Bool], shape: [Int]) {
        self.shape = shape
        elementType = .bool
        bytes = values.map { $0 ? 1 : 0 }
    }

    /// An array from raw parts.
    public init(shape: [Int], elementType: ElementType, bytes: [UInt8]) {
        self.shape = shape
        self.elementType = elementType
        self.bytes = bytes
    }

    /// The values as `Float` (numbers are converted; booleans become 0/1).
    public func floats() -> [Float] {
        bytes.withUnsafeBytes { raw in
            switch elementType {
            case .float32: (0..<count).map { raw.loadUnaligned(fromByteOffset: $0 * 4, as: Float.self) }
            case .float64: (0..<count).map { Float(raw.loadUnaligned(fromByteOffset: $0 * 8, as: Double.self)) }
            case .int64: (0..<count).map { Float(raw.loadUnaligned(fromByteOffset: $0 * 8, as: Int64.self)) }
            case .int32: (0..<count).map { Float(raw.loadUnaligned(fromByteOffset: $0 * 4, as: Int32.self)) }
            case .uint8, .bool: bytes.map { Float($0) }
            }
        }
    }

    /// The values as booleans (non-zero is true).
    public func bools() -> [Bool] { floats().map { $0 != 0 } }

    /// Parses one `.npy` file (format versions 1–3).
    /// - Throws: ``DatasetError`` for a bad magic string, header, element type, Fortran order or short data.
    public static func parse(_ data: [UInt8], name: String = "array") throws(DatasetError) -> NPYArray {
        let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]
        guard data.count >= 10, Array(data[0..<6]) == magic else {
            throw DatasetError(.corrupt, "\(name): not a .npy array (bad magic bytes)")
        }
        let major = data[6]
        let headerLength: Int
        let headerStart: Int
        if major == 1 {
            headerLength = Int(data[8]) | Int(data[9]) << 8
            headerStart = 10
        } else {
            guard data.count >= 12 else { throw DatasetError(.corrupt, "\(name): truncated .npy header") }
            headerLength = (0..<4).reduce(0) { $0 | Int(data[8 + $1]) << (8 * $1) }
            headerStart = 12
        }
        guard headerStart + headerLength <= data.count else {
            throw DatasetError(.corrupt, "\(name): truncated .npy header")
        }
        let header = String(decoding: data[headerStart..<headerStart + headerLength], as: UTF8.self)
        guard let descr = field("descr", in: header)?.trimmingCharacters(in: CharacterSet(charactersIn: "'\" ")),
            let type = ElementType(rawValue: descr == "<b1" ? "|b1" : descr == "<u1" ? "|u1" : descr)
        else {
            throw DatasetError(
                .unsupported,
                "\(name): element type in `\(header)` is not supported; convert to one of "
                    + ElementType.allCases.map(\.rawValue).joined(separator: ", "))
        }
        guard let shapeText = shapeField(in: header) else {
            throw DatasetError(.corrupt, "\(name): no shape in `\(header)`")
        }
        let shape = shapeText.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        if header.contains("'fortran_order': True"), shape.count > 1 {
            throw DatasetError(
                .unsupported, "\(name): Fortran-ordered arrays are not supported; save with np.ascontiguousarray")
        }
        let expected: Int
        do {
            expected = try CheckedDecoding.elementCount(shape, elementSize: type.size, field: "shape", file: name)
                * type.size
        } catch {
            throw DatasetError(.corrupt, error.description)
        }
        let start = headerStart + headerLength
        guard data.count - start >= expected else {
            throw DatasetError(
                .corrupt, "\(name): shape \(shape) needs \(expected) bytes but only \(data.count - start) are present")
        }
        return NPYArray(shape: shape, elementType: type, bytes: Array(data[start..<start + expected]))
    }

    /// The `.npy` file (version 1.0, header padded to a multiple of 64 bytes).
    public func serialized() -> [UInt8] {
        let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        var header = "{'descr': '\(elementType.rawValue)', 'fortran_order': False, 'shape': \(shapeText), }"
        let unpadded = 10 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        let length = header.utf8.count
        return [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0, UInt8(length & 0xFF), UInt8(length >> 8)]
            + Array(header.utf8) + bytes
    }

    private static func field(_ key: String, in header: String) -> String? {
        guard let keyRange = header.range(of: "'\(key)':") else { return nil }
        let rest = header[keyRange.upperBound...]
        guard let end = rest.firstIndex(of: ",") else { return nil }
        return String(rest[..<end])
    }

    private static func shapeField(in header: String) -> String? {
        guard let keyRange = header.range(of: "'shape':"),
            let open = header[keyRange.upperBound...].firstIndex(of: "("),
            let close = header[open...].firstIndex(of: ")")
        else { return nil }
        return String(header[header.index(after: open)..<close])
    }
}
