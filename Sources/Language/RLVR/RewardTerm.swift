import Foundation
import Tracking

/// One weighted reward function named on the command line, `NAME=WEIGHT` (`--reward correctness=1.0
/// --reward format=0.2`). A list of terms becomes the trainer's ``WeightedReward`` list with
/// ``weightedRewards(_:correctness:extractor:lengthScale:)``.
public struct RewardTerm: Equatable, Sendable, CustomStringConvertible {
    /// The reward functions.
    public enum Kind: String, CaseIterable, Sendable {
        /// The selected verifier's reward (e.g. 1 correct, 0 otherwise); it also decides accuracy.
        case correctness
        /// 1 when the verifier's extractor finds an answer, else 0 (``FormatVerifier``).
        case format
        /// `−min(1, characters / scale)` (``LengthPenaltyVerifier``); a positive weight penalises length.
        case length
    }

    /// Which function.
    public var kind: Kind
    /// Its weight in the sum.
    public var weight: Double

    /// Creates a term.
    public init(_ kind: Kind, weight: Double) {
        self.kind = kind
        self.weight = weight
    }

    /// `NAME=WEIGHT`.
    public var description: String { "\(kind.rawValue)=\(weight)" }

    /// Why a reward list is invalid.
    public struct ParseError: Error, Equatable, CustomStringConvertible {
        /// What was wrong and how to fix it.
        public var description: String
    }

    /// Parses `NAME=WEIGHT`, e.g. `format=0.2` (a bare `NAME` means weight 1).
    /// - Throws: ``ParseError`` for an unknown name (listing the valid ones) or a weight that is not a finite
    ///   number.
    public static func parse(_ text: String) throws(ParseError) -> RewardTerm {
        let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        let name = parts[0].trimmingCharacters(in: .whitespaces)
        let valid = Kind.allCases.map(\.rawValue)
        guard let kind = Kind(rawValue: name.lowercased()) else {
            let guess = EditDistance.suggestion(for: name, among: valid).map { " Did you mean `\($0)`?" } ?? ""
            throw ParseError(
                description: "--reward \(text): unknown reward `\(name)`; valid: \(valid.joined(separator: ", "))"
                    + " (as NAME=WEIGHT, e.g. format=0.2).\(guess)")
        }
        guard parts.count == 2 else { return RewardTerm(kind, weight: 1) }
        let weightText = parts[1].trimmingCharacters(in: .whitespaces)
        guard let weight = Double(weightText), weight.isFinite else {
            throw ParseError(description: "--reward \(text): weight `\(weightText)` is not a number; e.g. \(name)=0.2")
        }
        return RewardTerm(kind, weight: weight)
    }

    /// Parses repeated `--reward` values.
    /// - Throws: ``ParseError`` for a bad term or a name given twice.
    public static func parse(list texts: [String]) throws(ParseError) -> [RewardTerm] {
        var terms: [RewardTerm] = []
        for text in texts { terms.append(try parse(text)) }
        try checkUnique(terms)
        return terms
    }

    private static func checkUnique(_ terms: [RewardTerm]) throws(ParseError) {
        var seen = Set<Kind>()
        for term in terms where !seen.insert(term.kind).inserted {
            throw ParseError(description: "--reward \(term.kind.rawValue) is given twice; give each reward once")
        }
    }

    /// The trainer's reward functions for `terms`, correctness first (the trainer's accuracy comes from the first
    /// function). Without a `correctness` term, correctness is added with weight 1 (give `correctness=0` to train
    /// on the other terms alone; accuracy is still measured).
    /// - Parameters:
    ///   - terms: the parsed terms, in any order.
    ///   - correctness: the verifier that judges answers.
    ///   - extractor: the answer format the `format` reward checks (the correctness verifier's extractor).
    ///   - lengthScale: characters for the full length penalty.
    /// - Throws: ``ParseError`` when a name appears twice.
    public static func weightedRewards(
        _ terms: [RewardTerm], correctness: any Verifier, extractor: AnswerExtractor, lengthScale: Int = 256
    ) throws(ParseError) -> [WeightedReward] {
        try checkUnique(terms)
        let correctnessWeight = terms.first { $0.kind == .correctness }?.weight ?? 1
        var rewards = [
            WeightedReward(name: Kind.correctness.rawValue, weight: correctnessWeight, verifier: correctness)
        ]
        for term in terms where term.kind != .correctness {
            let verifier: any Verifier =
                switch term.kind {
                case .correctness: correctness
                case .format: FormatVerifier(extractor: extractor)
                case .length: LengthPenaltyVerifier(scale: lengthScale)
                }
            rewards.append(WeightedReward(name: term.kind.rawValue, weight: term.weight, verifier: verifier))
        }
        return rewards
    }
}
