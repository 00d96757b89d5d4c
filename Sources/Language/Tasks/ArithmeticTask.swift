/// Multi-digit addition or multiplication: prompt `"123+456="`, ground truth `"579"`.
/// Difficulty: the number of digits of each operand, drawn uniformly from `minDigits...maxDigits`.
public struct ArithmeticTask: TaskGenerator, Codable, Equatable {
    /// The operation.
    public enum Operation: String, Codable, Sendable, CaseIterable {
        /// a + b
        case addition
        /// a × b
        case multiplication
        var symbol: String { self == .addition ? "+" : "*" }
    }

    /// The operation.
    public var operation: Operation
    /// Fewest digits per operand.
    public var minDigits: Int
    /// Most digits per operand (≤ 9 for multiplication so products fit in `Int`).
    public var maxDigits: Int
    /// How the completion's answer is read.
    public var extractor: AnswerExtractor

    /// Creates the task.
    /// - Throws: ``TaskConfigurationError`` if the digit range is empty or out of `1...18` (`1...9` for products).
    public init(
        operation: Operation = .addition, minDigits: Int = 1, maxDigits: Int = 3,
        extractor: AnswerExtractor = .answerLine
    ) throws(TaskConfigurationError) {
        let limit = operation == .addition ? 18 : 9
        guard 1 <= minDigits, minDigits <= maxDigits, maxDigits <= limit else {
            throw TaskConfigurationError(
                "\(operation.rawValue): digits must satisfy 1 ≤ minDigits ≤ maxDigits ≤ \(limit); "
                    + "got \(minDigits)...\(maxDigits)"
            )
        }
        self.operation = operation
        self.minDigits = minDigits
        self.maxDigits = maxDigits
        self.extractor = extractor
    }

    public var name: String { operation.rawValue }
    public var verifier: any Verifier { ExactAnswerVerifier(extractor: extractor) }

    public func generate(using rng: inout some RandomNumberGenerator) -> TaskProblem {
        let a = randomInteger(digits: Int.random(in: minDigits...maxDigits, using: &rng), using: &rng)
        let b = randomInteger(digits: Int.random(in: minDigits...maxDigits, using: &rng), using: &rng)
        let result = operation == .addition ? a + b : a * b
        return TaskProblem(prompt: "\(a)\(operation.symbol)\(b)=", groundTruth: String(result))
    }
}
