import Foundation
import Testing
@testable import Tensor

/// Bit-exact agreement with `numpy.random.Generator(PCG64(SeedSequence(seed)))` on the committed fixture.
@Suite("NumPyGenerator matches NumPy")
struct NumPyGeneratorTests {
    let fixture: NumPyFixture

    init() throws {
        fixture = try NumPyFixture.load()
    }

    private func generator(_ seedText: String) throws -> NumPyGenerator {
        let seed = try #require(UInt64(seedText))
        return NumPyGenerator(seed: seed)
    }

    private func stateJSON(_ rng: NumPyGenerator) throws -> [String: String] {
        let data = try JSONEncoder().encode(rng)
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        return object.mapValues { "\($0)" }
    }

    private func expectState(_ rng: NumPyGenerator, _ expected: NumPyFixture.State, _ label: String) throws {
        let state = try stateJSON(rng)
        #expect(state["state"] == expected.state, "\(label): state")
        #expect(state["increment"] == expected.inc, "\(label): increment")
        #expect(state["bufferedUInt32"] == (expected.has_uint32 == 1 ? "\(expected.uinteger)" : nil), "\(label)")
    }

    @Test("Seeding gives NumPy's PCG64 state and increment")
    func seeding() throws {
        for c in fixture.cases {
            try expectState(try generator(c.seed), c.initialState, "seed \(c.seed)")
        }
    }

    @Test("Raw 64-bit draws match random_raw")
    func raw() throws {
        for c in fixture.cases {
            var rng = try generator(c.seed)
            #expect(c.raw.map { UInt64($0, radix: 16) } == c.raw.indices.map { _ in rng.next() }, "seed \(c.seed)")
        }
    }

    @Test("random() and uniform(low:high:) are bit-equal")
    func uniformDoubles() throws {
        for c in fixture.cases {
            var rng = try generator(c.seed)
            #expect(c.random.map { _ in Hex.bits(rng.random()) } == c.random, "random, seed \(c.seed)")
            rng = try generator(c.seed)
            #expect(c.uniform.map { _ in Hex.bits(rng.uniform(low: -2.5, high: 3.0)) } == c.uniform, "seed \(c.seed)")
        }
    }

    @Test("integers(low:high:) matches for ranges 2 … 2^62+3, scalar and size= paths, with the 32-bit buffer")
    func integers() throws {
        for c in fixture.cases {
            for range in c.integers {
                let high = try #require(Int(range.high))
                var rng = try generator(c.seed)
                let scalar = range.scalar.map { _ in String(rng.integers(low: range.low, high: high)) }
                #expect(scalar == range.scalar, "seed \(c.seed), high \(high)")
                try expectState(rng, range.stateAfterScalar, "seed \(c.seed), high \(high)")
                var filler = try generator(c.seed)
                let filled = filler.integers(low: range.low, high: high, count: range.size.count).map(String.init)
                #expect(filled == range.size, "size=, seed \(c.seed), high \(high)")
            }
            var rng = try generator(c.seed)
            #expect(c.integersNegative.map { _ in rng.integers(low: -1000, high: 1000) } == c.integersNegative)
        }
    }

    @Test("standardNormal() and normal(loc:scale:) are bit-equal")
    func normals() throws {
        for c in fixture.cases {
            var rng = try generator(c.seed)
            #expect(c.standardNormal.map { _ in Hex.bits(rng.standardNormal()) } == c.standardNormal, "seed \(c.seed)")
            #expect(c.standardNormalSize == c.standardNormal, "NumPy's size= fill draws like scalar calls")
            rng = try generator(c.seed)
            #expect(c.normal.map { _ in Hex.bits(rng.normal(loc: 1.5, scale: 2.0)) } == c.normal, "seed \(c.seed)")
        }
    }

    @Test("standardExponential() and exponential(scale:) are bit-equal")
    func exponentials() throws {
        for c in fixture.cases {
            var rng = try generator(c.seed)
            let standard = c.standardExponential.map { _ in Hex.bits(rng.standardExponential()) }
            #expect(standard == c.standardExponential, "seed \(c.seed)")
            rng = try generator(c.seed)
            #expect(c.exponential.map { _ in Hex.bits(rng.exponential(scale: 0.5)) } == c.exponential)
        }
    }

    @Test("Interleaved calls share one stream and one 32-bit buffer exactly as NumPy's")
    func interleaving() throws {
        for c in fixture.cases {
            var rng = try generator(c.seed)
            for (index, record) in c.interleaving.enumerated() {
                guard case .text(let op) = record[0] else { Issue.record("bad record"); continue }
                let actual: NumPyFixture.Entry
                switch op {
                case "random": actual = .text(Hex.bits(rng.random()))
                case "integers3": actual = .integer(rng.integers(high: 3))
                case "standardNormal": actual = .text(Hex.bits(rng.standardNormal()))
                case "integers2^40": actual = .integer(rng.integers(high: 1 << 40))
                case "uniform": actual = .text(Hex.bits(rng.uniform(low: -1, high: 1)))
                case "integers-5..<7": actual = .integer(rng.integers(low: -5, high: 7))
                default: actual = .text(Hex.bits(rng.standardExponential()))
                }
                #expect("\(actual)" == "\(record[1])", "seed \(c.seed), call \(index) (\(op))")
            }
            try expectState(rng, c.stateAfterInterleaving, "seed \(c.seed) after interleaving")
        }
    }

    @Test("permutation(_:) and shuffle(_:) match")
    func permutations() throws {
        for c in fixture.cases {
            var rng = try generator(c.seed)
            #expect(rng.permutation(10) == c.permutation10, "seed \(c.seed)")
            var values = Array(0..<20)
            rng.shuffle(&values)
            #expect(values == c.shuffle20AfterPermutation, "seed \(c.seed)")
        }
    }

    @Test("Long runs hit the ziggurat's wedges and tails and still agree (digests of 200k draws)")
    func longRuns() throws {
        for run in fixture.longRuns {
            var rng = try generator(run.seed)
            #expect(Hex.digest((0..<run.count).map { _ in rng.standardNormal().bitPattern }) == run.standardNormal)
            rng = try generator(run.seed)
            let exponentials = (0..<run.count).map { _ in rng.standardExponential().bitPattern }
            #expect(Hex.digest(exponentials) == run.standardExponential)
            rng = try generator(run.seed)
            let wide = (0..<run.count).map { _ in UInt64(rng.integers(high: 1 << 40)) }
            #expect(Hex.digest(wide) == run.integers2to40)
            rng = try generator(run.seed)
            #expect(Hex.digest((0..<run.count).map { _ in UInt64(rng.integers(high: 5)) }) == run.integers5)
        }
    }

    @Test("A checkpointed generator resumes the same stream, buffered half-word included")
    func codableRoundTrip() throws {
        var rng = NumPyGenerator(seed: 42)
        _ = rng.integers(high: 3)  // leaves a buffered 32-bit half-word
        let restored = try JSONDecoder().decode(NumPyGenerator.self, from: try JSONEncoder().encode(rng))
        #expect(restored == rng)
        var a = rng, b = restored
        #expect((0..<8).map { _ in a.integers(high: 10) } == (0..<8).map { _ in b.integers(high: 10) })
    }

    @Test("A malformed checkpoint state throws instead of trapping")
    func malformedState() {
        let json = Data(#"{"state": "xyz", "increment": "1"}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(NumPyGenerator.self, from: json) }
    }
}
