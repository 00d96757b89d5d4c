/// One verifiable problem: the prompt text and the ground truth its verifier checks against.
/// Encoded with the TRL/verl JSONL field names `prompt` and `ground_truth`.
public struct TaskProblem: Codable, Equatable, Hashable, Sendable {
    /// The prompt given to the model.
    public var prompt: String
    /// The reference answer (format defined by the task's verifier).
    public var groundTruth: String

    /// Creates a problem.
    public init(prompt: String, groundTruth: String) {
        self.prompt = prompt
        self.groundTruth = groundTruth
    }

    enum CodingKeys: String, CodingKey {
        case prompt
        case groundTruth = "ground_truth"
    }
}

/// A seeded generator of verifiable problems with difficulty knobs, paired with the verifier that checks them.
public protocol TaskGenerator: Sendable {
    /// A short identifier, e.g. `"addition"`.
    var name: String { get }
    /// The verifier for this task's completions.
    var verifier: any Verifier { get }
    /// Draws one problem; all randomness comes from `rng`.
    func generate(using rng: inout some RandomNumberGenerator) -> TaskProblem
}

extension TaskGenerator {
    /// `count` problems drawn in order from `rng`.
    public func problems(count: Int, using rng: inout some RandomNumberGenerator) -> [TaskProblem] {
        (0..<max(count, 0)).map { _ in generate(using: &rng) }
    }
}

/// Why a task's knobs are invalid.
public struct TaskConfigurationError: Error, Equatable, CustomStringConvertible {
    /// What is wrong and how to fix it.
    public var message: String
    /// Creates an error.
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A random integer with exactly `digits` decimal digits (0–9 for one digit).
func randomInteger(digits: Int, using rng: inout some RandomNumberGenerator) -> Int {
    if digits <= 1 { return Int.random(in: 0...9, using: &rng) }
    var low = 1
    for _ in 1..<digits { low *= 10 }
    return Int.random(in: low...(low * 10 - 1), using: &rng)
}
