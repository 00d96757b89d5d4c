import Foundation
import Tensor
import Testing

@testable import Offline

/// Episodes with 1-D states and discrete actions.
private func dataset(_ episodes: [(states: [Float], actions: [Float], rewards: [Float])]) throws -> OfflineDataset {
    try OfflineDataset(
        episodes: episodes.map { e in
            OfflineEpisode(
                observations: e.states, actions: e.actions, rewards: e.rewards,
                terminations: e.rewards.indices.map { $0 == e.rewards.count - 1 },
                truncations: e.rewards.map { _ in false })
        }, observationDimension: 1, actionDimension: 1)
}

@Test("TQ by hand: episode returns 2 and 4, random 1, best 5 → (3 − 1)/(5 − 1) = 0.5")
func tqHandComputed() throws {
    let d = try dataset([([0, 1, 2], [0, 1], [1, 1]), ([0, 1, 2, 3], [0, 0, 1], [1, 1, 2])])
    #expect(try DatasetMetrics.tq(d, randomReturn: 1, bestReturn: 5) == 0.5)
    #expect(throws: DatasetError.self) { _ = try DatasetMetrics.tq(d, randomReturn: 5, bestReturn: 5) }
    #expect(DatasetMetrics.sparsity(d) == 0)
    #expect(DatasetMetrics.meanEpisodeLength(d) == 2.5)
}

@Test("np.digitize with 100 edges: the number of edges ≤ x, 0 below and 100 at or above the top")
func digitizeHandComputed() throws {
    let d = try StateActionDiscretizer(bins: 100, low: [0], high: [99])
    #expect(d.bin(-1, column: 0) == 0)
    #expect(d.bin(0, column: 0) == 1)
    #expect(d.bin(0.5, column: 0) == 1)
    #expect(d.bin(50, column: 0) == 51)
    #expect(d.bin(98.9, column: 0) == 99)
    #expect(d.bin(99, column: 0) == 100)
    #expect(d.bin(120, column: 0) == 100)
}

@Test("SACo by hand: 2 unique (s, a) against the reference's 4 → 0.5, exact and HyperLogLog")
func sacoHandComputed() throws {
    // reference: states 0, 1, 2 (then 3) with actions 0, 1, 0 → 3 rows + second episode (3, 1) → 4 unique
    let reference = try dataset([([0, 1, 2, 3], [0, 1, 0], [1, 1, 1]), ([3, 3], [1], [1])])
    // dataset: (0, 0) twice and (3, 1) → 2 unique
    let d = try dataset([([0, 9], [0], [0]), ([0, 3, 3], [0, 1], [0, 1])])
    #expect(try DatasetMetrics.saco(d, reference: reference, counting: .exact) == 0.5)
    #expect(try DatasetMetrics.saco(d, reference: reference, counting: .paper) == 0.5)
    let m = try DatasetMetrics.measure(
        d, reference: reference, references: ReferenceReturns(random: 0, expert: 2), settings: {
            var s = DatasetMeasureSettings()
            s.counting = .exact
            return s
        }())
    #expect(m.saco == 0.5 && m.uniqueStateActions == 2 && m.referenceUniqueStateActions == 4)
    #expect(m.tq == 0.25)
    #expect(m.sparsity == 0.75)  // episode 1: 1 of 1 zero; episode 2: 1 of 2 zero → (1 + 0.5)/2
}

@Test("HyperLogLog(0.01) has 2^14 registers and estimates 100,000 distinct keys within 3 standard errors")
func hyperLogLogKnownCardinality() throws {
    var sketch = try HyperLogLog(error: 0.01)
    #expect(sketch.precision == 14)
    #expect(abs(sketch.standardError - 1.04 / 128) < 1e-12)
    for i in 0..<100_000 { sketch.insert(hash: HyperLogLog.hash([Int32(i), Int32(i % 7)])) }
    for i in 0..<50_000 { sketch.insert(hash: HyperLogLog.hash([Int32(i), Int32(i % 7)])) }  // duplicates
    let relative = abs(sketch.estimate - 100_000) / 100_000
    #expect(relative < 3 * sketch.standardError, "estimate \(sketch.estimate)")
    #expect(throws: DatasetError.self) { _ = try HyperLogLog(error: 0) }
    #expect(try UniqueCounting(parsing: "hll:0.02") == .hyperLogLog(error: 0.02))
    #expect(throws: DatasetError.self) { _ = try UniqueCounting(parsing: "approx") }
}

@Test("BC entropy: near 0 for a deterministic behaviour, near ln 2 for coin-flip actions")
func bcEntropyExtremes() throws {
    var rng = Xoshiro256StarStar(seed: 4)
    let states = (0..<401).map { _ in Float(rng.nextDouble()) }
    let constant = try dataset([(states, [Float](repeating: 1, count: 400), [Float](repeating: 1, count: 400))])
    let coin = try dataset([(states, (0..<400).map { _ in Float(rng.int(below: 2)) }, [Float](repeating: 1, count: 400))])
    var settings = DatasetMeasureSettings()
    settings.bcEpochs = 20
    let low = try DatasetMetrics.bcEntropy(constant, actionCount: 2, settings: settings)
    let high = try DatasetMetrics.bcEntropy(coin, actionCount: 2, settings: settings)
    #expect(low < 0.1, "deterministic behaviour entropy \(low)")
    #expect(high > 0.6, "coin-flip behaviour entropy \(high) (ln 2 = 0.693)")
}

@Test("measure() rejects a reference of another shape")
func measureRejectsMismatchedReference() throws {
    let d = try dataset([([0, 1], [0], [1])])
    let other = try OfflineDataset(
        episodes: [OfflineEpisode(observations: [0, 0, 1, 1], actions: [0], rewards: [1], terminations: [true],
                                  truncations: [false])], observationDimension: 2, actionDimension: 1)
    #expect(throws: DatasetError.self) { _ = try DatasetMetrics.measure(d, reference: other) }
}
