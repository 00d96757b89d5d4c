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

#if HDF5
    private func runPython(_ arguments: [String]) throws -> (Int32, String) {
        let python = try #require(ProcessInfo.processInfo.environment["SWIFTRL_PYTHON"])
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../Scripts/fixtures/offline_hdf5_check.py").standardized.path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, script] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    @Test(
        "A gzip-compressed D4RL file written by h5py reads as two episodes",
        .enabled(if: ProcessInfo.processInfo.environment["SWIFTRL_PYTHON"] != nil))
    func readsH5pyFile() throws {
        let path = scratch("h5py.hdf5")
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try runPython(["write", path]).0 == 0)
        let dataset = try HDF5Dataset.readD4RL(from: path)
        #expect(dataset.episodes.map(\.length) == [3, 2])
        #expect(dataset.transitions.rewards == [0, 1, 2, 3, 4])
        #expect(dataset.transitions.nextObservations.suffix(2) == [5, -5])
    }

    @Test(
        "h5py reads a SwiftRL-written D4RL file with the same contents",
        .enabled(if: ProcessInfo.processInfo.environment["SWIFTRL_PYTHON"] != nil))
    func h5pyReadsSwiftFile() throws {
        let path = scratch("swift.hdf5")
        let expectedPath = scratch("swift.json")
        defer {
            try? FileManager.default.removeItem(atPath: path)
            try? FileManager.default.removeItem(atPath: expectedPath)
        }
        let dataset = try makeDataset()
        try HDF5Dataset.writeD4RL(dataset, to: path)
        let t = dataset.transitions
        let expected: [String: Any] = [
            "observations": ["shape": [5, 2], "values": t.observations.map(Double.init)],
            "actions": ["shape": [5, 1], "values": t.actions.map(Double.init)],
            "rewards": ["shape": [5], "values": t.rewards.map(Double.init)],
            "terminals": ["shape": [5], "values": t.terminals.map { $0 ? 1 : 0 }],
            "timeouts": ["shape": [5], "values": t.timeouts.map { $0 ? 1 : 0 }],
        ]
        try JSONSerialization.data(withJSONObject: expected).write(to: URL(fileURLWithPath: expectedPath))
        let (status, output) = try runPython(["check", path, expectedPath])
        #expect(status == 0, "\(output)")
    }
#endif
