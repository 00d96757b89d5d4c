import Foundation
import Tensor
import Testing

@testable import Offline

/// Forward–backward learning on the four-rooms test bed (small, seeded, seconds).
@Suite struct FBLearningTests {
    static func config() -> FBConfig {
        var config = FBConfig()
        config.zDimension = 16
        config.forwardHidden = [64, 64]
        config.backwardHidden = [64, 64]
        config.learningRate = 1e-3
        config.gamma = 0.9
        return config
    }

    static func train(_ learner: FBLearner, _ data: OfflineDataset, steps: Int, seed: UInt64) throws {
        var rng = Xoshiro256StarStar(seed: seed).derived("batches")
        for _ in 0..<steps { _ = try learner.update(data.sample(batchSize: 64, using: &rng)) }
    }

    @Test("FB on full-coverage data reaches goals zero-shot (z = B(goal)) far more often than at initialisation")
    func fbReachesGoals() throws {
        let rooms = try ZeroShotFourRooms()
        let data = try rooms.dataset(.random, transitions: 4_000, seed: 1)
        let problem = OfflineProblem(
            observationDimension: rooms.observationDimension, actionDimension: 1, actionCount: 4)
        let learner = try FBLearner("fb", config: Self.config(), problem: problem, mode: .none, seed: 2)
        let before = try rooms.evaluate(learner, seed: 5).mean
        let start = Date()
        try Self.train(learner, data, steps: 1_500, seed: 3)
        let after = try rooms.evaluate(learner, seed: 5).mean
        print("FB four-rooms success \(before) → \(after) in \(Date().timeIntervalSince(start)) s")
        #expect(after >= 0.5 && after > before + 0.2)
    }
}
