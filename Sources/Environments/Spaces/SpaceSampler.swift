import Tensor

/// A space together with its own seeded generator, like a Gymnasium space after `space.seed(s)`.
///
/// Seeding follows Gymnasium: a fundamental space gets `np_random(seed)`; a `Tuple`/`Dict` space seeds its
/// own generator, draws one sub-seed per sub-space with `integers(2³¹ − 1, size: n)` and seeds each sub-space
/// with it. `sample()` then draws exactly what Gymnasium's `space.sample()` draws.
public struct SpaceSampler: Sendable {
    /// The space sampled from.
    public let space: Space
    private var generator: NumPyGenerator
    private var children: [SpaceSampler]

    /// Creates a sampler seeded with `seed` (Gymnasium's `space.seed(seed)`).
    public init(space: Space, seed: UInt64) {
        self.space = space
        generator = NumPyGenerator(seed: seed)
        switch space {
        case let .tuple(spaces):
            var subseeds: [UInt64] = []
            for _ in spaces { subseeds.append(UInt64(generator.integers(low: 0, high: Int(Int32.max)))) }
            children = zip(spaces, subseeds).map { SpaceSampler(space: $0, seed: $1) }
        case let .dict(entries):
            var subseeds: [UInt64] = []
            for _ in entries { subseeds.append(UInt64(generator.integers(low: 0, high: Int(Int32.max)))) }
            children = zip(entries, subseeds).map { SpaceSampler(space: $0.space, seed: $1) }
        default:
            children = []
        }
    }

    /// Draws one element of the space.
    /// - Complexity: O(size of the space's elements).
    public mutating func sample() -> SpaceValue {
        switch space {
        case let .box(box): return .array(box.sample(using: &generator))
        case let .discrete(discrete): return .int(discrete.sample(using: &generator))
        case let .multiDiscrete(multi): return .array(multi.sample(using: &generator))
        case let .multiBinary(binary): return .array(binary.sample(using: &generator))
        case let .text(text): return .text(text.sample(using: &generator))
        case .tuple:
            var values: [SpaceValue] = []
            for index in children.indices { values.append(children[index].sample()) }
            return .tuple(values)
        case let .dict(entries):
            var values: [String: SpaceValue] = [:]
            for index in children.indices { values[entries[index].key] = children[index].sample() }
            return .dict(values)
        }
    }

    /// Samples a `Discrete` space restricted to actions whose `mask` entry is true, like Gymnasium's
    /// `Discrete.sample(mask=…)`: `start + np_random.choice(valid indices)`, or `start` when none is valid.
    /// - Throws: ``EnvironmentError/spaceMismatch(_:)`` when the space is not Discrete or the mask has the wrong length.
    public mutating func sample(mask: [Bool]) throws(EnvironmentError) -> SpaceValue {
        guard case let .discrete(discrete) = space else {
            throw .spaceMismatch("sample(mask:) needs a Discrete space, got \(space)")
        }
        guard mask.count == discrete.n else {
            throw .spaceMismatch("sample(mask:): mask has \(mask.count) entries for Discrete(\(discrete.n))")
        }
        let valid = mask.indices.filter { mask[$0] }
        guard !valid.isEmpty else { return .int(discrete.start) }
        return .int(discrete.start + valid[generator.integers(low: 0, high: valid.count)])
    }
}
