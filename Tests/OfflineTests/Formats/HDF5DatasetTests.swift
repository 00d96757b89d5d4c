#if HDF5
    import Foundation
    import Testing

    @testable import Offline

    private func scratch(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("swiftrl-h5-\(UUID().uuidString)-\(name)").path
    }

    @Test("A D4RL flat HDF5 file round-trips every episode")
    func d4rlHDF5RoundTrip() throws {
        let path = scratch("flat.hdf5")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let dataset = try makeDataset()
        try HDF5Dataset.writeD4RL(dataset, to: path)
        #expect(try HDF5Dataset.readD4RL(from: path).episodes == dataset.episodes)
    }

    @Test("A Minari-layout directory round-trips every episode")
    func minariRoundTrip() throws {
        let directory = scratch("minari")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let dataset = try makeDataset()
        try HDF5Dataset.writeMinari(dataset, to: directory, id: "test/tiny-v0")
        #expect(try HDF5Dataset.readMinari(from: directory).episodes == dataset.episodes)
    }

    @Test("A file that is not HDF5 is a corrupt-file error")
    func notHDF5() throws {
        let path = scratch("bad.hdf5")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data("not hdf5".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: DatasetError.self) { try HDF5Dataset.readD4RL(from: path) }
    }
#endif
