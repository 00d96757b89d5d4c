import Environments
import Foundation
import Offline
import RLCore
import Tensor
import Testing
import Tracking

@testable import swiftrl

/// `swiftrl offline train` killed with SIGKILL after its first checkpoint, then `--resume`d, ends with the same
/// weights and metrics as an uninterrupted run.
@Suite(.serialized) struct OfflineKillResumeTests {
    /// Random-action Pendulum-v1 transitions as a D4RL-style `.npz`.
    static func dataset(in scratch: ScratchFolder) throws -> String {
        var env = try EnvironmentRegistry.standard.makeVector("Pendulum-v1", count: 1)
        try env.reset(seed: 1)
        var rng = Xoshiro256StarStar(seed: 1)
        var episodes: [OfflineEpisode] = []
        for index in 0..<2 {
            var observations = env.observations
            var actions: [Float] = [], rewards: [Float] = []
            for _ in 0..<40 {
                let action = rng.nextFloat() * 4 - 2
                try env.step(flatActions: [action])
                actions.append(action)
                rewards.append(Float(env.rewards[0]))
                observations += env.observations
            }
            episodes.append(
                OfflineEpisode(
                    observations: observations, actions: actions, rewards: rewards,
                    terminations: Array(repeating: false, count: 40),
                    truncations: Array(repeating: false, count: 39) + [true]))
            try env.reset(seed: UInt64(index + 2))
        }
        let path = scratch.path("pendulum.npz")
        try NPZ.writeDataset(
            try OfflineDataset(episodes: episodes, observationDimension: 3, actionDimension: 1),
            to: URL(fileURLWithPath: path))
        return path
    }

    @Test(.enabled(if: RLVRKillResumeTests.canRun)) func killedOfflineRunResumesToTheUninterruptedResult() throws {
        let scratch = try ScratchFolder()
        let arguments = [
            "offline", "train", "bc", "--dataset", try Self.dataset(in: scratch), "--env", "Pendulum-v1",
            "--steps", "3000", "--eval-every", "0", "--eval-episodes", "1", "--checkpoint-every", "100", "--seed", "2",
            "--quiet", "--set", "trainer.batchSize=8", "--set", "trainer.logEvery=100", "--set", "hiddenSizes=[8]",
        ]
        let killedRoot = scratch.url.appendingPathComponent("killed")
        let killed = try SwiftRLProcess.killWhen(
            arguments + ["--run-dir", killedRoot.path], log: scratch.url.appendingPathComponent("killed.log")
        ) {
            (try? SwiftRLProcess.existingRun(in: killedRoot)?.latestCheckpoint() != nil) ?? false
        }
        try #require(killed, "the run finished before it could be killed; give it more steps")
        let run = try SwiftRLProcess.runDirectory(in: killedRoot)
        #expect(try #require(try run.latestCheckpoint()).step < 3000)
        try SwiftRLProcess.runToEnd(
            arguments + ["--run-dir", killedRoot.path, "--resume", run.url.path],
            log: scratch.url.appendingPathComponent("resumed.log"))
        try SwiftRLProcess.runToEnd(
            arguments + ["--run-dir", scratch.path("straight")],
            log: scratch.url.appendingPathComponent("straight.log"))
        let straight = try SwiftRLProcess.runDirectory(in: scratch.url.appendingPathComponent("straight"))

        let a = try Data(contentsOf: straight.checkpoint(step: 3000).weights)
        let b = try Data(contentsOf: run.checkpoint(step: 3000).weights)
        #expect(a == b, "final weights and optimizer state differ")
        let timing: Set<String> = [OfflineMetricTag.stepsPerSecond]
        let expected = try SwiftRLProcess.metrics(straight, dropping: timing)
        let got = try SwiftRLProcess.metrics(run, dropping: timing)
        #expect(got == expected)
        #expect(got.rows.compactMap { got.cell($0, "step") } == (1...30).map { String($0 * 100) })
    }
}
