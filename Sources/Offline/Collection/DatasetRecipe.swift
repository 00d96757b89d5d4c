/// A D4RL-style dataset recipe: which behaviour policies record the episodes, and in what proportion.
public enum DatasetRecipe: Equatable, Sendable, CustomStringConvertible {
    /// A uniformly random policy.
    case random
    /// A partly trained policy (about a third of the expert's normalised score).
    case medium
    /// The expert policy (with its recording noise).
    case expert
    /// The replay buffer of the run that produced the medium policy (or its stand-in, see ``BehaviourSet``).
    case mediumReplay
    /// The medium and the expert datasets concatenated (`episodes` of each, like D4RL's medium-expert).
    case mediumExpert
    /// Episodes of several behaviours in given fractions of the episode count, e.g. 90 % random + 10 % expert.
    case mixture([Component])

    /// One part of a mixture.
    public struct Component: Equatable, Sendable {
        /// The behaviour: ``DatasetRecipe/random``, ``DatasetRecipe/medium`` or ``DatasetRecipe/expert``.
        public var source: DatasetRecipe
        /// The fraction of the episodes, in (0, 1].
        public var fraction: Double

        /// A component.
        public init(_ source: DatasetRecipe, _ fraction: Double) {
            self.source = source
            self.fraction = fraction
        }
    }

    /// Parses `random`, `medium`, `expert`, `medium-replay`, `medium-expert`, `mix:random=0.9,expert=0.1` or
    /// `random:0.9,expert:0.1`.
    /// - Throws: ``CollectionError`` naming the bad part and the accepted forms.
    public init(parsing text: String) throws(CollectionError) {
        let forms = "random, medium, expert, medium-replay, medium-expert, or mix:random=0.9,expert=0.1"
        switch text.lowercased() {
        case "random": self = .random
        case "medium": self = .medium
        case "expert": self = .expert
        case "medium-replay", "medium_replay": self = .mediumReplay
        case "medium-expert", "medium_expert": self = .mediumExpert
        default:
            var body = Substring(text.lowercased())
            if body.hasPrefix("mix:") { body = body.dropFirst(4) }
            var components: [Component] = []
            for part in body.split(separator: ",") {
                let pieces = part.split(whereSeparator: { $0 == "=" || $0 == ":" })
                guard pieces.count == 2, let fraction = Double(pieces[1]), fraction > 0, fraction <= 1 else {
                    throw CollectionError("recipe part `\(part)` is not `<source>=<fraction in (0, 1]>`; use \(forms)")
                }
                let source: DatasetRecipe
                switch pieces[0] {
                case "random": source = .random
                case "medium": source = .medium
                case "expert": source = .expert
                default:
                    throw CollectionError("mixture source `\(pieces[0])` is not random, medium or expert; use \(forms)")
                }
                components.append(Component(source, fraction))
            }
            guard !components.isEmpty else { throw CollectionError("unknown recipe `\(text)`; use \(forms)") }
            let total = components.reduce(0) { $0 + $1.fraction }
            guard abs(total - 1) < 1e-6 else {
                throw CollectionError("mixture fractions of `\(text)` sum to \(total); make them sum to 1")
            }
            self = .mixture(components)
        }
    }

    public var description: String {
        switch self {
        case .random: "random"
        case .medium: "medium"
        case .expert: "expert"
        case .mediumReplay: "medium-replay"
        case .mediumExpert: "medium-expert"
        case .mixture(let parts):
            "mix:" + parts.map { "\($0.source)=\(Self.format($0.fraction))" }.joined(separator: ",")
        }
    }

    private static func format(_ x: Double) -> String {
        x == x.rounded() ? String(Int(x)) : String(x)
    }

    /// Episodes per component of a mixture: largest-remainder rounding of `fraction × episodes`, then every
    /// component with a positive fraction gets at least one episode (taken from the largest).
    public static func split(_ episodes: Int, fractions: [Double]) -> [Int] {
        let exact = fractions.map { $0 * Double(episodes) }
        var counts = exact.map { Int($0.rounded(.down)) }
        let order = exact.indices.sorted { (exact[$0] - Double(counts[$0])) > (exact[$1] - Double(counts[$1])) }
        var left = episodes - counts.reduce(0, +)
        for index in order where left > 0 {
            counts[index] += 1
            left -= 1
        }
        for index in counts.indices where counts[index] == 0 && fractions[index] > 0 {
            if let largest = counts.indices.max(by: { counts[$0] < counts[$1] }), counts[largest] > 1 {
                counts[largest] -= 1
                counts[index] = 1
            }
        }
        return counts
    }
}
