import Foundation

/// A programmatic R³L reflector for Countdown worked solutions (`3*4=12,12*2=24;Answer: (3*4)*2`): replays the
/// steps on the multiset of available numbers and finds the **pivot**, the first step that is malformed, uses a
/// number that is not available, computes wrongly, or after which the target is unreachable (by
/// ``CountdownSolver`` search). The hint is the solver's next step from the state before the pivot
/// (`try 12*2=24`). Attempts whose steps are all sound but whose answer is wrong are not retried.
public struct CountdownReflector: Reflector {
    public var segmenter: any StepSplitter

    /// Creates the reflector (steps end at `,` or `;`).
    public init(segmenter: any StepSplitter = StepSegmenter.workedSolution) { self.segmenter = segmenter }

    public func retryPrompt(for problem: TaskProblem, hint: String) -> String {
        GuidedPrompt.insert(hint, into: problem.prompt)
    }

    public func reflect(on steps: StepSegmentation, problem: TaskProblem) -> Reflection? {
        guard let truth = CountdownVerifier.parseGroundTruth(problem.groundTruth) else { return nil }
        var pool = truth.numbers
        for (k, step) in steps.steps.enumerated() {
            let text = step.text.trimmingCharacters(in: .whitespaces)
            if text.hasPrefix("Answer") {
                // the steps so far are sound; a wrong answer line with a solved pool has no step to redo
                return pool == [truth.target] ? nil : guidance(pivot: k, pool: pool, target: truth.target, why: "stopped early")
            }
            switch Self.apply(text, to: pool) {
            case let .failure(why):
                return guidance(pivot: k, pool: pool, target: truth.target, why: "step \(k + 1): \(why)")
            case let .success(next):
                if CountdownSolver.solve(target: truth.target, numbers: next) == nil {
                    return guidance(
                        pivot: k, pool: pool, target: truth.target,
                        why: "step \(k + 1): \(truth.target) is unreachable from \(next.map(String.init).joined(separator: " "))")
                }
                pool = next
            }
        }
        return pool == [truth.target] ? nil : guidance(pivot: steps.steps.count, pool: pool, target: truth.target, why: "no answer")
    }

    private func guidance(pivot: Int, pool: [Int], target: Int, why: String) -> Reflection? {
        guard let next = CountdownSolver.solve(target: target, numbers: pool)?.steps.first else { return nil }
        return Reflection(pivotStep: pivot, hint: GuidedPrompt.hint(forStep: next), reason: why)
    }

    private enum StepOutcome {
        case success([Int])
        case failure(String)
    }

    /// Applies `a op b=c` (a trailing `,`/`;` allowed) to the pool.
    private static func apply(_ raw: String, to pool: [Int]) -> StepOutcome {
        var text = raw
        while let last = text.last, last == "," || last == ";" { text.removeLast() }
        let sides = text.split(separator: "=", omittingEmptySubsequences: false)
        guard sides.count == 2, let c = Int(sides[1]) else { return .failure("`\(raw)` is not a = b op c") }
        let lhs = Array(sides[0])
        guard let opIndex = lhs.indices.dropFirst().first(where: { "+-*/".contains(lhs[$0]) }),
            let a = Int(String(lhs[..<opIndex])), let b = Int(String(lhs[(opIndex + 1)...]))
        else { return .failure("`\(raw)` is not a = b op c") }
        var rest = pool
        for n in [a, b] {
            guard let i = rest.firstIndex(of: n) else { return .failure("\(n) is not available") }
            rest.remove(at: i)
        }
        let value: Int?
        switch lhs[opIndex] {
        case "+": value = a + b
        case "-": value = a - b >= 0 ? a - b : nil
        case "*": value = a * b
        default: value = b != 0 && a % b == 0 ? a / b : nil
        }
        guard let value, value == c else { return .failure("\(text) is wrong") }
        return .success(rest + [c])
    }
}
