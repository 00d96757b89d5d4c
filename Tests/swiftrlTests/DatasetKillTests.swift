import Foundation
import Testing

/// `swiftrl dataset collect` killed with SIGKILL at several moments never leaves a half-written dataset behind:
/// the `.npz` is either absent or complete (it loads), because it is written to a temporary file and renamed.
@Suite struct DatasetKillTests {
    @Test(.enabled(if: SwiftRLProcess.executable != nil)) func killedCollectionLeavesNoPartialDataset() throws {
        let scratch = try ScratchFolder()
        var complete = 0, absent = 0
        for (trial, delay) in [0.3, 0.6, 0.9, 1.2, 1.5, 1.8].enumerated() {
            let out = scratch.url.appendingPathComponent("d\(trial).npz")
            let arguments = [
                "dataset", "collect", "--env", "Pendulum-v1", "--recipe", "random", "--episodes", "300",
                "--out", out.path,
            ]
            let process = try SwiftRLProcess.start(arguments, log: scratch.url.appendingPathComponent("c\(trial).log"))
            // the collection takes ≈ 1–2 s in a debug build; the last trials usually land in the write itself
            Thread.sleep(forTimeInterval: delay)
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            if FileManager.default.fileExists(atPath: out.path) {
                complete += 1
                try SwiftRLProcess.runToEnd(
                    ["dataset", "info", out.path], log: scratch.url.appendingPathComponent("i\(trial).log"))
            } else {
                absent += 1
            }
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: scratch.url.path)
                .filter { $0.hasPrefix(".d\(trial).npz") }
            for name in leftovers {  // a temporary file may remain; it is never the dataset's name
                #expect(!name.hasSuffix(".npz"), "\(name)")
            }
        }
        #expect(complete + absent == 6)
    }
}
