#if HDF5
    import Environments
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

    /// Two episodes with a per-step `success` info; the first also reports it at reset.
    private func datasetWithInfos() throws -> OfflineDataset {
        var episodes = makeEpisodes()
        episodes[0].infos = ["success": [0, 0, 1]]
        episodes[0].resetInfo = ["success": 0]
        episodes[1].infos = ["success": [0, 0]]
        return try OfflineDataset(episodes: episodes, observationDimension: 2, actionDimension: 1)
    }

    @Test("Minari infos: length + 1 entries, the reset's first (0 where the reset did not report the key)")
    func minariInfosRoundTrip() throws {
        let directory = scratch("minari-infos")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let dataset = try datasetWithInfos()
        try HDF5Dataset.writeMinari(dataset, to: directory, id: "swiftrl/tiny-v0")
        let file = try HDF5Reader(path: directory + "/data/main_data.hdf5")
        #expect(try file.readFloats("episode_0/infos/success").values == [0, 0, 0, 1])
        #expect(try file.readFloats("episode_1/infos/success").values == [0, 0, 0])
        let read = try HDF5Dataset.readMinari(from: directory)
        #expect(read.episodes[0] == dataset.episodes[0])
        #expect(read.episodes[1].infos == ["success": [0, 0]])
        #expect(read.episodes[1].resetInfo == ["success": 0])
        #expect(FileManager.default.fileExists(atPath: directory + "/data/metadata.json"))
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

    /// Whether `SWIFTRL_PYTHON` has the `minari` package (the interop test is skipped otherwise).
    private let pythonHasMinari: Bool = {
        guard let python = ProcessInfo.processInfo.environment["SWIFTRL_PYTHON"] else { return false }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, "-c", "import minari"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()

    @Test(
        "minari's own loader opens a SwiftRL-written Minari dataset: spaces, episodes and infos",
        .enabled(if: pythonHasMinari))
    func minariLoadsSwiftDataset() throws {
        let directory = scratch("minari-interop")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let dataset = try datasetWithInfos()
        let action = Space.box(try BoxSpace(low: [-2], high: [2]))
        let observation = Space.box(try BoxSpace(low: [-20, -20], high: [20, 20]))
        try HDF5Dataset.writeMinari(
            dataset, to: directory, id: "swiftrl/tiny-v0", spaces: (observation: observation, action: action))
        let (status, output) = try runPython(["minari", directory])
        try #require(status == 0, "\(output)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        #expect(json["dataset_id"] as? String == "swiftrl/tiny-v0")
        #expect(json["total_episodes"] as? Int == 2)
        #expect(json["total_steps"] as? Int == 5)
        #expect(json["observation_shape"] as? [Int] == [2])
        #expect(json["action_low"] as? [Double] == [-2])
        let episodes = try #require(json["episodes"] as? [[String: Any]])
        try #require(episodes.count == 2)
        for (index, episode) in dataset.episodes.enumerated() {
            let read = episodes[index]
            #expect(read["observations"] as? [Double] == episode.observations.map(Double.init))
            // Float32 values through Python's JSON and Foundation's parser: compare within 1e-6.
            func close(_ key: String, _ values: [Float]) -> Bool {
                guard let read = read[key] as? [Double], read.count == values.count else { return false }
                return zip(read, values).allSatisfy { abs($0 - Double($1)) < 1e-6 }
            }
            #expect(close("actions", episode.actions))
            #expect(close("rewards", episode.rewards))
            #expect(read["terminations"] as? [Int] == episode.terminations.map { $0 ? 1 : 0 })
            #expect(read["truncations"] as? [Int] == episode.truncations.map { $0 ? 1 : 0 })
        }
        let infos = try #require(episodes[0]["infos"] as? [String: [Double]])
        #expect(infos["success"] == [0, 0, 0, 1])
    }
#endif
