import Tensor

/// How an SFT example writes its solution (the "solution styles" whose mixture shapes the base model's
/// coverage, digest §2 Task B and §3).
public enum SolutionStyle: String, Codable, CaseIterable, Sendable {
    /// Only the final line: `Answer: 132`.
    case direct
    /// A worked derivation, then the answer line: `7+5+0=12,4+8+1=13;Answer: 132` (column sums with carries for
    /// addition, partial products for multiplication, intermediate values for modular and linear tasks).
    /// Tasks without a derivation (sorting) fall back to ``direct``.
    case steps
    /// The answer in another format the default verifier does not accept: `\boxed{132}` (a base model that
    /// sometimes answers this way has imperfect format coverage).
    case boxed
    /// A worked derivation (as ``steps``) whose prompt carries a hint naming one of its steps
    /// (`make 24 with 3 4 2 try 12*2:`, ``GuidedPrompt``), so the base model learns to follow guidance, as R³L's
    /// retries need. Tasks without a derivation fall back to ``direct`` without a hint.
    case hinted
    /// A worked derivation (as ``steps``) with redundant chunks: after each line, 0–2 exact repeats of a line
    /// already written (`7+5+0=12,7+5+0=12,4+8+1=13;Answer: 132`), the verbose base of the SCMA reproduction.
    case verbose
    /// CTRLS's control-coded derivation (``CodedSolution``): each step prefixed by its operator's code letter,
    /// `m3*4=12,m12*2=24;Answer: (3*4)*2`. SFT examples mix random solver solutions with random valid traces so
    /// the model learns to follow any code. Countdown only; other tasks fall back to ``steps``.
    case coded
}

/// Mixture weights over ``SolutionStyle``s; parsed from `direct=0.6,steps=0.4`.
public struct StyleMix: Codable, Equatable, Sendable {
    /// Styles and their (positive) weights, in a fixed order.
    public private(set) var entries: [Entry]

    /// One style and its weight.
    public struct Entry: Codable, Equatable, Sendable {
        /// The style.
        public var style: SolutionStyle
        /// Its unnormalised weight (> 0).
        public var weight: Double
    }

    /// A mixture; zero weights are dropped.
    /// - Throws: ``TaskConfigurationError`` for a negative or non-finite weight or an all-zero mixture.
    public init(_ weights: [(SolutionStyle, Double)]) throws(TaskConfigurationError) {
        var out: [Entry] = []
        for (style, weight) in weights {
            guard weight.isFinite, weight >= 0 else {
                throw TaskConfigurationError("style mix: weight of \(style.rawValue) must be ≥ 0, got \(weight)")
            }
            if weight > 0 { out.append(Entry(style: style, weight: weight)) }
        }
        guard !out.isEmpty else {
            throw TaskConfigurationError("style mix: give at least one positive weight, e.g. direct=0.5,steps=0.5")
        }
        entries = out
    }

    /// Parses `direct=0.6,steps=0.4` (a bare style name means weight 1).
    /// - Throws: ``TaskConfigurationError`` naming the bad part.
    public init(parsing text: String) throws(TaskConfigurationError) {
        var weights: [(SolutionStyle, Double)] = []
        for part in text.split(separator: ",") {
            let pieces = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard let style = SolutionStyle(rawValue: pieces[0]) else {
                throw TaskConfigurationError(
                    "style mix: unknown style `\(pieces[0])`; use \(SolutionStyle.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard let weight = pieces.count == 2 ? Double(pieces[1]) : 1 else {
                throw TaskConfigurationError("style mix: `\(part)` is not style=weight (e.g. steps=0.4)")
            }
            weights.append((style, weight))
        }
        try self.init(weights)
    }

    /// Only direct answers.
    public static let direct = StyleMix(validated: [Entry(style: .direct, weight: 1)])

    private init(validated entries: [Entry]) { self.entries = entries }

    /// The weight of `style` divided by the total (0 if absent).
    public func probability(of style: SolutionStyle) -> Double {
        let total = entries.reduce(0) { $0 + $1.weight }
        return (entries.first { $0.style == style }?.weight ?? 0) / total
    }

    /// Draws a style (one uniform).
    public func sample(using rng: inout some RandomNumberGenerator) -> SolutionStyle {
        let total = entries.reduce(0) { $0 + $1.weight }
        var u = rng.nextDouble() * total
        for entry in entries {
            u -= entry.weight
            if u < 0 { return entry.style }
        }
        return entries[entries.count - 1].style
    }

    /// `direct=0.6,steps=0.4`.
    public var text: String {
        entries.map { "\($0.style.rawValue)=\(formatWeight($0.weight))" }.joined(separator: ",")
    }

    private func formatWeight(_ w: Double) -> String {
        w == w.rounded() ? String(Int(w)) : String(w)
    }
}
