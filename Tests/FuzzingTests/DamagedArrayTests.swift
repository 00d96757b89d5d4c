import Offline
import Testing

/// Length fields and shapes of `.npy`/`.npz` files that used to overflow `Int` arithmetic (a trap) are errors.
@Suite struct DamagedArrayTests {
    func npy(shape: String) -> [UInt8] {
        var header = "{'descr': '<f4', 'fortran_order': False, 'shape': \(shape), }"
        header += String(repeating: " ", count: (64 - (10 + header.utf8.count + 1) % 64) % 64) + "\n"
        let length = header.utf8.count
        return [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(length & 0xFF), UInt8(length >> 8)] + Array(header.utf8)
            + [UInt8](repeating: 0, count: 16)
    }

    @Test(arguments: ["(4294967296, 4294967296)", "(-1, 4)", "(9223372036854775807,)", "(3, -2)"])
    func overflowingOrNegativeShapesAreErrors(shape: String) throws {
        #expect(throws: DatasetError.self) { try NPYArray.parse(npy(shape: shape), name: "x.npy") }
    }

    @Test func zip64OffsetsNearIntMaxAreErrors() throws {
        var archive = try ZipArchive.write([("a.npy", NPYArray([1, 2], shape: [2]).serialized())])
        // Point the central directory at an offset near Int.max via a ZIP64 locator before the end record.
        let eocd = archive.count - 22
        var locator: [UInt8] = [0x50, 0x4B, 0x06, 0x07, 0, 0, 0, 0]
        locator += [0xF0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F] + [1, 0, 0, 0]
        archive.insert(contentsOf: locator, at: eocd)
        #expect(throws: DatasetError.self) { try ZipArchive.read(archive, name: "x.npz") }
    }
}
