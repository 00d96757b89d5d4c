/// Writes reference solutions for ``SyntheticTask`` problems in each ``SolutionStyle`` by reading the operands
/// back from the prompt (the formats of ``ArithmeticTask``, ``SortingTask``, ``ModularArithmeticTask`` and
/// ``LinearEquationTask``) or, for ``CountdownTask``, from the ground truth through ``CountdownSolver``.
public enum WorkedSolution {
    /// The correct final answer: the ground truth itself, except for countdown, whose answer is an expression
    /// (found by ``CountdownSolver``; the ground truth when the problem has no solution).
    public static func referenceAnswer(for problem: TaskProblem, kind: SyntheticTask.Kind) -> String {
        guard kind == .countdown else { return problem.groundTruth }
        return countdownSolution(problem)?.expression ?? problem.groundTruth
    }

    /// The completion text (without end-of-sequence) of `problem` in `style`, with `answer` as the final answer
    /// (the ground truth, or a corrupted one).
    public static func text(
        for problem: TaskProblem, kind: SyntheticTask.Kind, style: SolutionStyle, answer: String
    ) -> String {
        switch style {
        case .direct: return "Answer: \(answer)"
        case .boxed: return "\\boxed{\(answer)}"
        case .steps, .hinted, .verbose:
            guard let steps = steps(for: problem, kind: kind) else { return "Answer: \(answer)" }
            return steps + ";Answer: \(answer)"
        case .coded:
            guard kind == .countdown, let coded = CodedSolution.reference(for: problem) else {
                return text(for: problem, kind: kind, style: .steps, answer: answer)
            }
            return coded.steps + ";Answer: \(answer)"
        }
    }

    /// The derivation lines joined by commas, or nil when the task has none (sorting) or the prompt does not
    /// parse.
    /// - addition `47+85=`: `7+5+0=12,4+8+1=13` (column digits, incoming carry, column sum; right to left)
    /// - multiplication `47*85=`: `47*5=235,47*80=3760` (partial products)
    /// - modular `(12*34+5)%97=`: `12*34=408,408+5=413,413%97=25`
    /// - linear `3*x+4=19, x=`: `19-4=15,15/3=5`
    /// - countdown `make 24 with 3 4 2:`: `3*4=12,12*2=24` (the solver's operations)
    public static func steps(for problem: TaskProblem, kind: SyntheticTask.Kind) -> String? {
        let p = problem.prompt
        switch kind {
        case .addition:
            guard let (a, b) = operands(p, "+") else { return nil }
            let da = digits(a), db = digits(b)
            var carry = 0
            var lines: [String] = []
            for i in 0..<max(da.count, db.count) {
                let x = i < da.count ? da[i] : 0, y = i < db.count ? db[i] : 0
                let sum = x + y + carry
                lines.append("\(x)+\(y)+\(carry)=\(sum)")
                carry = sum / 10
            }
            return lines.joined(separator: ",")
        case .multiplication:
            guard let (a, b) = operands(p, "*") else { return nil }
            var place = 1
            var lines: [String] = []
            for d in digits(b) {
                lines.append("\(a)*\(d * place)=\(a * d * place)")
                place *= 10
            }
            return lines.joined(separator: ",")
        case .modular:
            // (a*b+c)%m=
            let cleaned = p.replacingOccurrences(of: "(", with: "").replacingOccurrences(of: ")", with: "")
                .replacingOccurrences(of: "=", with: "")
            let parts = cleaned.split(whereSeparator: { "*+%".contains($0) }).compactMap { Int($0) }
            guard parts.count == 4, parts[3] > 0 else { return nil }
            let (a, b, c, m) = (parts[0], parts[1], parts[2], parts[3])
            return "\(a)*\(b)=\(a * b),\(a * b)+\(c)=\(a * b + c),\(a * b + c)%\(m)=\((a * b + c) % m)"
        case .linear:
            // a*x±b=c, x=
            guard let star = p.range(of: "*x"), let eq = p.range(of: "="),
                let a = Int(p[p.startIndex..<star.lowerBound]), let b = Int(p[star.upperBound..<eq.lowerBound]),
                let comma = p.range(of: ","), let c = Int(p[eq.upperBound..<comma.lowerBound]), a != 0
            else { return nil }
            let d = c - b
            let first = b >= 0 ? "\(c)-\(b)=\(d)" : "\(c)+\(-b)=\(d)"
            return first + ",\(d)/\(a)=\(d / a)"
        case .countdown:
            return countdownSolution(problem)?.steps.joined(separator: ",")
        case .sorting:
            return nil
        }
    }

    /// `text` (a ``steps``-style solution) with 0–2 exact repeats of an already written derivation line after each
    /// line, drawn from `rng` (the ``SolutionStyle/verbose`` style).
    public static func withRepeats(_ text: String, using rng: inout some RandomNumberGenerator) -> String {
        guard let split = text.range(of: ";Answer") else { return text }
        let lines = text[..<split.lowerBound].split(separator: ",").map(String.init)
        var out: [String] = []
        for i in lines.indices {
            out.append(lines[i])
            for _ in 0..<Int.random(in: 0...2, using: &rng) { out.append(lines[Int.random(in: 0...i, using: &rng)]) }
        }
        return out.joined(separator: ",") + text[split.lowerBound...]
    }

    private static func countdownSolution(_ problem: TaskProblem) -> CountdownSolver.Solution? {
        guard let truth = CountdownVerifier.parseGroundTruth(problem.groundTruth) else { return nil }
        return CountdownSolver.solve(target: truth.target, numbers: truth.numbers)
    }

    /// `a` and `b` of a prompt `a<op>b=`.
    private static func operands(_ prompt: String, _ op: Character) -> (Int, Int)? {
        let body = prompt.hasSuffix("=") ? prompt.dropLast() : Substring(prompt)
        let parts = body.split(separator: op)
        guard parts.count == 2, let a = Int(parts[0]), let b = Int(parts[1]), a >= 0, b >= 0 else { return nil }
        return (a, b)
    }

    /// Decimal digits, least significant first (`[0]` for 0).
    private static func digits(_ n: Int) -> [Int] {
        var out: [Int] = [], v = n
        repeat {
            out.append(v % 10)
            v /= 10
        } while v > 0
        return out
    }
}
