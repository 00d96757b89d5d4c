import Tensor

/// Control-coded Countdown traces (the ``SolutionStyle/coded`` style, CTRLS reconstruction): every step starts
/// with a one-character control code naming its operator, `m3*4=12,m12*2=24;Answer: (3*4)*2`.
///
/// The codes are letters of ``SyntheticTask/characters``: `a` (+), `s` (−), `m` (×), `d` (÷), so K = 4. A step
/// begins after the prompt's final `:` or after the separator `,`; the last step ends with `;` and the answer line.
///
/// The SFT data must teach the model to follow *any* code, so a steering controller can choose it: half of the
/// coded examples are a solver solution (one drawn at random among up to ``solverSolutions`` distinct ones), the
/// other half a "random valid" trace whose steps apply a random feasible operator to a random pair of the
/// remaining values (non-negative integer results) and whose answer line is the resulting expression, wrong when
/// it misses the target. The model's own code choice is therefore weak, its code-conditional step good.
public enum CodedSolution {
    /// The operator each code stands for, in code order (`a s m d`).
    public static let operators: [Character] = ["+", "-", "*", "/"]
    /// The control code of each operator, in the same order.
    public static let codes: [Character] = ["a", "s", "m", "d"]
    /// Distinct solver solutions a coded example draws from.
    public static let solverSolutions = 16
    /// Probability that a coded example is a solver solution rather than a random valid trace.
    public static let solverShare = 0.5

    /// The code of operator `op` (`+ - * /`), nil for another character.
    public static func code(for op: Character) -> Character? {
        operators.firstIndex(of: op).map { codes[$0] }
    }

    /// Steps such as `3*4=12` with their codes prefixed and joined by `,`: `m3*4=12,m12*2=24`.
    public static func codedSteps(_ steps: [String]) -> String {
        steps.map { step in
            let op = step.dropFirst().first { operators.contains($0) }
            return (op.flatMap(code(for:)).map(String.init) ?? "") + step
        }.joined(separator: ",")
    }

    /// The deterministic coded solution of a Countdown problem (the solver's first solution), or nil when the
    /// ground truth does not parse or the problem has no solution.
    public static func reference(for problem: TaskProblem) -> (steps: String, answer: String)? {
        guard let truth = CountdownVerifier.parseGroundTruth(problem.groundTruth),
            let solution = CountdownSolver.solve(target: truth.target, numbers: truth.numbers)
        else { return nil }
        return (codedSteps(solution.steps), solution.expression)
    }

    /// A coded example's steps and answer: with probability ``solverShare`` a random one of the solver's
    /// solutions, otherwise a random valid trace; nil when the ground truth does not parse.
    /// Draws: one uniform for the branch, then the solution index or the trace's choices.
    public static func sample(
        for problem: TaskProblem, using rng: inout some RandomNumberGenerator
    ) -> (steps: String, answer: String)? {
        guard let truth = CountdownVerifier.parseGroundTruth(problem.groundTruth) else { return nil }
        if rng.nextDouble() < solverShare {
            let all = CountdownSolver.solutions(target: truth.target, numbers: truth.numbers, limit: solverSolutions)
            if !all.isEmpty {
                let pick = all[Int.random(in: 0..<all.count, using: &rng)]
                return (codedSteps(pick.steps), pick.expression)
            }
        }
        return randomValidTrace(numbers: truth.numbers, using: &rng)
    }

    /// Combines the numbers step by step: each step draws an operator uniformly among those with at least one
    /// valid ordered pair (non-negative difference, exact division), then a pair uniformly among its valid ones.
    public static func randomValidTrace(
        numbers: [Int], using rng: inout some RandomNumberGenerator
    ) -> (steps: String, answer: String) {
        var terms = numbers.map { (value: $0, text: String($0), isAtom: true) }
        var steps: [String] = []
        while terms.count > 1 {
            var options: [[(Int, Int, Int)]] = Array(repeating: [], count: operators.count)
            for i in terms.indices {
                for j in terms.indices where j != i {
                    let (a, b) = (terms[i].value, terms[j].value)
                    if i < j { options[0].append((i, j, a + b)) }
                    if a - b >= 0 { options[1].append((i, j, a - b)) }
                    if i < j { options[2].append((i, j, a * b)) }
                    if b != 0 && a % b == 0 { options[3].append((i, j, a / b)) }
                }
            }
            let feasible = options.indices.filter { !options[$0].isEmpty }
            let op = feasible[Int.random(in: 0..<feasible.count, using: &rng)]
            let (i, j, value) = options[op][Int.random(in: 0..<options[op].count, using: &rng)]
            let (a, b) = (terms[i], terms[j])
            let operand = { (t: (value: Int, text: String, isAtom: Bool)) in t.isAtom ? t.text : "(\(t.text))" }
            steps.append("\(a.value)\(operators[op])\(b.value)=\(value)")
            terms = terms.enumerated().filter { $0.offset != i && $0.offset != j }.map(\.element)
            terms.append((value, "\(operand(a))\(operators[op])\(operand(b))", false))
        }
        return (codedSteps(steps), terms.first?.text ?? "")
    }
}
