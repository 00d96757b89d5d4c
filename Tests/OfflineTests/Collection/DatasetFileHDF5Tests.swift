#if HDF5
    import Foundation
    import Testing

    @testable import Offline

    @Test("Collected datasets keep their reference returns in D4RL .hdf5 files and Minari directories")
    func datasetFileHDF5() throws {
        let collector = EpisodeCollector(environmentID: "PointMaze_UMaze-v3", maxEpisodeSteps: 20)
        var builder = DatasetBuilder(collector: collector, behaviours: try .pointMaze(collector))
        builder.referenceEpisodes = 3
        let (dataset, metadata) = try builder.build(recipe: .mediumExpert, episodes: 2, seed: 1)
        let references = try #require(metadata.references)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("swiftrl-h5-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        let d4rl = folder.appendingPathComponent("data.hdf5").path
        try DatasetFile.write(dataset, metadata: metadata, to: d4rl)
        let flat = try DatasetFile.read(from: d4rl)
        #expect(flat.dataset.count == dataset.count)
        #expect(abs((flat.references?.random ?? .nan) - references.random) < 1e-3)
        #expect(abs((flat.references?.expert ?? .nan) - references.expert) < 1e-3)

        let minari = folder.appendingPathComponent("minari").path
        try DatasetFile.write(dataset, metadata: metadata, to: minari)
        let read = try DatasetFile.read(from: minari)
        #expect(read.dataset.episodes.map(\.rewards) == dataset.episodes.map(\.rewards))
        #expect(read.references == references)
        #expect(read.metadata == metadata)
    }
#endif
