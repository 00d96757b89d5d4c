import Foundation
import Language
import Tensor

/// Held-out evaluation at equal samples: n completions per problem at temperature 1; accuracy is pass@1 (the mean
/// over all samples) and diversity the number of distinct correct step sequences (the text before `;Answer:`,
/// codes included) and of distinct correct code sequences per problem.
struct CTRLSEvaluation: Codable, Sendable {
    var accuracy: Double
    var distinctCorrectTraces: Double
    var distinctCorrectCodes: Double

    static func run(
        _ model: some CausalLanguageModel, problems: [TaskProblem], samples: Int, maxNewTokens: Int,
        verifier: any Verifier, using rng: inout some RandomNumberGenerator
    ) throws -> CTRLSEvaluation {
        let tokenizer = SyntheticTask.tokenizer
        var prompts: [[Int]] = []
        for problem in problems {
            let ids = try tokenizer.encode(problem.prompt)
            prompts += Array(repeating: ids, count: samples)
        }
        let generation = GenerationConfig(
            maxNewTokens: maxNewTokens, temperature: 1, stopTokens: [CharacterTokenizer.endOfSequence],
            padToken: CharacterTokenizer.padding)
        let result = try model.generate(prompts: prompts, config: generation, using: &rng)
        var correct = 0, traces = 0, codeSequences = 0
        for (p, problem) in problems.enumerated() {
            var distinctTraces = Set<String>(), distinctCodes = Set<String>()
            for s in 0..<samples {
                let text = tokenizer.decode(result.tokens[p * samples + s])
                let check = verifier.verify(prompt: problem.prompt, completion: text, groundTruth: problem.groundTruth)
                guard check.correct else { continue }
                correct += 1
                let steps = text.components(separatedBy: ";Answer:").first ?? text
                distinctTraces.insert(steps)
                distinctCodes.insert(String(steps.split(separator: ",").compactMap(\.first)))
            }
            traces += distinctTraces.count
            codeSequences += distinctCodes.count
        }
        let n = Double(max(problems.count, 1))
        return CTRLSEvaluation(
            accuracy: Double(correct) / Double(max(problems.count * samples, 1)),
            distinctCorrectTraces: Double(traces) / n, distinctCorrectCodes: Double(codeSequences) / n)
    }
}
