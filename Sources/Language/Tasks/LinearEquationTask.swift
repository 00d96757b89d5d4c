/// Simple linear equations `a*x+b=c` with an integer solution: prompt `"3*x+4=19, x="`, ground truth `"5"`.
/// Difficulty: the coefficient and solution ranges.
public struct LinearEquationTask: TaskGenerator, Codable, Equatable {
    /// |a| is drawn from `1...maxCoefficient` with a random sign; b from `-maxCoefficient...maxCoefficient`.
    public var maxCoefficient: Int
    /// x is drawn from `-maxSolution...maxSolution`.
    public var maxSolution: Int
    /// How the completion's answer is read.
    public var extractor: AnswerExtractor

    /// Creates the task.
    /// - Throws: ``TaskConfigurationError`` if a range bound is not in `1...1_000_000`.
    public init(maxCoefficient: Int = 9, maxSolution: Int = 9, extractor: AnswerExtractor = .answerLine)
        throws(TaskConfigurationError)
    {
        guard (1...1_000_000).contains(maxCoefficient), (1...1_000_000).contains(maxSolution) else {
            throw TaskConfigurationError(
                "linear: maxCoefficient and maxSolution must be in 1...1000000; got \(maxCoefficient), \(maxSolution)")
        }
        self.maxCoefficient = maxCoefficient
        self.maxSolution = maxSolution
        self.extractor = extractor
    }

    public var name: String { "linear" }
    public var verifier: any Verifier { ExactAnswerVerifier(extractor: extractor) }

    public func generate(using rng: inout some RandomNumberGenerator) -> TaskProblem {
        let magnitude = Int.random(in: 1...maxCoefficient, using: &rng)
        let a = Bool.random(using: &rng) ? magnitude : -magnitude
        let b = Int.random(in: -maxCoefficient...maxCoefficient, using: &rng)
        let x = Int.random(in: -maxSolution...maxSolution, using: &rng)
        let bText = b < 0 ? "-\(-b)" : "+\(b)"
        return TaskProblem(prompt: "\(a)*x\(bText)=\(a * x + b), x=", groundTruth: String(x))
    }
}
