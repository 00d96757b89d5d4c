import Environments
import Foundation
import Testing

@testable import Algorithms

@Suite("Adversarial Surprise pieces")
struct AdversarialSurpriseTests {
    @Test("Categorical density: log p and surprise on a hand example")
    func densityHandValues() throws {
        var density = try CategoricalDensity(features: 2, classes: 3, floor: 1e-3)
        // Empty model: uniform θ = 1/3 per feature.
        #expect(abs(density.logProbability([0, 2]) - 2 * log(1.0 / 3)) < 1e-12)
        for observation in [[0, 1], [0, 2], [1, 2], [0, 2]] { density.add(observation) }
        // n = 4; feature 0 counts (3, 1, 0), feature 1 counts (0, 1, 3).
        #expect(density.size == 4)
        #expect(density.theta(feature: 0, value: 0) == 0.75)
        #expect(abs(density.logProbability([0, 2]) - 2 * log(0.75)) < 1e-12)  // −0.5753641449
        #expect(abs(density.surprise([1, 1]) - 2 * log(4.0)) < 1e-12)  // 2.7725887222
        // Unseen classes are floored at 1e-3: −log p = 2 · log(1000) = 13.815510558.
        #expect(abs(density.surprise([2, 0]) - 2 * log(1000.0)) < 1e-9)
        density.reset()
        #expect(density.size == 0 && density.counts.allSatisfy { $0 == 0 })
        #expect(try density.classify([1, 2]) == [1, 2])
        #expect(throws: SurpriseError.self) { try density.classify([1.5, 0]) }
        #expect(throws: SurpriseError.self) { try density.classify([3, 0]) }
        #expect(throws: SurpriseError.self) { try density.classify([0]) }
        #expect(throws: SurpriseError.self) { try CategoricalDensity(features: 2, classes: 1) }
    }

    @Test("Alternating schedule: who plays when, which Control steps score, which Explore round is credited")
    func schedule() throws {
        let s = try AlternatingSchedule(rounds: 4, roundLength: 4, noRewardTime: 0.5, explorerFirst: true)
        #expect(s.episodeLength == 16)
        let players = (0..<16).map { s.player(atStep: $0) }
        let expected: [SurprisePlayer] = Array(repeating: .explore, count: 4) + Array(repeating: .control, count: 4)
            + Array(repeating: .explore, count: 4) + Array(repeating: .control, count: 4)
        #expect(players == expected)
        #expect((0..<4).map { s.controlScores(stepInRound: $0) } == [false, false, true, true])
        #expect((0..<16).filter { s.endsRound($0) } == [3, 7, 11, 15])
        #expect((0..<4).map { s.creditedExploreRound(forControlRound: $0) } == [nil, 0, nil, 2])
        #expect(AlternatingSchedule.exploreReward(followingControlReturn: -3.5) == 3.5)
        #expect(AlternatingSchedule.exploreReward(followingControlReturn: nil) == 0)
        let controlFirst = try AlternatingSchedule(rounds: 3, roundLength: 2, explorerFirst: false)
        #expect((0..<3).map { controlFirst.player(ofRound: $0) } == [.control, .explore, .control])
        #expect((0..<3).map { controlFirst.creditedExploreRound(forControlRound: $0) } == [nil, nil, 1])
        #expect(throws: SurpriseError.self) { try AlternatingSchedule(rounds: 1) }
        #expect(throws: SurpriseError.self) { try AlternatingSchedule(noRewardTime: 1) }
    }

    @Test("Coverage counts distinct cells, the start included")
    func coverage() {
        var counter = CoverageCounter()
        for cell in [5, 6, 6, 7, 5, 5] { counter.visit(cell) }
        #expect(counter.distinct == 3 && counter.visits == 6)
    }

    @Test("Reward assignment in an episode: Control scores log p in the second half, Explore gets −R_C")
    func rewardAssignment() throws {
        // One cell: every observation is 8 walls around a floor, so only the first scored step is surprising.
        let config = try SurpriseExplorationConfig(
            schedule: AlternatingSchedule(rounds: 4, roundLength: 4), timeBuckets: 4)
        var run = try SurpriseExplorationRun(
            method: .adversarialSurprise, environment: try SurpriseRooms(layout: ["S"]), config: config, seed: 1)
        let trace = try run.recordEpisode()
        #expect(trace.map(\.player) == (0..<16).map { config.schedule.player(atStep: $0) })
        let first = 9 * log(1.0 / 8)  // empty model over 4 + 4 classes: −18.7149738
        let rewards = trace.map(\.reward)
        #expect(abs(rewards[6] - first) < 1e-9)
        #expect(abs(rewards[3] + first) < 1e-9)  // Explore's last step of round 0: −R_C of round 1
        for t in [0, 1, 2, 4, 5, 7, 8, 9, 10, 11, 12, 13, 14, 15] { #expect(abs(rewards[t]) < 1e-12, "step \(t)") }
        #expect(run.density.size == 4)  // 2 scored steps in each of the 2 Control rounds
    }

    @Test("Single-policy methods score every step; the surprise seeker's reward is −log p")
    func singlePolicyRewards() throws {
        let config = try SurpriseExplorationConfig(
            schedule: AlternatingSchedule(rounds: 2, roundLength: 2), timeBuckets: 2)
        for (method, sign) in [(SurpriseMethod.surpriseSeeking, -1.0), (.surpriseMinimizing, 1.0)] {
            var run = try SurpriseExplorationRun(
                method: method, environment: try SurpriseRooms(layout: ["S"]), config: config, seed: 2)
            let rewards = try run.recordEpisode().map(\.reward)
            #expect(rewards.count == 4)
            #expect(abs(rewards[0] - sign * 9 * log(1.0 / 8)) < 1e-9)
            #expect(rewards.dropFirst().allSatisfy { abs($0) < 1e-12 })
        }
    }

    @Test("Training SMiRL lowers the surprise it experiences (seconds-scale behaviour)")
    func smirlLowersSurprise() throws {
        let config = try SurpriseExplorationConfig(schedule: AlternatingSchedule(rounds: 4, roundLength: 16))
        func perStep(_ stats: [SurpriseEpisodeStats]) -> Double {
            stats.reduce(0) { $0 + $1.surprise } / Double(stats.reduce(0) { $0 + $1.scoredSteps })
        }
        var untrained = try SurpriseExplorationRun(
            method: .surpriseMinimizing, environment: try SurpriseRooms(), config: config, seed: 4)
        var trained = untrained
        let before = perStep(try untrained.evaluate(episodes: 30))
        _ = try trained.train(episodes: 200)
        let after = perStep(try trained.evaluate(episodes: 30))
        #expect(after < 0.8 * before, "SMiRL: \(after) vs \(before) before training")
    }
}
