import Foundation
import Testing
@testable import Tensor

@Suite("SplitMix64 and Xoshiro256StarStar")
struct XoshiroTests {
    @Test("SplitMix64 from seed 0 gives the published first outputs")
    func splitMixReference() {
        var rng = SplitMix64(seed: 0)
        #expect(
            [rng.next(), rng.next(), rng.next()] == [
                0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F,
            ])
    }

    @Test("xoshiro256** from state (1, 2, 3, 4) gives the reference outputs")
    func xoshiroReference() {
        var rng = Xoshiro256StarStar(state: SIMD4(1, 2, 3, 4))
        #expect(
            [rng.next(), rng.next(), rng.next(), rng.next()] == [11520, 0, 1_509_978_240, 1_215_971_899_390_074_240])
    }

    @Test("xoshiro256** seeding fills its state with SplitMix64 draws")
    func seedingUsesSplitMix() {
        var seeder = SplitMix64(seed: 7)
        let expected = SIMD4(seeder.next(), seeder.next(), seeder.next(), seeder.next())
        #expect(Xoshiro256StarStar(seed: 7).state == expected)
    }

    @Test("An all-zero state is replaced, so the generator never sticks at zero")
    func zeroStateRejected() {
        var rng = Xoshiro256StarStar(state: .zero)
        #expect(rng.next() != 0 || rng.next() != 0)
    }

    @Test("derived(_:) is deterministic, leaves the parent alone and separates names")
    func derivedByName() {
        let parent = Xoshiro256StarStar(seed: 1)
        var a = parent.derived("env"), b = parent.derived("env"), c = parent.derived("policy")
        #expect(parent == Xoshiro256StarStar(seed: 1))
        let first = (0..<4).map { _ in a.next() }
        #expect(first == (0..<4).map { _ in b.next() })
        #expect(first != (0..<4).map { _ in c.next() })
    }

    @Test("derived(index:) streams differ from each other and from name streams")
    func derivedByIndex() {
        let parent = Xoshiro256StarStar(seed: 1)
        let streams = (0..<64).map { parent.derived(index: $0).state } + [parent.derived("0").state, parent.state]
        #expect(Set(streams.map { "\($0)" }).count == streams.count)
    }

    @Test("SplitMix64 derived streams are deterministic and distinct")
    func splitMixDerived() {
        let parent = SplitMix64(seed: 3)
        #expect(parent.derived("a") == parent.derived("a"))
        #expect(parent.derived("a") != parent.derived("b"))
        #expect(parent.derived(index: 0) != parent.derived(index: 1))
    }

    @Test("split() advances the parent and returns a different stream")
    func split() {
        var parent = Xoshiro256StarStar(seed: 9)
        let before = parent
        var child = parent.split()
        #expect(parent != before)
        var copy = parent
        #expect((0..<4).map { _ in child.next() } != (0..<4).map { _ in copy.next() })
    }

    @Test("Codable round trip restores the exact stream")
    func codable() throws {
        var rng = Xoshiro256StarStar(seed: 5)
        _ = rng.next()
        var restored = try JSONDecoder().decode(Xoshiro256StarStar.self, from: JSONEncoder().encode(rng))
        #expect((0..<4).map { _ in restored.next() } == (0..<4).map { _ in rng.next() })
    }

    @Test("nextFloat and nextDouble stay in [0, 1) and average about 1/2")
    func unitIntervals() {
        var rng = Xoshiro256StarStar(seed: 11)
        let floats = (0..<20_000).map { _ in rng.nextFloat() }
        let doubles = (0..<20_000).map { _ in rng.nextDouble() }
        #expect(floats.allSatisfy { $0 >= 0 && $0 < 1 } && doubles.allSatisfy { $0 >= 0 && $0 < 1 })
        #expect(abs(floats.reduce(0, +) / 20_000 - 0.5) < 0.01)
        #expect(abs(doubles.reduce(0, +) / 20_000 - 0.5) < 0.01)
    }

    @Test("normal() has mean ≈ 0 and variance ≈ 1")
    func normalMoments() {
        var rng = Xoshiro256StarStar(seed: 12)
        let samples = (0..<50_000).map { _ in rng.normal() }
        let mean = samples.reduce(0, +) / Double(samples.count)
        let variance = samples.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(samples.count)
        #expect(abs(mean) < 0.02 && abs(variance - 1) < 0.03)
    }

    @Test("exponential() has mean ≈ 1 and is never negative")
    func exponentialMoments() {
        var rng = Xoshiro256StarStar(seed: 14)
        let samples = (0..<50_000).map { _ in rng.exponential() }
        #expect(samples.allSatisfy { $0 >= 0 })
        #expect(abs(samples.reduce(0, +) / Double(samples.count) - 1) < 0.02)
    }

    @Test("The generic normal() on NumPyGenerator is NumPy's standard_normal stream")
    func genericNormalMatchesNumPy() {
        var generic = NumPyGenerator(seed: 3), specific = NumPyGenerator(seed: 3)
        let viaProtocol = (0..<1000).map { _ in generic.normal() }
        #expect(viaProtocol == (0..<1000).map { _ in specific.standardNormal() })
    }

    @Test("int(below:) covers 0..<bound evenly", arguments: [1, 3, 7, 1000])
    func intBelow(bound: Int) {
        var rng = Xoshiro256StarStar(seed: 13)
        var counts = [Int](repeating: 0, count: bound)
        let draws = 3_000 * bound
        for _ in 0..<min(draws, 300_000) { counts[rng.int(below: bound)] += 1 }
        let expected = Double(min(draws, 300_000)) / Double(bound)
        #expect(counts.allSatisfy { abs(Double($0) - expected) < 6 * expected.squareRoot() + 1 })
    }
}
