import Foundation
import Testing

@testable import Offline

private func fixtureBytes(_ base64: String) throws -> [UInt8] {
    let data = try #require(Data(base64Encoded: base64))
    return [UInt8](data)
}

private func temporaryURL(_ name: String) -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("swiftrl-offline-\(UUID().uuidString)-\(name)")
}

@Test("numpy.savez (stored) and savez_compressed (deflate) files read as the same arrays", arguments: [true, false])
func readsNumPyFixture(stored: Bool) throws {
    let arrays = try NPZ.parse(fixtureBytes(stored ? NPZFixtures.stored : NPZFixtures.deflated))
    #expect(arrays["observations"]?.shape == [7, 3])
    #expect(arrays["observations"]?.floats() == NPZFixtures.observations)
    #expect(arrays["rewards"]?.elementType == .float64)
    #expect(arrays["rewards"]?.floats() == NPZFixtures.rewards)
    #expect(arrays["terminals"]?.bools() == [false, false, false, true, false, false, false])
}

@Test("A NumPy D4RL-layout file becomes two episodes with their final observations")
func d4rlFixtureEpisodes() throws {
    let dataset = try OfflineDataset(flat: NPZ.parse(fixtureBytes(NPZFixtures.stored)))
    #expect(dataset.episodes.map(\.length) == [4, 3])
    #expect(dataset.episodes[0].terminations.last == true)
    #expect(dataset.episodes[1].truncations.last == true)
    #expect(dataset.transitions.nextObservations == NPZFixtures.nextObservations)
    #expect(dataset.transitions.actions == NPZFixtures.actions)
}

@Test("Without next_observations a timed-out episode drops its last step")
func d4rlWithoutNextObservations() throws {
    var arrays = try NPZ.parse(fixtureBytes(NPZFixtures.stored))
    arrays["next_observations"] = nil
    let dataset = try OfflineDataset(flat: arrays)
    #expect(dataset.episodes.map(\.length) == [4, 2])
}

@Test("Writing and reading a dataset round-trips every episode exactly")
func datasetRoundTrip() throws {
    let url = temporaryURL("roundtrip.npz")
    defer { try? FileManager.default.removeItem(at: url) }
    let dataset = try makeDataset()
    try NPZ.writeDataset(dataset, to: url)
    let back = try NPZ.readDataset(from: url)
    #expect(back.episodes == dataset.episodes)
}

@Test("A truncated file is a corrupt-file error")
func truncatedFile() throws {
    let bytes = try fixtureBytes(NPZFixtures.stored)
    #expect(throws: DatasetError.self) { try NPZ.parse(Array(bytes.prefix(bytes.count / 2))) }
}

@Test("A flipped data byte fails the CRC check")
func corruptByte() throws {
    var bytes = try fixtureBytes(NPZFixtures.stored)
    bytes[200] ^= 0xFF
    #expect(throws: DatasetError.self) { try NPZ.parse(bytes) }
}

@Test("A missing key names the key and the keys found")
func missingKey() throws {
    var arrays = try NPZ.parse(fixtureBytes(NPZFixtures.stored))
    arrays["actions"] = nil
    do {
        _ = try OfflineDataset(flat: arrays)
        Issue.record("expected an error")
    } catch {
        #expect(error.kind == .missingKey)
        #expect(error.message.contains("`actions`"))
    }
}

@Test("Mismatched row counts are a shape error")
func mismatchedRows() throws {
    var arrays = try NPZ.parse(fixtureBytes(NPZFixtures.stored))
    arrays["rewards"] = NPYArray([1, 2, 3], shape: [3])
    #expect(throws: DatasetError.self) { try OfflineDataset(flat: arrays) }
}

@Test("NaN observations in a file are rejected")
func nanInFile() throws {
    var arrays = try NPZ.parse(fixtureBytes(NPZFixtures.stored))
    var observations = NPZFixtures.observations
    observations[4] = .nan
    arrays["observations"] = NPYArray(observations, shape: [7, 3])
    #expect(throws: DatasetError.self) { try OfflineDataset(flat: arrays) }
}

@Test("The .npy header is padded to a multiple of 64 bytes and parses back")
func npyHeader() throws {
    let array = NPYArray([1, 2, 3, 4, 5, 6], shape: [2, 3])
    let bytes = array.serialized()
    #expect((bytes.count - 24) % 64 == 0)
    #expect(try NPYArray.parse(bytes) == array)
}

@Test("CRC-32 of the standard check string is 0xCBF43926")
func crcCheckValue() {
    #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
}

@Test(
    "numpy reads a SwiftRL-written .npz with the same contents",
    .enabled(if: ProcessInfo.processInfo.environment["SWIFTRL_PYTHON"] != nil))
func numpyReadsSwiftFile() throws {
    let python = try #require(ProcessInfo.processInfo.environment["SWIFTRL_PYTHON"])
    let url = temporaryURL("interop.npz")
    let expectedURL = temporaryURL("interop.json")
    defer {
        try? FileManager.default.removeItem(at: url)
        try? FileManager.default.removeItem(at: expectedURL)
    }
    let dataset = try makeDataset()
    try NPZ.writeDataset(dataset, to: url)
    let t = dataset.transitions
    let expected: [String: Any] = [
        "observations": ["shape": [5, 2], "dtype": "float32", "values": t.observations.map(Double.init)],
        "next_observations": ["shape": [5, 2], "dtype": "float32", "values": t.nextObservations.map(Double.init)],
        "actions": ["shape": [5, 1], "dtype": "float32", "values": t.actions.map(Double.init)],
        "rewards": ["shape": [5], "dtype": "float32", "values": t.rewards.map(Double.init)],
        "terminals": ["shape": [5], "dtype": "bool", "values": t.terminals],
        "timeouts": ["shape": [5], "dtype": "bool", "values": t.timeouts],
        "episode_lengths": ["shape": [2], "dtype": "int64", "values": [3, 2]],
    ]
    try JSONSerialization.data(withJSONObject: expected).write(to: expectedURL)
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "../../../Scripts/fixtures/offline_npz_check.py"
    ).standardized.path
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [python, script, url.path, expectedURL.path]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "\(output)")
}
