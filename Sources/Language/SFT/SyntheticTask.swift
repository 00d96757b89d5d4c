/// A synthetic verifiable task chosen by name and one difficulty level, shared by `swiftrl rlvr pretrain`,
/// `train`, `eval` and the reproductions (so the base model and the RL stage see the same distribution).
public struct SyntheticTask: Codable, Equatable, Sendable {
    /// The task families with a reference solution (and so usable for SFT).
    public enum Kind: String, Codable, CaseIterable, Sendable {
        /// ``ArithmeticTask`` addition (`47+85=`).
        case addition
        /// ``ArithmeticTask`` multiplication (`47*85=`).
        case multiplication
        /// ``SortingTask`` (`sort 5,3,9:`).
        case sorting
        /// ``ModularArithmeticTask`` (`(12*34+5)%97=`).
        case modular
        /// ``LinearEquationTask`` (`3*x+4=19, x=`).
        case linear
        /// ``CountdownTask`` (`make 24 with 3 4 2:`); reference solutions come from ``CountdownSolver``.
        case countdown
    }

    /// The family.
    public var kind: Kind
    /// Difficulty level ≥ 1; what it scales is documented on ``makeGenerator()``.
    public var difficulty: Int

    /// Creates a task.
    /// - Throws: ``TaskConfigurationError`` if `difficulty` is outside the family's range (1...9 for addition,
    ///   1...4 for multiplication and countdown, 1...8 otherwise).
    public init(kind: Kind, difficulty: Int = 2) throws(TaskConfigurationError) {
        let limit: Int
        switch kind {
        case .addition: limit = 9
        case .multiplication, .countdown: limit = 4
        default: limit = 8
        }
        guard (1...limit).contains(difficulty) else {
            throw TaskConfigurationError(
                "\(kind.rawValue): difficulty must be in 1...\(limit); got \(difficulty)")
        }
        self.kind = kind
        self.difficulty = difficulty
        _ = try makeGenerator()
    }

    private enum CodingKeys: String, CodingKey { case kind, difficulty }

    /// Decodes and validates (same checks as ``init(kind:difficulty:)``).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(kind: try c.decode(Kind.self, forKey: .kind), difficulty: try c.decode(Int.self, forKey: .difficulty))
    }

    /// Parses a task name (`addition`, `multiplication`, `sorting`, `modular`, `linear`, `countdown`).
    /// - Throws: ``TaskConfigurationError`` listing the names for an unknown one.
    public init(named name: String, difficulty: Int = 2) throws(TaskConfigurationError) {
        guard let kind = Kind(rawValue: name.lowercased()) else {
            throw TaskConfigurationError(
                "unknown task `\(name)`; choose one of \(Kind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        try self.init(kind: kind, difficulty: difficulty)
    }

    /// Every character the prompts and solutions of these tasks use; the
    /// ``CharacterTokenizer`` vocabulary of pretrained models.
    public static let characters = "0123456789+-*/=%(),.:;| \\{}abcdefghijklmnopqrstuvwxyzA"

    /// The character tokenizer for ``characters``.
    public static var tokenizer: CharacterTokenizer { CharacterTokenizer(characters: characters) }

    /// The problem generator. Difficulty d scales: addition operands of 1...d digits; multiplication 1...d
    /// digits; sorting lists of 2...d+2 values in 0...9 (d = 1) or 0...99; modular `(a*b+c) % p` with
    /// operands ≤ 10^min(d,3) − 1 and p = 7, 13, 31, 97 for d = 1, 2, 3, ≥ 4; linear `a*x+b=c` with
    /// |a|, |b|, |x| ≤ 3d; countdown with d + 1 numbers in 1...10.
    /// - Throws: ``TaskConfigurationError`` only for a value whose knobs were changed after validation.
    public func makeGenerator() throws(TaskConfigurationError) -> any TaskGenerator {
        let d = difficulty
        switch kind {
        case .addition: return try ArithmeticTask(operation: .addition, minDigits: 1, maxDigits: d)
        case .multiplication: return try ArithmeticTask(operation: .multiplication, minDigits: 1, maxDigits: d)
        case .sorting: return try SortingTask(minLength: 2, maxLength: d + 2, maxValue: d == 1 ? 9 : 99)
        case .modular:
            let p = [7, 13, 31, 97][min(d, 4) - 1]
            var bound = 1
            for _ in 0..<min(d, 3) { bound *= 10 }
            return try ModularArithmeticTask(modulus: p, maxOperand: bound - 1)
        case .linear: return try LinearEquationTask(maxCoefficient: 3 * d, maxSolution: 3 * d)
        case .countdown: return try CountdownTask(count: d + 1, maxNumber: 10)
        }
    }

    /// A short label, e.g. `addition-d2`.
    public var label: String { "\(kind.rawValue)-d\(difficulty)" }
}

