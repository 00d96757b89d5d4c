import Foundation
import Testing

@testable import Offline

/// The h5py-written fixtures of Scripts/fixtures/hdf5_reader_fixtures.py and the values the script wrote.
private enum Fixtures {
    static let directory = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/HDF5")
    static let files = [
        "minari/data/main_data.hdf5", "d4rl.hdf5", "chunked_gzip.hdf5", "v110.hdf5", "v108_userblock.hdf5",
    ]

    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: path(name))))
    }

    /// `expected.json`: file → dataset path → (shape, flattened values).
    static func expected() throws -> [String: [String: (shape: [Int], values: [Double])]] {
        let data = try Data(contentsOf: directory.appendingPathComponent("expected.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var result: [String: [String: (shape: [Int], values: [Double])]] = [:]
        for (file, entries) in json where !file.hasPrefix("_") {
            let entries = try #require(entries as? [String: [String: Any]])
            for (key, spec) in entries {
                let shape = try #require(spec["shape"] as? [Int])
                let values = try #require(spec["values"] as? [Double])
                result[file, default: [:]][key] = (shape, values)
            }
        }
        return result
    }
}

private func scratchPath(_ name: String) -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("swiftrl-h5r-\(UUID().uuidString)-\(name)").path
}

@Test("h5py fixtures decode to exactly the arrays the script wrote", arguments: Fixtures.files)
func fixtureDecodes(file: String) throws {
    let expected = try #require(try Fixtures.expected()[file])
    let reader = try HDF5Reader(path: Fixtures.path(file))
    #expect(!expected.isEmpty)
    for (key, spec) in expected.sorted(by: { $0.key < $1.key }) {
        let (values, shape) = try reader.readFloats(key)
        #expect(shape == spec.shape, "\(file) \(key)")
        #expect(values == spec.values.map { Float($0) }, "\(file) \(key)")
    }
}

@Test("The fixtures cover superblocks 0, 2 (after a user block) and 3, and the newer chunk indexes are refused as unsupported")
func fixtureVersions() throws {
    #expect(try HDF5Reader(path: Fixtures.path("d4rl.hdf5")).superblockVersion == 0)
    let userblock = try HDF5Reader(path: Fixtures.path("v108_userblock.hdf5"))
    #expect(userblock.superblockVersion == 2)
    #expect(userblock.source.base == 512)
    let latest = try HDF5Reader(path: Fixtures.path("v110.hdf5"))
    #expect(latest.superblockVersion == 3)
    #expect(try latest.children(of: "group").sorted() == ["chunked", "scalar"])
    #expect {
        try latest.readFloats("group/chunked")
    } throws: { ($0 as? DatasetError)?.kind == .unsupported }
    #expect {
        try latest.readFloats("group/missing")
    } throws: { ($0 as? DatasetError)?.kind == .missingKey }
}

@Test("The Minari fixture reads as two episodes with the references of metadata.json")
func minariFixture() throws {
    let read = try DatasetFile.read(from: Fixtures.path("minari"))
    #expect(read.dataset.episodes.map(\.length) == [4, 3])
    #expect(read.dataset.observationDimension == 3)
    #expect(read.dataset.actionDimension == 2)
    #expect(read.dataset.episodes[0].terminations.last == true)
    #expect(read.dataset.episodes[1].truncations.last == true)
    #expect(read.references == ReferenceReturns(random: -1200, expert: -150))
    let direct = try HDF5Dataset.readMinari(from: Fixtures.path("minari/data/main_data.hdf5"))
    #expect(direct.episodes == read.dataset.episodes)
}

@Test("The D4RL fixtures (contiguous and chunked + gzip + shuffle) read as the same dataset")
func d4rlFixtures() throws {
    let plain = try DatasetFile.read(from: Fixtures.path("d4rl.hdf5"))
    #expect(plain.references == ReferenceReturns(random: -1200, expert: -150))
    #expect(plain.dataset.episodes.map(\.length) == [3, 3])
    #expect(plain.dataset.transitions.rewards == [-1, -0.5, 0, 0.5, 1, 1.5])
    let chunked = try HDF5Dataset.readD4RL(from: Fixtures.path("chunked_gzip.hdf5"))
    #expect(chunked.episodes == plain.dataset.episodes)
    let latest = try HDF5Dataset.readD4RL(from: Fixtures.path("v110.hdf5"))
    #expect(latest.episodes == plain.dataset.episodes)
}

/// Every read a caller makes, so a damaged file exercises the whole reader.
private func readEverything(_ bytes: [UInt8]) throws(DatasetError) {
    let reader = try HDF5Reader(bytes: bytes, path: "damaged.hdf5")
    for name in try reader.children(of: "/") {
        if let members = try? reader.children(of: name) {
            for member in members { _ = try? reader.readFloats("\(name)/\(member)") }
        } else {
            _ = try reader.readFloats(name)
        }
    }
}

@Test("Truncated files and a bad signature are DatasetErrors", arguments: ["d4rl.hdf5", "chunked_gzip.hdf5"])
func truncatedFiles(file: String) throws {
    let bytes = try Fixtures.bytes(file)
    let keys = ["observations", "actions", "rewards", "terminals", "timeouts", "next_observations"]
    let full = try HDF5Reader(bytes: bytes, path: file)
    let expected = try keys.map { try full.readFloats($0).values }
    var failures = 0
    for length in stride(from: 0, to: bytes.count, by: 37) {
        // Either the datasets lie before the cut and read unchanged, or the read is a DatasetError.
        do {
            let reader = try HDF5Reader(bytes: Array(bytes.prefix(length)), path: file)
            #expect(try keys.map { try reader.readFloats($0).values } == expected)
        } catch let error as DatasetError {
            #expect(error.message.contains(file))
            failures += 1
        }
    }
    #expect(failures > bytes.count / 37 / 2)
    for length in [0, 7, 100, 400] {
        #expect(throws: DatasetError.self) {
            try HDF5Reader(bytes: Array(bytes.prefix(length)), path: file).readFloats("rewards")
        }
    }
    var bad = bytes
    bad[1] = UInt8(ascii: "X")
    #expect {
        try HDF5Reader(bytes: bad, path: file)
    } throws: { ($0 as? DatasetError)?.kind == .corrupt && "\($0)".contains(file) }
}

/// The body of the first message of `type` in `name`'s object header.
private func messageBody(_ reader: HDF5Reader, _ name: String, type: Int) throws -> Range<Int> {
    let address = try #require(try reader.resolve(name))
    let header = try HDF5ObjectHeader(
        at: address, source: reader.source, budget: HDF5Budget(fileSize: reader.source.bytes.count), field: name)
    return try #require(header.all(type).first).body
}

@Test("Huge dimensions, addresses and sizes are DatasetErrors that name the field")
func hugeSizes() throws {
    let bytes = try Fixtures.bytes("d4rl.hdf5")
    let reader = try HDF5Reader(bytes: bytes, path: "d4rl.hdf5")
    // Dataspace dims of `observations` (version 1: 8 header bytes, then 8-byte dims).
    let space = try messageBody(reader, "observations", type: HDF5Message.dataspace)
    var patched = bytes
    for index in space.lowerBound + 8..<space.lowerBound + 16 { patched[index] = 0x7F }
    #expect {
        try HDF5Reader(bytes: patched, path: "d4rl.hdf5").readFloats("observations")
    } throws: { ($0 as? DatasetError)?.kind == .corrupt && "\($0)".contains("observations") }
    // Contiguous layout (version 3): class byte, then the address and the size.
    let layout = try messageBody(reader, "rewards", type: HDF5Message.layout)
    for field in [layout.lowerBound + 2, layout.lowerBound + 10] {
        var patched = bytes
        for index in field..<field + 8 { patched[index] = 0xEE }
        #expect {
            try HDF5Reader(bytes: patched, path: "d4rl.hdf5").readFloats("rewards")
        } throws: { ($0 as? DatasetError)?.kind == .corrupt && "\($0)".contains("rewards") }
    }
}

@Test("A cyclic chunk B-tree and a cyclic group B-tree are DatasetErrors, not hangs")
func cyclicBTree() throws {
    let bytes = try Fixtures.bytes("chunked_gzip.hdf5")
    let reader = try HDF5Reader(bytes: bytes, path: "chunked.hdf5")
    // Chunk index of `observations`: layout version 3, class 2, dimensionality, then the B-tree address.
    let layout = try messageBody(reader, "observations", type: HDF5Message.layout)
    var cursor = HDF5Cursor(source: reader.source, range: layout.lowerBound + 3..<layout.upperBound, field: "t")
    let root = Int(try #require(try cursor.address()))
    var patched = bytes
    patched[root + 5] = 1  // level 1: its children are nodes …
    let firstChild = root + 8 + 16 + 8 + 8 * 3  // … and its first child is itself
    for byte in 0..<8 { patched[firstChild + byte] = UInt8(truncatingIfNeeded: root >> (8 * byte)) }
    #expect {
        try HDF5Reader(bytes: patched, path: "chunked.hdf5").readFloats("observations")
    } throws: { ($0 as? DatasetError)?.kind == .corrupt && "\($0)".contains("chunkIndex") }
    // The root group's symbol-table B-tree pointing at itself.
    let table = try messageBody(reader, "/", type: HDF5Message.symbolTable)
    var treeCursor = HDF5Cursor(source: reader.source, range: table, field: "t")
    let tree = Int(try #require(try treeCursor.address()))
    var groupPatched = bytes
    groupPatched[tree + 5] = 1
    for byte in 0..<8 { groupPatched[tree + 24 + 8 + byte] = UInt8(truncatingIfNeeded: tree >> (8 * byte)) }
    #expect(throws: DatasetError.self) { try HDF5Reader(bytes: groupPatched, path: "chunked.hdf5").children(of: "/") }
}

@Test("Seeded random corruption of every fixture gives values or a DatasetError", arguments: Fixtures.files)
func randomCorruption(file: String) throws {
    let bytes = try Fixtures.bytes(file)
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next() -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int(truncatingIfNeeded: state >> 33)
    }
    for _ in 0..<300 {
        var mutated = bytes
        for _ in 0..<(1 + next() % 4) {
            let index = next() % mutated.count
            mutated[index] = next() % 3 == 0 ? 0xFF : UInt8(truncatingIfNeeded: next())
        }
        do { try readEverything(mutated) } catch {}
    }
}

#if HDF5
    @Test("Files written by SwiftRL's libhdf5 writer read back through the Swift reader, references included")
    func libhdf5WrittenFilesReadBack() throws {
        let dataset = try OfflineDataset(
            episodes: [
                OfflineEpisode(
                    observations: [0, 1, 2, 3, 4, 5], actions: [0.5, -0.5], rewards: [1, 2],
                    terminations: [false, true], truncations: [false, false]),
                OfflineEpisode(
                    observations: [6, 7, 8, 9], actions: [0.25], rewards: [-1], terminations: [false],
                    truncations: [true]),
            ], observationDimension: 2, actionDimension: 1)
        let metadata = DatasetMetadata(
            environmentID: "Pendulum-v1", recipe: "mixed", seed: 3,
            references: ReferenceReturns(random: -1200, expert: -150),
            parts: [.init(source: "random", behaviour: "uniform", episodes: dataset.episodes)])
        for format in [DatasetFile.Format.d4rl, .minari] {
            let path = scratchPath(format == .d4rl ? "flat.hdf5" : "minari")
            defer { try? FileManager.default.removeItem(atPath: path) }
            try DatasetFile.write(dataset, metadata: metadata, to: path, format: format)
            let read = try DatasetFile.read(from: path)
            #expect(read.dataset.episodes == dataset.episodes)
            #expect(read.references == metadata.references)
        }
    }

    @Test("libhdf5 and the Swift reader agree on every fixture dataset", arguments: Fixtures.files)
    func libhdf5AgreesOnFixtures(file: String) throws {
        let expected = try #require(try Fixtures.expected()[file])
        let swift = try HDF5Reader(path: Fixtures.path(file))
        let library = try HDF5File(reading: Fixtures.path(file))
        defer { library.close() }
        for key in expected.keys.sorted() {
            let ours = try swift.readFloats(key)
            let theirs = try library.readFloats(key)
            #expect(ours.values == theirs.values, "\(file) \(key)")
            #expect(ours.shape == theirs.shape, "\(file) \(key)")
        }
    }
#endif
