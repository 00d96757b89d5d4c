import Environments
import Foundation
import RLCore
import Testing
import Tracking

@testable import Algorithms

/// Environments added with `EnvironmentRegistry.registerShared` are found by training and evaluation.
@Suite struct SharedRegistryTrainingTests {
    @Test func ppoTrainsOnASharedRegistration() throws {
        EnvironmentRegistry.registerShared(
            EnvironmentSpec(
                id: "CartPoleCopy-v0", summary: "CartPole under another id", maxEpisodeSteps: 200,
                rewardThreshold: 195, make: { _ throws(EnvironmentError) in CartPole() }))
        #expect(EnvironmentRegistry.shared.ids.contains("CartPoleCopy-v0"))
        #expect(!EnvironmentRegistry.standard.ids.contains("CartPoleCopy-v0"))
        var session = RunSession.Options()
        session.root = FileManager.default.temporaryDirectory.appendingPathComponent("shared-registry-\(UUID())")
        session.progress = false
        let outcome = try TrainingRun.train(
            PPO.self,
            request: TrainingRequest(
                environmentID: "CartPoleCopy-v0", seed: 1, totalSteps: 512,
                overrides: ["env.numEnvs=2", "ppo.numSteps=128", "evaluation.every=512", "evaluation.episodes=2"],
                session: session))
        #expect(outcome.finalStep >= 512)
        #expect(outcome.evaluations.last.map { $0.result.mean > 0 } == true)
        try? FileManager.default.removeItem(at: session.root)
    }
}
