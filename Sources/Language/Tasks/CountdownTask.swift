/// Countdown: reach a target with the given numbers and `+ - * /` (each number used once).
/// Prompt `"make 24 with 3 4 2:"`, ground truth `"24|3 4 2"` (see ``CountdownVerifier``).
/// Every problem is solvable: the target is built by combining the numbers in a random order with random
/// operations that keep intermediate values non-negative integers.
public struct CountdownTask: TaskGenerator, Codable, Equatable {
    /// How many numbers are given (3 = Countdown-3).
    public var count: Int
    /// Numbers are drawn from `1...maxNumber`.
    public var maxNumber: Int
    /// How the completion's expression is read.
    public var extractor: AnswerExtractor

    /// Creates the task.
    /// - Throws: ``TaskConfigurationError`` if `count` is not in `2...6` or `maxNumber < 2`.
    public init(count: Int = 3, maxNumber: Int = 10, extractor: AnswerExtractor = .answerLine)
        throws(TaskConfigurationError)
    {
        guard (2...6).contains(count), maxNumber >= 2 else {
            throw TaskConfigurationError("countdown: need count in 2...6 and maxNumber ≥ 2; got \(count), \(maxNumber)")
        }
        self.count = count
        self.maxNumber = maxNumber
        self.extractor = extractor
    }

    public var name: String { "countdown" }
    public var verifier: any Verifier { CountdownVerifier(extractor: extractor) }

    public func generate(using rng: inout some RandomNumberGenerator) -> TaskProblem {
        let numbers = (0..<count).map { _ in Int.random(in: 1...maxNumber, using: &rng) }
        var order = numbers
        order.shuffle(using: &rng)
        var value = order[0]
        for n in order.dropFirst() {
            var choices = [value + n, value * n]
            if value - n >= 0 { choices.append(value - n) }
            if n != 0 && value % n == 0 { choices.append(value / n) }
            value = choices[Int.random(in: 0..<choices.count, using: &rng)]
        }
        let list = numbers.map(String.init).joined(separator: " ")
        return TaskProblem(prompt: "make \(value) with \(list):", groundTruth: "\(value)|\(list)")
    }
}
