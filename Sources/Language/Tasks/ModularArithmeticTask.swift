/// Modular arithmetic `(a*b+c) mod p`: prompt `"(12*34+5)%97="`, ground truth the residue.
/// Difficulty: the modulus and the operand range. Several derivations reach the same answer (digest §4).
public struct ModularArithmeticTask: TaskGenerator, Codable, Equatable {
    /// The modulus p.
    public var modulus: Int
    /// Operands are drawn from `0...maxOperand`.
    public var maxOperand: Int
    /// How the completion's answer is read.
    public var extractor: AnswerExtractor

    /// Creates the task.
    /// - Throws: ``TaskConfigurationError`` if `modulus < 2` or `maxOperand` is not in `1...1_000_000`.
    public init(modulus: Int = 97, maxOperand: Int = 99, extractor: AnswerExtractor = .answerLine)
        throws(TaskConfigurationError)
    {
        guard modulus >= 2 else { throw TaskConfigurationError("modular: modulus must be ≥ 2; got \(modulus)") }
        guard (1...1_000_000).contains(maxOperand) else {
            throw TaskConfigurationError("modular: maxOperand must be in 1...1000000; got \(maxOperand)")
        }
        self.modulus = modulus
        self.maxOperand = maxOperand
        self.extractor = extractor
    }

    public var name: String { "modular" }
    public var verifier: any Verifier { ExactAnswerVerifier(extractor: extractor) }

    public func generate(using rng: inout some RandomNumberGenerator) -> TaskProblem {
        let a = Int.random(in: 0...maxOperand, using: &rng)
        let b = Int.random(in: 0...maxOperand, using: &rng)
        let c = Int.random(in: 0...maxOperand, using: &rng)
        return TaskProblem(prompt: "(\(a)*\(b)+\(c))%\(modulus)=", groundTruth: String((a * b + c) % modulus))
    }
}
