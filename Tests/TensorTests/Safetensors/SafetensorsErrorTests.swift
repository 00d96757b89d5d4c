import Foundation
import Testing
@testable import Tensor

/// Every way a file can be broken throws a `SafetensorsError` of the right kind; none traps.
@Suite("Safetensors rejects corrupt files")
struct SafetensorsErrorTests {
    private let eightBytes = [UInt8](repeating: 0, count: 8)

    private func tensor(_ name: String, _ dtype: String, _ shape: String, _ begin: Int, _ end: Int) -> String {
        #""\#(name)":{"dtype":"\#(dtype)","shape":\#(shape),"data_offsets":[\#(begin),\#(end)]}"#
    }

    @Test("Fewer than 8 bytes: truncatedHeader")
    func shortFile() {
        #expect(parseErrorKind(Data([1, 2, 3])) == .truncatedHeader(byteCount: 3))
    }

    @Test("Header length beyond the file: headerTooLarge")
    func headerBeyondFile() {
        #expect(
            parseErrorKind(safetensorsBytes(header: "{}", data: [], declaredLength: 100))
                == .headerTooLarge(declared: 100, available: 2))
    }

    @Test(
        "Bad JSON, non-object JSON, non-UTF-8: invalidHeader", arguments: ["{\"a\":", "[1, 2]", "{\"a\" 1}", "{\u{1}}"])
    func badJSON(header: String) {
        guard case .invalidHeader = parseErrorKind(safetensorsBytes(header: header, data: [])) else {
            Issue.record("expected invalidHeader for \(header)")
            return
        }
    }

    @Test("A header that is not UTF-8: invalidHeader")
    func notUTF8() {
        var bytes = withUnsafeBytes(of: UInt64(3).littleEndian) { Array($0) }
        bytes += [0x7B, 0xFF, 0x7D]
        guard case .invalidHeader = parseErrorKind(Data(bytes)) else {
            Issue.record("expected invalidHeader")
            return
        }
    }

    @Test(
        "Malformed tensor fields: invalidHeader",
        arguments: [
            #"{"t":{"dtype":"F32","shape":[-1],"data_offsets":[0,0]}}"#,
            #"{"t":{"dtype":"F32","shape":[1.5],"data_offsets":[0,0]}}"#,
            #"{"t":{"dtype":"F32","shape":[true],"data_offsets":[0,0]}}"#,
            #"{"t":{"dtype":"F32","shape":[2],"data_offsets":[8]}}"#,
            #"{"t":{"dtype":"F32","shape":[2],"data_offsets":[8,0]}}"#,
            #"{"t":{"dtype":7,"shape":[2],"data_offsets":[0,8]}}"#,
            #"{"t":[1,2]}"#,
            #"{"__metadata__":{"a":1}}"#,
            #"{"__metadata__":[]}"#,
            #"{"t":{"dtype":"F32","shape":[4611686018427387904,4],"data_offsets":[0,0]}}"#,
        ])
    func malformedFields(header: String) {
        guard case .invalidHeader = parseErrorKind(safetensorsBytes(header: header, data: [])) else {
            let actual = String(describing: parseErrorKind(safetensorsBytes(header: header, data: [])))
            Issue.record("expected invalidHeader for \(header), got \(actual)")
            return
        }
    }

    @Test("An unknown dtype: unknownDType naming it")
    func unknownDType() {
        let data = safetensorsBytes(header: "{\(tensor("t", "F8_E4M3", "[1]", 0, 1))}", data: [0])
        #expect(parseErrorKind(data) == .unknownDType(tensor: "t", dtype: "F8_E4M3"))
    }

    @Test("Offsets past the data section: offsetsOutOfRange")
    func offsetsOutOfRange() {
        let data = safetensorsBytes(header: "{\(tensor("t", "F32", "[4]", 0, 16))}", data: eightBytes)
        #expect(parseErrorKind(data) == .offsetsOutOfRange(tensor: "t", begin: 0, end: 16, dataSize: 8))
    }

    @Test(
        "Overlapping tensors, gaps and trailing bytes: overlappingOffsets",
        arguments: [
            (
                "{"
                    + #""a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"#
                    + #""b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}"#
                    + "}", 12
            ),
            (
                "{"
                    + #""a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"#
                    + #""b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}"#
                    + "}", 12
            ),
            ("{" + #""a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}"# + "}", 8),
        ])
    func overlapsAndGaps(header: String, dataSize: Int) {
        let data = safetensorsBytes(header: header, data: [UInt8](repeating: 0, count: dataSize))
        guard case .overlappingOffsets = parseErrorKind(data) else {
            Issue.record("expected overlappingOffsets, got \(String(describing: parseErrorKind(data)))")
            return
        }
    }

    @Test("Byte count different from shape × dtype size: sizeMismatch")
    func sizeMismatch() {
        let data = safetensorsBytes(header: "{\(tensor("t", "F32", "[3]", 0, 8))}", data: eightBytes)
        #expect(parseErrorKind(data) == .sizeMismatch(tensor: "t", expectedBytes: 12, actualBytes: 8))
    }

    @Test("Every truncation of a valid file throws instead of trapping")
    func everyTruncationThrows() throws {
        let full = try SafetensorsTests.sampleArchive().serialized()
        for length in 0..<full.count {
            #expect(parseErrorKind(full.prefix(length)) != nil, "prefix of \(length) bytes")
        }
    }

    @Test("Flipping any single header byte never traps")
    func corruptedBytesNeverTrap() throws {
        let full = [UInt8](try SafetensorsTests.sampleArchive().serialized())
        for index in 0..<min(full.count, 400) {
            var bytes = full
            bytes[index] ^= 0x5A
            _ = parseErrorKind(Data(bytes))  // must return, whatever it decides
        }
    }

    @Test("A missing file: io error naming the path")
    func missingFile() {
        let url = URL(fileURLWithPath: "/nonexistent/swiftrl/model.safetensors")
        do {
            _ = try SafetensorsArchive.read(from: url)
            Issue.record("expected an error")
        } catch {
            #expect(error.path == url.path)
            #expect(error.description.contains("model.safetensors"))
        }
    }

    @Test("Error messages say what is wrong and what to do")
    func messages() {
        let message = SafetensorsError(.unknownDType(tensor: "w", dtype: "F8_E4M3"), path: "m.safetensors").description
        #expect(message.contains("m.safetensors") && message.contains("F8_E4M3") && message.contains("torch.float32"))
    }
}
