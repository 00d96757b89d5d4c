import Foundation

/// How a collected dataset was made: environment, recipe, seed, the behaviour of each part and the reference
/// returns for D4RL's normalised score. Stored with the dataset (``DatasetFile``).
public struct DatasetMetadata: Codable, Equatable, Sendable {
    /// The environment id.
    public var environmentID: String
    /// The recipe (`random`, `medium-expert`, `mix:random=0.9,expert=0.1`, …).
    public var recipe: String
    /// The collection seed.
    public var seed: UInt64
    /// Random and expert reference returns (nil when no expert reference was available).
    public var references: ReferenceReturns?
    /// The parts in recording order.
    public var parts: [Part]
    /// How each behaviour was made.
    public var notes: [String]

    /// One recorded part (a mixture component or a whole recipe).
    public struct Part: Codable, Equatable, Sendable {
        /// The recipe source (`random`, `expert`, …).
        public var source: String
        /// The behaviour policy and noise.
        public var behaviour: String
        /// Episodes recorded.
        public var episodes: Int
        /// Steps recorded.
        public var steps: Int
        /// Mean episode return.
        public var meanReturn: Double

        /// A part summarising `episodes`.
        public init(source: String, behaviour: String, episodes: [OfflineEpisode]) {
            self.source = source
            self.behaviour = behaviour
            self.episodes = episodes.count
            steps = episodes.reduce(0) { $0 + $1.length }
            meanReturn = episodes.isEmpty ? 0 : episodes.map(\.totalReward).reduce(0, +) / Double(episodes.count)
        }
    }

    /// Metadata.
    public init(
        environmentID: String, recipe: String, seed: UInt64, references: ReferenceReturns?, parts: [Part],
        notes: [String] = []
    ) {
        self.environmentID = environmentID
        self.recipe = recipe
        self.seed = seed
        self.references = references
        self.parts = parts
        self.notes = notes
    }

    /// Sorted-key JSON.
    public func json() throws(CollectionError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        do { return try encoder.encode(self) } catch { throw CollectionError("cannot encode the metadata: \(error)") }
    }
}
