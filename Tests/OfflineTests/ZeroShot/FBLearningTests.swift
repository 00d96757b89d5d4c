import Environments
import Foundation
import RLCore
import Tensor
import Testing

@testable import Offline

/// Forward–backward learning on small grids (seeded, seconds in debug builds), and the learner's plumbing.
@Suite struct FBLearningTests {
    /// A 5 × 5 open room inside walls; the dataset's reward marks the bottom-right corner.
    static func room() throws -> ZeroShotFourRooms {
        try ZeroShotFourRooms(
            layout: ["#######", "#S....#", "#.....#", "#.....#", "#.....#", "#.....#", "#######"],
            goals: [(5, 5), (1, 5)], starts: [(1, 1), (3, 1), (1, 3)], rewardCell: (5, 5), horizon: 12)
    }

    static func config() -> FBConfig {
        var config = FBConfig()
        config.zDimension = 8
        config.forwardHidden = [32, 32]
        config.backwardHidden = [32, 32]
        config.learningRate = 1e-3
        config.gamma = 0.8
        return config
    }

    static func problem(_ grid: ZeroShotFourRooms) -> OfflineProblem {
        OfflineProblem(observationDimension: grid.observationDimension, actionDimension: 1, actionCount: 4)
    }

    /// Fraction of starts from which π_z enters the reward cell within the horizon.
    static func rewardSuccess(_ learner: FBLearner, _ grid: ZeroShotFourRooms) -> Double {
        let z = learner.taskZ()
        var reached = 0
        for start in grid.starts {
            var cell = start
            for _ in 0..<grid.horizon where cell != grid.rewardCell {
                cell = grid.next(cell, learner.greedy(grid.observation(cell), count: 1, z: z)[0])
            }
            if cell == grid.rewardCell { reached += 1 }
        }
        return Double(reached) / Double(grid.starts.count)
    }

    @Test("FB with the task inferred from reward samples (z_r) reaches the rewarded corner from every start")
    func fbReachesRewardedGoal() throws {
        let grid = try Self.room()
        let data = try grid.dataset(.random, transitions: 1_500, seed: 1)
        let learner = try FBLearner("fb", config: Self.config(), problem: Self.problem(grid), mode: .none, seed: 2)
        learner.prepare(data: data)
        let before = Self.rewardSuccess(learner, grid)
        var rng = Xoshiro256StarStar(seed: 3).derived("batches")
        for _ in 0..<400 { _ = try learner.update(data.sample(batchSize: 32, using: &rng)) }
        let after = Self.rewardSuccess(learner, grid)
        #expect(after == 1, "success \(before) → \(after)")
        #expect(try grid.evaluate(learner, seed: 4).perGoal[0] == 1)  // z = B(goal) for the same corner
    }

    @Test("VC-FB and MC-FB report their penalty; Lagrange α moves by −½ α (P − τ); same seed ⇒ same update")
    func conservativeUpdates() throws {
        let grid = try Self.room()
        let data = try grid.dataset(.homogeneous, transitions: 200, seed: 1)
        for mode in [FBConservativeMode.value, .measure] {
            var config = Self.config()
            config.conservative.lagrange = true
            let metrics = try (0..<2).map { _ -> [Metric] in
                let learner = try FBLearner("x", config: config, problem: Self.problem(grid), mode: mode, seed: 9)
                var rng = Xoshiro256StarStar(seed: 1)
                let m = try learner.update(data.sample(batchSize: 16, using: &rng))
                // P ≪ τ = 50 ⇒ ∂L/∂log α > 0 ⇒ Adam lowers log α by ≈ its learning rate on the first step.
                #expect(abs(learner.alpha - Foundation.exp(-config.learningRate)) < 1e-6)
                return m
            }
            let penalty = metrics[0].first { $0.tag == FBMetricTag.conservativePenalty }?.value ?? -1
            #expect(penalty > 0)
            #expect(metrics[0] == metrics[1])
        }
    }

    @Test("registry names, mode defaults, FB-M windows, act through z_r, and invalid settings named")
    func plumbing() throws {
        #expect(OfflineAlgorithmRegistry.names(for: .discrete).suffix(3) == ["fb", "vcfb", "mcfb"])
        let grid = try Self.room()
        let problem = Self.problem(grid)
        #expect(try VCFB(config: Self.config(), problem: problem, seed: 1).learner.mode == .value)
        #expect(try MCFB(config: Self.config(), problem: problem, seed: 1).learner.mode == .measure)
        var override = Self.config()
        override.conservative.mode = .value
        #expect(try ForwardBackward(config: override, problem: problem, seed: 1).learner.mode == .value)
        let fb = try ForwardBackward(config: Self.config(), problem: problem, seed: 1)
        try fb.prepare(data: try grid.dataset(.random, transitions: 100, seed: 2))
        #expect(fb.act(grid.observation(grid.starts[0]) + grid.observation(grid.starts[1]), count: 2).count == 2)
        // FB-M: a GRU over windows of 2 rows; B reads the last row's observation.
        var memory = Self.config()
        memory.memoryWidth = 8
        #expect(throws: OfflineAlgorithmError.self) { try ForwardBackward(config: memory, problem: problem, seed: 1) }
        let windowed = OfflineProblem(
            observationDimension: 2 * (grid.observationDimension + 5), actionDimension: 1, actionCount: 4,
            historyLength: 2)
        let fbm = try ForwardBackward(config: memory, problem: windowed, seed: 1)
        let data = try grid.dataset(.random, transitions: 100, seed: 2).flickered(probability: 0.5, seed: 3)
            .historyWindows(length: 2, actionCount: 4)
        var rng = Xoshiro256StarStar(seed: 4)
        _ = try fbm.update(data.sample(batchSize: 8, using: &rng))
        #expect(try grid.evaluate(fbm.learner, historyLength: 2, flicker: 0.5, seed: 1).perGoal.count == 2)
        var bad = Self.config()
        bad.zMixRatio = 2
        #expect(throws: OfflineAlgorithmError("fb.zMixRatio must be in [0, 1] (paper 0.5), got 2.0")) {
            try ForwardBackward(config: bad, problem: problem, seed: 1)
        }
    }

    @Test("flickering zeroes whole observations with the given probability; the grid's datasets and BFS")
    func flickerAndDatasets() throws {
        let rooms = try ZeroShotFourRooms()
        #expect(rooms.freeCells.count == 104)
        #expect(rooms.distances(to: rooms.rewardCell)[rooms.freeCells[0]] == 20)
        let low = try rooms.dataset(.homogeneous, transitions: 500, seed: 1)
        let full = try rooms.dataset(.random, transitions: 500, seed: 1)
        let visited = { (d: OfflineDataset) in
            Set(d.episodes.flatMap { e in
                (0...e.length).map { t in e.observations[(t * 169)..<((t + 1) * 169)].firstIndex(of: 1) ?? -1 }
            })
        }
        #expect(visited(low).count < visited(full).count)
        let flickered = try full.flickered(probability: 0.3, seed: 2)
        let rows = flickered.episodes.flatMap { e in
            (0...e.length).map { e.observations[($0 * 169)..<(($0 + 1) * 169)] }
        }
        let zeroed = Double(rows.filter { !$0.contains(1) }.count) / Double(rows.count)
        #expect(abs(zeroed - 0.3) < 0.06)
        #expect(flickered.episodes.map(\.actions) == full.episodes.map(\.actions))
        #expect(throws: DatasetError.self) { try full.flickered(probability: 1.5, seed: 1) }
    }

    @Test("FourRoomsOneHot-v0: one-hot observations of the 169 cells, passes the environment checker")
    func oneHotFourRooms() throws {
        let vector = try EnvironmentRegistry.standard.makeVector("FourRoomsOneHot-v0", count: 1)
        #expect(vector.observationSize == 169)
        var checker = EnvironmentChecker(id: "FourRoomsOneHot-v0")
        checker.rolloutSteps = 200
        #expect(checker.run().filter { !$0.passed }.isEmpty)
    }
}
