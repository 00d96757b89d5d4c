import Testing
@testable import Environments

/// `VectorEnvironment` reproduces `gymnasium.make_vec("CartPole-v1", 4, "sync")` in both autoreset modes.
@Suite("Vector environments match Gymnasium's SyncVectorEnv")
struct SyncVectorParityTests {
    @Test("CartPole ×4 trajectories match", arguments: [AutoresetMode.nextStep, .sameStep])
    func cartPoleMatches(mode: AutoresetMode) throws {
        let fixture = try loadFixture("gymnasium_spaces_vector")
        let record = try #require(fixture["vector"]?.array?.first { $0["mode"]?.string == mode.rawValue })
        for parallelism in [VectorParallelism.serial, .threads(2, minimumPerThread: 1), .adaptive(threads: 2)] {
            var vector = try VectorEnvironment(count: 4, autoresetMode: mode, parallelism: parallelism) {
                (_) throws(EnvironmentError) in try TimeLimit(CartPole(), maxEpisodeSteps: 500)
            }
            try vector.reset(seed: 7)
            var ended = 0
            for step in record["steps"]?.array ?? [] {
                try vector.step((step["actions"]?.doubles ?? []).map { Int($0) })
                #expect(vector.observations == floatsFromBits(try #require(step["observations"])))
                #expect(vector.rewards == step["rewards"]?.doubles)
                #expect(vector.terminations == step["terminations"]?.bools)
                #expect(vector.truncations == step["truncations"]?.bools)
                if let mask = step["final_mask"]?.bools {
                    #expect(vector.hasFinalObservation == mask)
                    for (index, final) in (step["final_observations"]?.array ?? []).enumerated() where mask[index] {
                        let row = Array(vector.finalObservations[(index * 4)..<(index * 4 + 4)])
                        #expect(row == floatsFromBits(final))
                        ended += 1
                    }
                } else {
                    #expect(!vector.hasFinalObservation.contains(true))
                }
            }
            if mode == .sameStep { #expect(ended > 5) }
        }
    }

    @Test("Metadata advertises the autoreset mode")
    func metadataAdvertisesMode() throws {
        let vector = try VectorEnvironment(count: 2, autoresetMode: .sameStep) { (_) throws(EnvironmentError) in
            CartPole()
        }
        #expect(vector.metadata.autoresetMode == .sameStep)
    }

    @Test("Disabled autoreset throws when a finished sub-environment is stepped")
    func disabledModeThrows() throws {
        var vector = try VectorEnvironment(count: 1, autoresetMode: .disabled) { (_) throws(EnvironmentError) in
            try TimeLimit(CartPole(), maxEpisodeSteps: 1)
        }
        try vector.reset(seed: 0)
        try vector.step([0])
        #expect(throws: EnvironmentError.self) { try vector.step([0]) }
    }

    @Test("Finished episodes report return and length")
    func finishedEpisodesReported() throws {
        var vector = try VectorEnvironment(count: 2) { (_) throws(EnvironmentError) in
            try TimeLimit(CartPole(), maxEpisodeSteps: 3)
        }
        try vector.reset(seed: 1)
        for _ in 0..<3 { try vector.step([0, 1]) }
        #expect(vector.finishedEpisodes.map(\.length) == [3, 3])
        #expect(vector.finishedEpisodes.map(\.episodeReturn) == [3, 3])
    }
}

@Suite("Vector observation normalisation")
struct VectorNormalizerTests {
    @Test("A batch update equals folding the batch's moments into the statistics")
    func batchUpdate() throws {
        var normalizer = VectorObservationNormalizer(size: 2)
        let normalized = try normalizer([1, 10, 3, 30])
        var expected = RunningMeanStd(size: 2)
        expected.update(batchMean: [2, 20], batchVariance: [1, 100], batchCount: 2)
        #expect(normalizer.statistics == expected)
        let first = Float((1 - expected.mean[0]) / (expected.variance[0] + 1e-8).squareRoot())
        #expect(normalized[0] == first)
    }

    @Test("A ragged batch throws")
    func raggedThrows() {
        var normalizer = VectorObservationNormalizer(size: 3)
        #expect(throws: EnvironmentError.self) { try normalizer([1, 2]) }
    }
}

@Suite("Vector environment options")
struct VectorOptionsTests {
    @Test("collectInfo keeps each sub-environment's info")
    func collectsInfo() throws {
        var vector = try VectorEnvironment(count: 2) { (_) throws(EnvironmentError) in Taxi() }
        vector.collectInfo = true
        try vector.reset(seed: 0)
        #expect(vector.infos.allSatisfy { $0["action_mask"] != nil })
        try vector.step([0, 1])
        #expect(vector.infos.allSatisfy { $0["prob"] == .double(1) })
    }

    @Test("reset(indices:) resets only the listed sub-environments with seed + index")
    func partialReset() throws {
        var vector = try VectorEnvironment(count: 3) { (_) throws(EnvironmentError) in CartPole() }
        try vector.reset(seed: 10)
        let before = vector.observations
        try vector.step([1, 1, 1])
        try vector.reset(indices: [1], seed: 10)
        #expect(Array(vector.observations[4..<8]) == Array(before[4..<8]))
        #expect(Array(vector.observations[0..<4]) != Array(before[0..<4]))
    }

    @Test("Continuous flat actions reach each sub-environment")
    func flatActions() throws {
        var vector = try VectorEnvironment(count: 2) { (_) throws(EnvironmentError) in Pendulum() }
        try vector.reset(seed: 4)
        var single = Pendulum()
        _ = try single.reset(seed: 5)
        try vector.step(flatActions: [0.3, -1.5])
        let expected = try single.step(-1.5).observation.flatArray
        #expect(Array(vector.observations[3..<6]) == expected)
    }

    @Test("A wrong number of actions throws")
    func wrongActionCount() throws {
        var vector = try VectorEnvironment(count: 2) { (_) throws(EnvironmentError) in CartPole() }
        try vector.reset(seed: 0)
        #expect(throws: EnvironmentError.self) { try vector.step(discreteActions: [1]) }
    }
}

@Suite("Vector reward normalisation")
struct VectorRewardNormalizerTests {
    @Test("Returns reset on termination and rewards are scaled by the returns' running std")
    func normalisesRewards() throws {
        var normalizer = VectorRewardNormalizer(count: 2, gamma: 0.5)
        _ = try normalizer([1, 2], terminations: [false, false])
        let scaled = try normalizer([1, 2], terminations: [true, false])
        #expect(normalizer.returns == [1, 3])
        let scale = 1 / (normalizer.statistics.variance[0] + 1e-8).squareRoot()
        #expect(scaled == [scale, 2 * scale])
    }
}

@Suite("Vector reset clears per-step results")
struct VectorResetTests {
    @Test("finishedEpisodes is empty after reset")
    func resetClearsFinished() throws {
        var vector = try VectorEnvironment(count: 1) { (_) throws(EnvironmentError) in
            try TimeLimit(CartPole(), maxEpisodeSteps: 1)
        }
        try vector.reset(seed: 0)
        try vector.step([0])
        #expect(vector.finishedEpisodes.count == 1)
        try vector.reset(seed: 0)
        #expect(vector.finishedEpisodes.isEmpty)
    }
}
