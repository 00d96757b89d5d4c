/// A length penalty on correct answers, uniform or weighted by chunk importance (SCMA, arXiv:2601.21919):
///
/// - uniform: `R = R_acc − λ·𝟙[correct]·|y| / L_max` (every token costs the same);
/// - importance: `R = R_acc − λ·𝟙[correct]·Σᵢ uᵢ·|sᵢ| / L_max` with `uᵢ = (5 − wᵢ)/4` for chunk importance
///   `wᵢ ∈ {1…5}` from a scorer (1 = redundant → weight 1; 5 = essential → weight 0), so only low-importance
///   chunks are penalised. ``SelfCompression`` computes it; the trainer applies the uniform form itself.
///
/// Only correct answers are penalised (`onlyCorrect`, the common practice; the paper's exact rule was not
/// reachable, see the SCMA reproduction's notes).
public struct LengthPenalty: Codable, Equatable, Sendable {
    /// Which tokens are penalised.
    public enum Weighting: String, Codable, Equatable, Sendable, CaseIterable {
        /// No penalty.
        case none
        /// Every token: `|y| / L_max`.
        case uniform
        /// Tokens of low-importance chunks: `Σ uᵢ·|sᵢ| / L_max` (needs a chunk scorer, ``SelfCompression``).
        case importance
    }

    /// The form.
    public var weighting: Weighting
    /// λ: penalty coefficient (SCMA's length-penalty weight), default 0.
    public var lambda: Double
    /// Penalise only correct answers (default true).
    public var onlyCorrect: Bool

    /// Creates a penalty (none by default).
    public init(weighting: Weighting = .none, lambda: Double = 0, onlyCorrect: Bool = true) {
        self.weighting = weighting
        self.lambda = lambda
        self.onlyCorrect = onlyCorrect
    }

    /// `uᵢ = (5 − w)/4` for an importance score `w` clamped to 1…5.
    public static func weight(importance w: Int) -> Double { Double(5 - min(max(w, 1), 5)) / 4 }

    /// The uniform penalty `λ·|y|/L_max` (0 unless uniform, or for a wrong answer when `onlyCorrect`).
    public func uniformPenalty(length: Int, maxLength: Int, correct: Bool) -> Double {
        guard weighting == .uniform, correct || !onlyCorrect else { return 0 }
        return lambda * Double(length) / Double(max(maxLength, 1))
    }

    /// The importance-weighted penalty `λ·Σ uᵢ|sᵢ|/L_max` (0 unless importance-weighted, or for a wrong answer
    /// when `onlyCorrect`).
    public func importancePenalty(chunkLengths: [Int], importance: [Int], maxLength: Int, correct: Bool) -> Double {
        guard weighting == .importance, correct || !onlyCorrect else { return 0 }
        let weighted = zip(chunkLengths, importance).reduce(0.0) { $0 + Self.weight(importance: $1.1) * Double($1.0) }
        return lambda * weighted / Double(max(maxLength, 1))
    }

    /// Checks λ.
    /// - Throws: ``RLVRInputError`` naming the field.
    public func validate() throws(RLVRInputError) {
        guard lambda.isFinite, lambda >= 0 else {
            throw RLVRInputError("lengthPenalty.lambda must be a finite value ≥ 0; got \(lambda)")
        }
    }
}
