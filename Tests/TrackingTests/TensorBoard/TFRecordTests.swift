import Testing

@testable import Tracking

@Suite("TFRecord framing")
struct TFRecordTests {
    @Test("a frame is length, masked length CRC, data, masked data CRC")
    func layout() {
        let frame = TFRecord.frame([1, 2, 3])
        #expect(frame.count == 3 + TFRecord.overhead)
        #expect(Array(frame[0..<8]) == [3, 0, 0, 0, 0, 0, 0, 0])
        let lengthCRC = CRC32C.maskedChecksum([3, 0, 0, 0, 0, 0, 0, 0])
        #expect(Array(frame[8..<12]) == [0, 8, 16, 24].map { UInt8(truncatingIfNeeded: lengthCRC >> $0) })
        #expect(Array(frame[12..<15]) == [1, 2, 3])
        let dataCRC = CRC32C.maskedChecksum([1, 2, 3])
        #expect(Array(frame[15..<19]) == [0, 8, 16, 24].map { UInt8(truncatingIfNeeded: dataCRC >> $0) })
    }

    @Test("scan reads back every framed record")
    func scanAll() {
        let records: [[UInt8]] = [[], [7], Array(repeating: 9, count: 300)]
        let scan = TFRecord.scan(records.flatMap(TFRecord.frame))
        #expect(scan.records == records)
        #expect(scan.validLength == records.map { $0.count + TFRecord.overhead }.reduce(0, +))
    }

    @Test("scan stops before a torn last record", arguments: [1, 5, 12, 14, 17])
    func tornTail(keep: Int) {
        let first = TFRecord.frame([1, 2, 3])
        let second = TFRecord.frame([4, 5, 6, 7])
        let scan = TFRecord.scan(first + second.prefix(keep))
        #expect(scan.records == [[1, 2, 3]])
        #expect(scan.validLength == first.count)
    }

    @Test("scan stops at a record whose data CRC is wrong")
    func corruptData() {
        var bytes = TFRecord.frame([1, 2, 3]) + TFRecord.frame([4, 5])
        bytes[bytes.count - 6] ^= 0xFF  // flip a payload byte of the second record
        #expect(TFRecord.scan(bytes).records == [[1, 2, 3]])
    }
}
