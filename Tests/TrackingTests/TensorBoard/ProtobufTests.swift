import Testing

@testable import Tracking

@Suite("Protobuf encoding")
struct ProtobufTests {
    @Test("varints: 1 byte below 128, 300 = AC 02, -1 takes ten bytes")
    func varints() {
        var writer = ProtobufWriter()
        writer.int64(1, 1)
        writer.int64(2, 300)
        writer.int64(3, -1)
        #expect(writer.bytes == [0x08, 0x01, 0x10, 0xAC, 0x02, 0x18] + [UInt8](repeating: 0xFF, count: 9) + [0x01])
    }

    @Test("file-version event matches hand-computed bytes")
    func fileVersionEvent() {
        let bytes = TensorBoardEvent.fileVersionRecord(wallTime: 1.5)
        // 09 <1.5 as LE double> 10 00 1a 0d "brain.Event:2"
        let expected: [UInt8] =
            [0x09, 0, 0, 0, 0, 0, 0, 0xF8, 0x3F, 0x10, 0x00, 0x1A, 0x0D] + Array("brain.Event:2".utf8)
        #expect(bytes == expected)
    }

    @Test("scalar event matches hand-computed bytes")
    func scalarEvent() {
        let bytes = TensorBoardEvent.scalar(tag: "a", value: 1.0, step: 7, wallTime: 2.0)
        // Event{1: 2.0, 2: 7, 5: Summary{1: Value{1: "a", 2: 1.0f}}}
        let expected: [UInt8] = [
            0x09, 0, 0, 0, 0, 0, 0, 0x00, 0x40, 0x10, 0x07,
            0x2A, 0x0A, 0x0A, 0x08, 0x0A, 0x01, 0x61, 0x15, 0x00, 0x00, 0x80, 0x3F,
        ]
        #expect(bytes == expected)
    }

    @Test("text event is a one-element DT_STRING tensor with the text plugin")
    func textEvent() {
        let bytes = TensorBoardEvent.text(tag: "t", text: "hi", step: 0, wallTime: 0)
        let value: [UInt8] =
            [0x0A, 0x01, 0x74]  // tag "t"
            + [0x42, 0x0C, 0x08, 0x07, 0x12, 0x04, 0x12, 0x02, 0x08, 0x01, 0x42, 0x02, 0x68, 0x69]  // tensor
            + [0x4A, 0x08, 0x0A, 0x06, 0x0A, 0x04] + Array("text".utf8)  // metadata.plugin_data.plugin_name
        let summary: [UInt8] = [0x0A, UInt8(value.count)] + value
        let expected: [UInt8] = [0x09, 0, 0, 0, 0, 0, 0, 0, 0, 0x10, 0x00, 0x2A, UInt8(summary.count)] + summary
        #expect(bytes == expected)
    }

    @Test("reader decodes what the writer wrote")
    func roundTrip() throws {
        var writer = ProtobufWriter()
        writer.double(1, 3.25)
        writer.int64(2, 123_456_789)
        writer.string(3, "x")
        writer.float(4, -2)
        let fields = try ProtobufReader.fields(writer.bytes)
        #expect(fields.map(\.field) == [1, 2, 3, 4])
        #expect(fields[0].value == .fixed64(3.25.bitPattern))
        #expect(fields[1].value == .varint(123_456_789))
        #expect(fields[2].value == .lengthDelimited([0x78]))
        #expect(fields[3].value == .fixed32(Float(-2).bitPattern))
    }

    @Test("reader rejects a length running past the end")
    func truncatedLength() {
        #expect(throws: ProtobufReader.DecodingError.self) { try ProtobufReader.fields([0x1A, 0x05, 0x61]) }
    }
}
