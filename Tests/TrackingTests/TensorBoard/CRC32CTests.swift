import Testing

@testable import Tracking

@Suite("CRC-32C")
struct CRC32CTests {
    @Test("standard check value of \"123456789\"")
    func checkValue() {
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
    }

    // RFC 3720 (iSCSI) appendix B.4 test vectors.
    @Test(
        "RFC 3720 vectors",
        arguments: [
            ([UInt8](repeating: 0, count: 32), UInt32(0x8A91_36AA)),
            ([UInt8](repeating: 0xFF, count: 32), UInt32(0x62A8_AB43)),
            ((0..<32).map { UInt8($0) }, UInt32(0x46DD_794E)),
            ((0..<32).reversed().map { UInt8($0) }, UInt32(0x113F_DB5C)),
        ])
    func rfc3720(input: [UInt8], expected: UInt32) {
        #expect(CRC32C.checksum(input) == expected)
    }

    @Test("empty input has checksum 0")
    func empty() {
        #expect(CRC32C.checksum([UInt8]()) == 0)
    }

    @Test("masking rotates right by 15 and adds 0xA282EAD8")
    func masking() {
        #expect(CRC32C.masked(0) == 0xA282_EAD8)
        #expect(CRC32C.masked(0x0000_8000) == 0xA282_EAD9)
        #expect(CRC32C.masked(0xE306_9283) == 0xC78A_B0E5)  // computed with Python integers
    }
}
