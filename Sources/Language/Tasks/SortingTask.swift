/// Sorting a list of integers ascending: prompt `"sort 5,3,9:"`, ground truth `"3,5,9"`.
/// Difficulty: list length range and value range.
public struct SortingTask: TaskGenerator, Codable, Equatable {
    /// Fewest elements.
    public var minLength: Int
    /// Most elements.
    public var maxLength: Int
    /// Values are drawn from `0...maxValue`.
    public var maxValue: Int
    /// How the completion's answer is read.
    public var extractor: AnswerExtractor

    /// Creates the task.
    /// - Throws: ``TaskConfigurationError`` if the length range is empty or `maxValue < 1`.
    public init(minLength: Int = 3, maxLength: Int = 6, maxValue: Int = 99, extractor: AnswerExtractor = .answerLine)
        throws(TaskConfigurationError)
    {
        guard 1 <= minLength, minLength <= maxLength, maxValue >= 1 else {
            throw TaskConfigurationError(
                "sorting: need 1 ≤ minLength ≤ maxLength and maxValue ≥ 1; got \(minLength)...\(maxLength), \(maxValue)"
            )
        }
        self.minLength = minLength
        self.maxLength = maxLength
        self.maxValue = maxValue
        self.extractor = extractor
    }

    public var name: String { "sorting" }
    public var verifier: any Verifier { ExactAnswerVerifier(extractor: extractor) }

    public func generate(using rng: inout some RandomNumberGenerator) -> TaskProblem {
        let count = Int.random(in: minLength...maxLength, using: &rng)
        let values = (0..<count).map { _ in Int.random(in: 0...maxValue, using: &rng) }
        let list = { (v: [Int]) in v.map(String.init).joined(separator: ",") }
        return TaskProblem(prompt: "sort \(list(values)):", groundTruth: list(values.sorted()))
    }
}
