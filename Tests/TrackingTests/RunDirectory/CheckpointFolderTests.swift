import Foundation
import Testing

@testable import Tracking

/// Checkpoint folders: complete only once renamed into place with a manifest whose sizes match; pruning; and the
/// config check of a resume.
@Suite struct CheckpointFolderTests {
    private func run(_ directory: TemporaryDirectory) throws -> RunDirectory {
        try RunDirectory(existing: directory.url)
    }

    @Test func writtenFolderIsCompleteAndListedByStep() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let run = try run(directory)
        for step in [2, 10, 4] {
            try run.writeCheckpointFolder(step: step, kind: "test") { folder in
                try Data("weights \(step)".utf8).write(to: folder.appendingPathComponent("model.safetensors"))
            }
        }
        #expect(try run.checkpointFolders().map(\.step) == [2, 4, 10])
        let latest = try #require(try run.latestCheckpointFolder())
        #expect(latest.completeManifest()?.kind == "test")
        #expect(latest.completeManifest()?.files == ["model.safetensors": 10])
        #expect(try String(contentsOf: latest.url.appendingPathComponent("model.safetensors"), encoding: .utf8)
            == "weights 10")
    }

    @Test func halfWrittenFoldersNeverCount() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let run = try run(directory)
        try run.writeCheckpointFolder(step: 1, kind: "test") { folder in
            try Data("ok".utf8).write(to: folder.appendingPathComponent("a.bin"))
        }
        let manager = FileManager.default
        // a writer killed before the rename: only a hidden temporary folder
        let partial = run.checkpointsDirectory.appendingPathComponent(".step_3.partial-1-2")
        try manager.createDirectory(at: partial, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: partial.appendingPathComponent("a.bin"))
        // a folder without its manifest, and one whose file is shorter than the manifest says
        let noManifest = run.checkpointFolder(step: 5).url
        try manager.createDirectory(at: noManifest, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: noManifest.appendingPathComponent("a.bin"))
        try run.writeCheckpointFolder(step: 7, kind: "test") { folder in
            try Data("complete".utf8).write(to: folder.appendingPathComponent("a.bin"))
        }
        try Data("torn".utf8).write(to: run.checkpointFolder(step: 7).url.appendingPathComponent("a.bin"))
        #expect(try run.checkpointFolders().map(\.step) == [1])
        // a failing writer leaves nothing behind
        struct Failure: Error {}
        #expect(throws: Failure.self) {
            try run.writeCheckpointFolder(step: 9, kind: "test") { _ in throw Failure() }
        }
        #expect(!manager.fileExists(atPath: run.checkpointFolder(step: 9).url.path))
    }

    @Test func pruningKeepsTheNewestAndRemovesLeftovers() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let run = try run(directory)
        for step in 1...4 {
            try run.writeCheckpointFolder(step: step, kind: "test") { folder in
                try Data([UInt8(step)]).write(to: folder.appendingPathComponent("w"))
            }
        }
        let partial = run.checkpointsDirectory.appendingPathComponent(".step_5.partial-1-2")
        try FileManager.default.createDirectory(at: partial, withIntermediateDirectories: true)
        try run.pruneCheckpointFolders(keepingLast: 2)
        #expect(try run.checkpointFolders().map(\.step) == [3, 4])
        #expect(!FileManager.default.fileExists(atPath: partial.path))
    }

    struct Config: Codable {
        var steps: Int
        var name: String
    }

    @Test func resumeConfigCheckNamesEveryDifference() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let run = try run(directory)
        try run.writeConfig(Config(steps: 10, name: "a"))
        try ResumeError.checkConfig(Config(steps: 10, name: "a"), matches: run)
        do {
            try ResumeError.checkConfig(Config(steps: 20, name: "a"), matches: run)
            Issue.record("a differing config was accepted")
        } catch let error as ResumeError {
            #expect(error.description.contains(run.url.path))
            #expect(error.description.contains("steps (saved 10, now 20)"))
            #expect(!error.description.contains("name"))
        }
        #expect(ResumeError.noCheckpoint(run: "runs/x").description.hasPrefix("runs/x: no complete checkpoint"))
    }
}
