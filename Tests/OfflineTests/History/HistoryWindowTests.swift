import Environments
import Testing

@testable import Offline

/// History windows (``HistoryWindowLayout``) against hand-built episodes, and against the online wrapper.
@Suite struct HistoryWindowTests {
    /// Two steps of a d = 2, n = 2 episode: observations [1,2], [3,4], [5,6]; actions 1, 0.
    static func episode() throws -> OfflineDataset {
        try OfflineDataset(
            episodes: [
                OfflineEpisode(
                    observations: [1, 2, 3, 4, 5, 6], actions: [1, 0], rewards: [0, 1], terminations: [false, true],
                    truncations: [false, false])
            ], observationDimension: 2, actionDimension: 1)
    }

    @Test("windows of k = 3: oldest row first, previous action one-hot, padding rows zero with mask 0")
    func handBuiltWindows() throws {
        let windowed = try Self.episode().historyWindows(length: 3, actionCount: 2)
        #expect(windowed.observationDimension == 15)
        let e = windowed.episodes[0]
        // t = 0: two padding rows, then [o0, no previous action, mask 1].
        #expect(Array(e.observations[0..<15]) == [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 0, 0, 1])
        // t = 1: one padding row, [o0, -, 1], [o1, a0 = 1 → (0, 1), 1].
        #expect(Array(e.observations[15..<30]) == [0, 0, 0, 0, 0, 1, 2, 0, 0, 1, 3, 4, 0, 1, 1])
        // t = 2 (final observation): [o0], [o1, a0], [o2, a1 = 0 → (1, 0)].
        #expect(Array(e.observations[30..<45]) == [1, 2, 0, 0, 1, 3, 4, 0, 1, 1, 5, 6, 1, 0, 1])
        #expect(e.actions == [1, 0] && e.rewards == [0, 1] && e.terminations == [false, true])
    }

    @Test("k = 1 keeps only the current row; windows slide once the episode is longer than k")
    func slidingWindow() throws {
        let one = try Self.episode().historyWindows(length: 1, actionCount: 2).episodes[0]
        #expect(one.observations == [1, 2, 0, 0, 1, 3, 4, 0, 1, 1, 5, 6, 1, 0, 1])
        let two = try Self.episode().historyWindows(length: 2, actionCount: 2).episodes[0]
        #expect(Array(two.observations[20..<30]) == [3, 4, 0, 1, 1, 5, 6, 1, 0, 1])
    }

    @Test("invalid window lengths and actions outside the action count are rejected")
    func invalidInputs() throws {
        #expect(throws: DatasetError.self) { try Self.episode().historyWindows(length: 0, actionCount: 2) }
        #expect(throws: DatasetError.self) { try Self.episode().historyWindows(length: 2, actionCount: 1) }
    }

    @Test("the dataset windows equal the online wrapper's observations on the same rollout")
    func datasetMatchesWrapper() throws {
        var env = try EnvironmentRegistry.shared.make("history3/NoisyCorridor-v0")
        var plain = try EnvironmentRegistry.shared.make("NoisyCorridor-v0")
        let actions = [1, 1, 0, 1, 1]
        var windows = try env.reset(seed: 5, options: [:]).observation.arrayValue ?? []
        var observations = try plain.reset(seed: 5, options: [:]).observation.arrayValue ?? []
        for a in actions {
            windows += try env.step(.int(a)).observation.arrayValue ?? []
            observations += try plain.step(.int(a)).observation.arrayValue ?? []
        }
        let episode = OfflineEpisode(
            observations: observations.map(Float.init), actions: actions.map(Float.init),
            rewards: Array(repeating: 0, count: 5), terminations: Array(repeating: false, count: 5),
            truncations: Array(repeating: false, count: 5))
        let data = try OfflineDataset(episodes: [episode], observationDimension: 14, actionDimension: 1)
        let windowed = try data.historyWindows(length: 3, actionCount: 2)
        #expect(windowed.episodes[0].observations == windows.map(Float.init))
    }
}
