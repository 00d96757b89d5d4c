/// D4RL's normalised score: 100 · (R − R_random) / (R_expert − R_random), so 0 is a random policy and 100 an
/// expert. Reference returns travel with each dataset recipe.
public struct ReferenceReturns: Codable, Equatable, Sendable {
    /// Mean episode return of a uniformly random policy.
    public var random: Double
    /// Mean episode return of the expert policy.
    public var expert: Double

    /// An error for references that cannot normalise (equal returns).
    public struct Degenerate: Error, CustomStringConvertible, Sendable {
        public var description: String {
            "reference returns are equal (random = expert); the normalised score is undefined. Re-measure the expert return."
        }
    }

    public init(random: Double, expert: Double) {
        self.random = random
        self.expert = expert
    }

    /// The normalised score of an average return `value`.
    /// - Throws: ``Degenerate`` when `expert == random`.
    public func normalized(_ value: Double) throws(Degenerate) -> Double {
        guard expert != random else { throw Degenerate() }
        return 100 * (value - random) / (expert - random)
    }
}
