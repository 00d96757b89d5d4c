import Tensor

/// One supervised example: a prompt and the completion the model is trained to produce after it.
public struct SFTExample: Codable, Equatable, Sendable {
    /// What was done to the reference solution.
    public enum Corruption: String, Codable, Sendable {
        /// The correct answer in the chosen style.
        case none
        /// A wrong final answer (the derivation, if any, is the correct one: an inconsistent trace).
        case wrongAnswer
        /// The answer line lacks its `Answer:` marker (no answer can be extracted).
        case malformed
    }

    /// The prompt text (the task's format, e.g. `47+85=`).
    public var prompt: String
    /// The completion text, without the end-of-sequence token.
    public var completion: String
    /// How the solution is written.
    public var style: SolutionStyle
    /// Whether and how it was corrupted.
    public var corruption: Corruption
}

/// Draws SFT examples for a ``SyntheticTask``: a style from ``styleMix``, then with probability ``noise`` a
/// corruption (a share ``malformedShare`` of them malformed, the rest wrong answers), so the pretrained base
/// model has imperfect coverage for RLVR to work on.
public struct SFTExampleGenerator: Sendable {
    /// The task the problems come from.
    public let task: SyntheticTask
    /// The mixture of solution styles.
    public let styleMix: StyleMix
    /// Fraction of examples corrupted, in [0, 1].
    public let noise: Double
    /// Fraction of corrupted examples that are malformed rather than wrong, in [0, 1].
    public let malformedShare: Double
    /// The train/held-out split; examples come from the training side only.
    public let split: HeldOutSplit
    private let generator: any TaskGenerator
    private let heldOutGenerator: any TaskGenerator

    /// - Throws: ``TaskConfigurationError`` if `noise` or `malformedShare` is outside [0, 1].
    public init(
        task: SyntheticTask, styleMix: StyleMix, noise: Double, malformedShare: Double = 0.5,
        split: HeldOutSplit = HeldOutSplit()
    ) throws(TaskConfigurationError)
    {
        guard (0...1).contains(noise), (0...1).contains(malformedShare) else {
            throw TaskConfigurationError(
                "SFT data: noise and malformedShare must be in [0, 1]; got \(noise), \(malformedShare)")
        }
        self.task = task
        self.styleMix = styleMix
        self.noise = noise
        self.malformedShare = malformedShare
        self.split = split
        let base = try task.makeGenerator()
        self.generator = split.restrict(base, heldOut: false)
        self.heldOutGenerator = split.restrict(base, heldOut: true)
    }

    /// The task's verifier.
    public var verifier: any Verifier { generator.verifier }

    /// A fresh training-side problem (no solution).
    public func problem(using rng: inout some RandomNumberGenerator) -> TaskProblem { generator.generate(using: &rng) }

    /// A fresh held-out problem (for evaluation).
    public func heldOutProblem(using rng: inout some RandomNumberGenerator) -> TaskProblem {
        heldOutGenerator.generate(using: &rng)
    }

    /// One example: problem, style, corruption all drawn from `rng` in that order.
    public func example(using rng: inout some RandomNumberGenerator) -> SFTExample {
        let problem = generator.generate(using: &rng)
        let style = styleMix.sample(using: &rng)
        var corruption = SFTExample.Corruption.none
        if rng.nextDouble() < noise {
            corruption = rng.nextDouble() < malformedShare ? .malformed : .wrongAnswer
        }
        var answer = WorkedSolution.referenceAnswer(for: problem, kind: task.kind)
        if corruption == .wrongAnswer {
            answer = task.kind == .countdown
                ? Self.wrongExpression(answer, using: &rng) : Self.wrongAnswer(answer, using: &rng)
        }
        var completion = WorkedSolution.text(for: problem, kind: task.kind, style: style, answer: answer)
        if style == .coded, task.kind == .countdown, let coded = CodedSolution.sample(for: problem, using: &rng) {
            // a random solver solution or random valid trace; a corrupted answer stays the reference's
            completion = coded.steps + ";Answer: " + (corruption == .wrongAnswer ? answer : coded.answer)
        }
        if corruption == .malformed {
            completion = completion.replacingOccurrences(of: "Answer: ", with: "")
                .replacingOccurrences(of: "\\boxed{", with: "").replacingOccurrences(of: "}", with: "")
        }
        if style == .verbose { completion = WorkedSolution.withRepeats(completion, using: &rng) }
        var prompt = problem.prompt
        if style == .hinted, let steps = WorkedSolution.steps(for: problem, kind: task.kind)?.split(separator: ","),
            !steps.isEmpty
        {
            let k = Int.random(in: 0..<steps.count, using: &rng)
            prompt = GuidedPrompt.insert(GuidedPrompt.hint(forStep: String(steps[k])), into: prompt)
        }
        return SFTExample(prompt: prompt, completion: completion, style: style, corruption: corruption)
    }

    /// A plausible wrong answer: an integer moved by ±1…±3 or by ±10; for a list, two different adjacent
    /// values swapped (or the last value changed).
    static func wrongAnswer(_ truth: String, using rng: inout some RandomNumberGenerator) -> String {
        if let n = Int(truth) {
            var delta = Int.random(in: 1...3, using: &rng) * (Bool.random(using: &rng) ? 1 : -1)
            if rng.nextDouble() < 0.3 { delta *= 10 }
            let wrong = n + delta
            return String(n >= 0 && wrong < 0 ? n + abs(delta) : wrong)
        }
        var values = truth.split(separator: ",").map(String.init)
        if let i = values.indices.dropLast().first(where: { values[$0] != values[$0 + 1] }) {
            values.swapAt(i, i + 1)
        } else if let last = values.last, let n = Int(last) {
            values[values.count - 1] = String(n + 1)
        } else {
            return truth + "0"
        }
        return values.joined(separator: ",")
    }

    /// A plausible wrong countdown expression: one operator changed (to `+`, `-` or `*`) so that the value
    /// changes; if no single change does, `+1` appended (a number the problem does not give).
    static func wrongExpression(_ expression: String, using rng: inout some RandomNumberGenerator) -> String {
        let characters = Array(expression)
        let operators = characters.indices.filter { "+-*/".contains(characters[$0]) }
        guard let original = try? ArithmeticExpression.evaluate(expression).value, !operators.isEmpty else {
            return expression + "+1"
        }
        let first = Int.random(in: 0..<operators.count, using: &rng)
        for k in 0..<operators.count {
            let position = operators[(first + k) % operators.count]
            for replacement in "+-*" where replacement != characters[position] {
                var changed = characters
                changed[position] = replacement
                let text = String(changed)
                if let value = try? ArithmeticExpression.evaluate(text).value, abs(value - original) > 1e-9 {
                    return text
                }
            }
        }
        return expression + "+1"
    }
}
