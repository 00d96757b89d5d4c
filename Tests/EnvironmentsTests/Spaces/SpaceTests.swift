import Testing
@testable import Environments

@Suite("Spaces")
struct SpaceTests {
    static let spaces: [Space] = [
        (try? BoxSpace(low: [-.infinity, 0], high: [1, .infinity])).map(Space.box),
        .discrete(DiscreteSpace(validN: 4, start: 2)),
        (try? MultiDiscreteSpace([2, 3])).map(Space.multiDiscrete),
        (try? MultiBinarySpace(shape: [2, 2])).map(Space.multiBinary),
        (try? TextSpace(minLength: 0, maxLength: 3, charset: "ab")).map(Space.text),
        .tuple([.discrete(DiscreteSpace(validN: 2)), .box(.fixed(low: [0], high: [1]))]),
        .dictionary(["z": .discrete(DiscreteSpace(validN: 3)), "a": .box(.fixed(low: [-1, -1], high: [1, 1]))]),
    ].compactMap { $0 }

    @Test("Minari JSON round-trips every space type", arguments: spaces)
    func jsonRoundTrip(space: Space) throws {
        let text = space.json.serialized(pythonStyle: true)
        #expect(try Space(json: JSONParser.parse(text)) == space)
    }

    @Test("Box JSON matches Minari's layout")
    func boxJSONLayout() throws {
        let space = Space.box(try BoxSpace(low: -1, high: 1, shape: [2]))
        #expect(
            space.json.serialized(pythonStyle: true)
                == #"{"type": "Box", "dtype": "float32", "shape": [2], "low": [-1, -1], "high": [1, 1]}"#)
    }

    @Test(
        "flatten then unflatten is the identity for numeric spaces", arguments: spaces.filter { $0.typeName != "Text" })
    func flattenRoundTrip(space: Space) throws {
        var sampler = SpaceSampler(space: space, seed: 9)
        for _ in 0..<10 {
            let value = sampler.sample()
            let flat = try space.flatten(value)
            #expect(flat.count == space.flatDimension)
            #expect(try space.unflatten(flat) == value)
        }
    }

    @Test("Discrete flattens to one-hot")
    func discreteOneHot() throws {
        #expect(try Space.discrete(DiscreteSpace(3, start: 1)).flatten(.int(2)) == [0, 1, 0])
    }

    @Test("contains rejects out-of-bounds, wrong shapes and non-integers")
    func containsRejects() throws {
        let box = Space.box(try BoxSpace(low: 0, high: 1, shape: [2]))
        #expect(!box.contains(.array([0.5, 2])))
        #expect(!box.contains(.array([0.5])))
        #expect(!Space.multiDiscrete(try MultiDiscreteSpace([2])).contains(.array([0.5])))
        #expect(!Space.discrete(try DiscreteSpace(2)).contains(.int(2)))
    }

    @Test("Invalid spaces throw")
    func invalidSpacesThrow() {
        #expect(throws: EnvironmentError.self) { try BoxSpace(low: [1], high: [0]) }
        #expect(throws: EnvironmentError.self) { try DiscreteSpace(0) }
        #expect(throws: EnvironmentError.self) { try Space(json: JSONParser.parse(#"{"type": "Nope"}"#)) }
    }

    @Test("JSON parser reads Python's Infinity and NaN")
    func parserReadsInfinity() throws {
        let value = try JSONParser.parse("[Infinity, -Infinity, NaN, 1.5e3]")
        let numbers = value.array?.compactMap(\.number) ?? []
        #expect(numbers[0] == .infinity && numbers[1] == -.infinity && numbers[2].isNaN && numbers[3] == 1500)
    }
}

@Suite("Masked sampling")
struct MaskedSamplingTests {
    @Test("Discrete(6, start: 1) masked samples equal Gymnasium's for seed 3")
    func maskedDiscreteMatchesGymnasium() throws {
        // Recorded with gymnasium 1.4: s = Discrete(6, start=1); s.seed(3); s.sample(mask=[1,0,1,1,0,1]) × 8.
        var sampler = SpaceSampler(space: .discrete(try DiscreteSpace(6, start: 1)), seed: 3)
        let mask = [true, false, true, true, false, true]
        let samples = try (0..<8).map { _ in try sampler.sample(mask: mask) }
        #expect(samples == [6, 1, 1, 1, 1, 6, 6, 4].map(SpaceValue.int))
    }

    @Test("A mask of the wrong length throws")
    func wrongMaskThrows() throws {
        var sampler = SpaceSampler(space: .discrete(try DiscreteSpace(3)), seed: 0)
        #expect(throws: EnvironmentError.self) { try sampler.sample(mask: [true]) }
    }
}
