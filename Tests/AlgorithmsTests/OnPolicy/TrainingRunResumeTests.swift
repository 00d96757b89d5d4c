import Foundation
import RLCore
import Testing
import Tracking

@testable import Algorithms

/// metrics.csv without the wall-clock column (SPS).
private func deterministicCSV(_ run: URL) throws -> [String] {
    let lines = try String(contentsOf: run.appendingPathComponent("metrics.csv"), encoding: .utf8)
        .split(separator: "\n").map(String.init)
    guard let header = lines.first?.split(separator: ",", omittingEmptySubsequences: false).map(String.init),
        let sps = header.firstIndex(of: MetricTag.stepsPerSecond)
    else { return lines }
    return lines.map { line in
        var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        if fields.count > sps { fields.remove(at: sps) }
        return fields.joined(separator: ",")
    }
}

@Test("A run resumed through the run directory writes the same metrics as the uninterrupted run")
func trainingRunResumeIdentical() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("h5-run-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    var options = RunSession.Options()
    options.root = root
    options.progress = false
    options.watchSignals = false
    options.keepCheckpoints = 0
    let overrides = [
        "env.numEnvs=4", "ppo.numSteps=16", "ppo.minibatchSize=32", "ppo.epochs=2", "checkpointEvery=320",
        "evaluation.every=320", "evaluation.episodes=2",
    ]
    let request = TrainingRequest(
        environmentID: "CartPole-v1", seed: 5, totalSteps: 640, overrides: overrides, session: options)
    let full = try TrainingRun.train(PPO.self, request: request)

    // Simulate a crash after the checkpoint at step 320: copy the run and drop the final checkpoint.
    let copy = root.appendingPathComponent("copy", isDirectory: true)
    try FileManager.default.copyItem(at: full.run.url, to: copy)
    let final = try #require(full.checkpoint)
    for file in [final.weights, final.sidecar] {
        try FileManager.default.removeItem(at: copy.appendingPathComponent("checkpoints/\(file.lastPathComponent)"))
    }
    var resume = request
    resume.resume = copy
    let resumed = try TrainingRun.train(PPO.self, request: resume)
    #expect(resumed.finalStep == full.finalStep)
    #expect(try deterministicCSV(copy) == deterministicCSV(full.run.url))
}
