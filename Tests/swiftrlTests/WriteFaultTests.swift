import Foundation
import Testing
import Tracking

/// Faults on the write path of a real `swiftrl train` run: a full disk, a read-only run directory and a checkpoint
/// folder deleted mid-run. The disk faults use a small tmpfs, which needs root (as in CI); otherwise they are
/// skipped. Every case ends with a clear error naming the file or a run that carried on, the last good checkpoint
/// still loads, and `--resume` finishes with the same weights as an uninterrupted run.
@Suite(.serialized) struct WriteFaultTests {
    static let canMount = getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/bin/mount")
        && SwiftRLProcess.executable != nil

    static let train = [
        "train", "ppo", "--env", "CartPole-v1", "--seed", "3", "--total-steps", "6144", "--set", "checkpointEvery=1024",
        "--quiet",
    ]

    static func shell(_ command: String) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try? process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// The newest checkpoint's weights of the run under `root`.
    static func finalWeights(in root: URL) throws -> Data {
        let run = try SwiftRLProcess.runDirectory(in: root)
        let folder = run.url.appendingPathComponent("checkpoints")
        func step(_ name: String) -> Int { Int(name.dropFirst(5).prefix { $0.isNumber }) ?? 0 }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".safetensors") }
            .sorted { step($0) < step($1) }
        let last = try #require(names.last, "no checkpoint in \(folder.path)")
        return try Data(contentsOf: folder.appendingPathComponent(last))
    }

    /// Every checkpoint sidecar in the run has its weights and loads (`swiftrl eval` on the run).
    static func checkpointsLoad(_ run: URL, scratch: ScratchFolder) throws {
        let folder = run.appendingPathComponent("checkpoints")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for sidecar in names where sidecar.hasSuffix(".json") {
            let weights = sidecar.replacingOccurrences(of: ".json", with: ".safetensors")
            #expect(names.contains(weights), "\(sidecar) without its weights")
        }
        let log = scratch.url.appendingPathComponent("eval.log")
        try SwiftRLProcess.runToEnd(["eval", run.path, "--episodes", "1"], log: log)
    }

    static func reference(_ scratch: ScratchFolder) throws -> Data {
        let root = scratch.url.appendingPathComponent("reference")
        let log = scratch.url.appendingPathComponent("ref.log")
        try SwiftRLProcess.runToEnd(train + ["--run-dir", root.path], log: log)
        return try finalWeights(in: root)
    }

    @Test(.enabled(if: canMount)) func fullDiskStopsCleanlyAndResumeFinishesTheSameRun() throws {
        let scratch = try ScratchFolder()
        let expected = try Self.reference(scratch)
        let disk = scratch.url.appendingPathComponent("disk")
        try FileManager.default.createDirectory(at: disk, withIntermediateDirectories: true)
        try #require(Self.shell("mount -t tmpfs -o size=160k tmpfs '\(disk.path)'") == 0, "cannot mount a tmpfs")
        defer { _ = Self.shell("umount '\(disk.path)'") }
        let log = scratch.url.appendingPathComponent("full.log")
        let process = try SwiftRLProcess.start(Self.train + ["--run-dir", disk.path], log: log)
        process.waitUntilExit()
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        #expect(process.terminationStatus != 0, "the run did not notice the full disk")
        #expect(output.contains("No space left on device") || output.contains("enough space"), "\(output)")
        #expect(output.contains(disk.path), "the error does not name the file: \(output)")
        let run = try SwiftRLProcess.runDirectory(in: disk)
        try Self.checkpointsLoad(run.url, scratch: scratch)
        try #require(Self.shell("mount -o remount,size=20m '\(disk.path)'") == 0)
        try SwiftRLProcess.runToEnd(
            Self.train + ["--resume", run.url.path], log: scratch.url.appendingPathComponent("resume.log"))
        #expect(try Self.finalWeights(in: disk) == expected)
    }

    @Test(.enabled(if: canMount)) func readOnlyRunDirectoryGivesOneClearError() throws {
        let scratch = try ScratchFolder()
        let disk = scratch.url.appendingPathComponent("ro")
        try FileManager.default.createDirectory(at: disk, withIntermediateDirectories: true)
        try #require(Self.shell("mount -t tmpfs -o size=1m,ro tmpfs '\(disk.path)'") == 0, "cannot mount a tmpfs")
        defer { _ = Self.shell("umount '\(disk.path)'") }
        let log = scratch.url.appendingPathComponent("ro.log")
        let process = try SwiftRLProcess.start(Self.train + ["--run-dir", disk.path], log: log)
        process.waitUntilExit()
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        #expect(process.terminationStatus == 1)
        #expect(output.contains("Read-only file system"), "\(output)")
        #expect(output.contains(disk.path))
        #expect(output.split(separator: "\n").filter { $0.hasPrefix("Error:") }.count == 1)
    }

    @Test(.enabled(if: SwiftRLProcess.executable != nil)) func checkpointFolderDeletedMidRunIsRecreated() throws {
        let scratch = try ScratchFolder()
        let expected = try Self.reference(scratch)
        let root = scratch.url.appendingPathComponent("deleted")
        let log = scratch.url.appendingPathComponent("deleted.log")
        let process = try SwiftRLProcess.start(Self.train + ["--run-dir", root.path], log: log)
        let deadline = Date().addingTimeInterval(60)
        var deleted = false
        while process.isRunning && Date() < deadline && !deleted {
            if let run = SwiftRLProcess.existingRun(in: root) {
                let folder = run.url.appendingPathComponent("checkpoints")
                let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
                if names.contains(where: { $0.hasSuffix(".json") }) {
                    try FileManager.default.removeItem(at: folder)
                    deleted = true
                }
            }
            Thread.sleep(forTimeInterval: 0.005)
        }
        process.waitUntilExit()
        try #require(deleted, "the run ended before its first checkpoint could be deleted")
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        #expect(process.terminationStatus == 0, "\(output)")
        #expect(try Self.finalWeights(in: root) == expected)
    }
}
