import Foundation
import Testing
@testable import Tensor

/// A safetensors buffer from a header string and data bytes (the header is used verbatim, unpadded).
func safetensorsBytes(header: String, data: [UInt8], declaredLength: UInt64? = nil) -> Data {
    let headerBytes = Array(header.utf8)
    var bytes = withUnsafeBytes(of: (declaredLength ?? UInt64(headerBytes.count)).littleEndian) { Array($0) }
    bytes += headerBytes + data
    return Data(bytes)
}

/// The kind of error parsing `data` throws, or `nil` if it parses.
func parseErrorKind(_ data: Data) -> SafetensorsError.Kind? {
    do {
        _ = try SafetensorsArchive(data: data)
        return nil
    } catch {
        return error.kind
    }
}

@Suite("Safetensors reader and writer")
struct SafetensorsTests {
    static func sampleArchive() throws -> SafetensorsArchive {
        var archive = SafetensorsArchive(metadata: ["format": "swiftrl", "step": "10"])
        archive["w"] = try SafetensorsEntry(shape: [2, 3], floats: [1, -2, 3.5, 0, 1e-8, -0.0])
        archive["d"] = try SafetensorsEntry(shape: [2], doubles: [.pi, -1e-300])
        archive["i"] = try SafetensorsEntry(shape: [], int64s: [Int64.min])
        archive["b"] = try SafetensorsEntry(shape: [3], floats: [1, -0.5, 3.14], dtype: .bfloat16)
        archive["h"] = try SafetensorsEntry(shape: [1, 1], floats: [0.1], dtype: .float16)
        archive["mask"] = try SafetensorsEntry(dtype: .bool, shape: [2], data: Data([1, 0]))
        archive["empty"] = try SafetensorsEntry(shape: [0, 4], floats: [])
        return archive
    }

    @Test("Serialising and parsing gives back the same archive")
    func roundTrip() throws {
        let archive = try Self.sampleArchive()
        #expect(try SafetensorsArchive(data: archive.serialized()) == archive)
    }

    @Test("A Data slice that does not start at index 0 parses the same")
    func parsesSlices() throws {
        let archive = try Self.sampleArchive()
        let padded = Data([1, 2, 3]) + archive.serialized()
        #expect(try SafetensorsArchive(data: padded.dropFirst(3)) == archive)
    }

    @Test("write(to:) and read(from:) round-trip through a file")
    func fileRoundTrip() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("swiftrl-st-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("nested/model.safetensors")
        let archive = try Self.sampleArchive()
        try archive.write(to: url)
        #expect(try SafetensorsArchive.read(from: url) == archive)
    }

    @Test("The header is padded with spaces to a multiple of 8, sorted metadata first, then the widest dtype")
    func headerLayout() throws {
        let bytes = [UInt8](try Self.sampleArchive().serialized())
        let length = Int(
            bytes[0..<8].enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) })
        let header = String(decoding: bytes[8..<(8 + length)], as: UTF8.self)
        #expect(length % 8 == 0)
        #expect(header.hasPrefix(#"{"__metadata__":{"format":"swiftrl","step":"10"},"i":{"dtype":"I64""#))
        #expect(header.trimmingCharacters(in: .whitespaces).hasSuffix("}"))
    }

    @Test("Values convert: floats(), doubles(), int64s()")
    func conversions() throws {
        let archive = try Self.sampleArchive()
        #expect(try archive["w"]?.floats() == [1, -2, 3.5, 0, 1e-8, -0.0])
        #expect(try archive["d"]?.doubles() == [.pi, -1e-300])
        #expect(try archive["d"]?.floats() == [Float(Double.pi), -0.0])
        #expect(try archive["i"]?.int64s() == [Int64.min])
        #expect(try archive["mask"]?.int64s() == [1, 0])
        #expect(try archive["empty"]?.floats() == [])
    }

    @Test("BF16 bytes decode exactly, and encoding rounds to nearest even")
    func bfloat16() throws {
        let entry = try SafetensorsEntry(
            dtype: .bfloat16, shape: [4], data: Data([0x80, 0x3F, 0x49, 0x40, 0x00, 0xBF, 0x80, 0xFF]))
        #expect(try entry.floats() == [1, 3.140625, -0.5, -.infinity])
        let rounded = try SafetensorsEntry(shape: [3], floats: [1.00390625, 1.01171875, 3.14159], dtype: .bfloat16)
        #expect(try rounded.floats() == [1, 1.015625, 3.140625])
    }

    @Test("F16 decodes normals, subnormals and infinities; encoding saturates to infinity")
    func float16() throws {
        let entry = try SafetensorsEntry(
            dtype: .float16, shape: [4], data: Data([0x00, 0x3C, 0xFF, 0x7B, 0x01, 0x00, 0x00, 0xFC]))
        #expect(try entry.floats() == [1, 65504, 0x1p-24, -.infinity])
        let encoded = try SafetensorsEntry(shape: [4], floats: [65519, 65520, 0x1p-25 * 3, -2.5], dtype: .float16)
        #expect(try encoded.floats() == [65504, .infinity, 0x1p-23, -2.5])
    }

    @Test("Converting to the wrong kind of value throws wrongDType")
    func wrongConversions() throws {
        let archive = try Self.sampleArchive()
        #expect(throws: SafetensorsError.self) { try archive["i"]?.floats() }
        #expect(throws: SafetensorsError.self) { try archive["w"]?.int64s() }
        #expect(throws: SafetensorsError.self) { try SafetensorsEntry(shape: [1], floats: [1], dtype: .int32) }
    }

    @Test("A constructor whose values do not fill the shape throws sizeMismatch")
    func constructorMismatch() {
        #expect(throws: SafetensorsError(.sizeMismatch(tensor: "", expectedBytes: 16, actualBytes: 12))) {
            try SafetensorsEntry(shape: [2, 2], floats: [1, 2, 3])
        }
    }
}
