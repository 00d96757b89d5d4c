import Testing
@testable import Environments

/// `SpaceSampler` draws the same values as Gymnasium's `space.seed(s); space.sample()`
/// (fixture from Scripts/fixtures/gymnasium_spaces_vector.py).
@Suite("Space sampling matches Gymnasium")
struct SpaceSamplingParityTests {
    static func space(named name: String) throws -> Space {
        switch name {
        case "discrete5": return .discrete(try DiscreteSpace(5))
        case "discrete3_start_minus1": return .discrete(try DiscreteSpace(3, start: -1))
        case "box_bounded_f32": return .box(try BoxSpace(low: -1, high: 1, shape: [3]))
        case "box_mixed_f32":
            return .box(try BoxSpace(low: [-.infinity, 0, -.infinity, -2], high: [.infinity, .infinity, 3, 2]))
        case "box_uint8": return .box(try BoxSpace(low: 0, high: 255, shape: [4], dtype: .uint8))
        case "box_f64": return .box(try BoxSpace(low: -2, high: 5, shape: [2, 2], dtype: .float64))
        case "multidiscrete": return .multiDiscrete(try MultiDiscreteSpace([3, 4, 2]))
        case "multibinary": return .multiBinary(try MultiBinarySpace(shape: [7]))
        case "text": return .text(try TextSpace(minLength: 2, maxLength: 6))
        case "tuple": return .tuple([.discrete(try DiscreteSpace(3)), .box(try BoxSpace(low: 0, high: 1, shape: [2]))])
        case "dict":
            return .dictionary([
                "b": .box(try BoxSpace(low: -1, high: 1, shape: [2])), "a": .discrete(try DiscreteSpace(4)),
            ])
        default: throw FixtureError(message: "unknown space case \(name)")
        }
    }

    @Test(
        "Seeded samples equal Gymnasium's",
        arguments: [
            "discrete5", "discrete3_start_minus1", "box_bounded_f32", "box_mixed_f32", "box_uint8", "box_f64",
            "multidiscrete", "multibinary", "text", "tuple", "dict",
        ])
    func samplesMatch(name: String) throws {
        let fixture = try loadFixture("gymnasium_spaces_vector")
        let runs = try #require(fixture["spaces"]?[name]?.array)
        let space = try Self.space(named: name)
        for run in runs {
            var sampler = SpaceSampler(space: space, seed: UInt64(try #require(run["seed"]?.int)))
            for expectedJSON in run["samples"]?.array ?? [] {
                let expected = try #require(SpaceValue(fixture: expectedJSON))
                let actual = sampler.sample()
                #expect(actual == expected)
                #expect(space.contains(actual))
            }
        }
    }
}
