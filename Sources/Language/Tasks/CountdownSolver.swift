/// Finds a Countdown solution: an expression that combines every given number once with `+ - * /` and equals
/// the target, with every intermediate value a non-negative integer (the rule ``CountdownTask`` builds its
/// problems by, so each of its problems has a solution this finds).
///
/// The search repeatedly replaces two of the remaining values by their combination, in a fixed order, so the
/// same problem always gives the same solution. Used to write reference solutions for SFT
/// (``WorkedSolution``).
public enum CountdownSolver {
    /// A solution: the expression and its derivation.
    public struct Solution: Equatable, Sendable {
        /// The expression, e.g. `(3*4)*2`: combined operands in parentheses, the outermost operation bare.
        public var expression: String
        /// One line per operation in the order performed, e.g. `["3*4=12", "12*2=24"]`.
        public var steps: [String]
    }

    /// A solution that uses every number of `numbers` exactly once, or nil when there is none.
    /// - Complexity: exponential in `numbers.count` (at most a few million combinations for 6 numbers); meant
    ///   for the 2–6 numbers of Countdown problems.
    public static func solve(target: Int, numbers: [Int]) -> Solution? {
        guard !numbers.isEmpty else { return nil }
        var visited = Set<[Int]>()
        let start = numbers.map { Term(value: $0, text: String($0), isAtom: true) }
        return search(start, target: target, steps: [], visited: &visited)
    }

    /// Up to `limit` distinct solutions (distinct step sequences), in the search's fixed order, so the same
    /// problem always gives the same list; the first is not necessarily ``solve(target:numbers:)``'s (that search
    /// prunes repeated value sets, this one does not). Coded SFT traces pick one at random for diversity.
    /// - Complexity: exponential in `numbers.count`; meant for Countdown-3/4 (stops after `limit` solutions).
    public static func solutions(target: Int, numbers: [Int], limit: Int = 16) -> [Solution] {
        guard !numbers.isEmpty, limit > 0 else { return [] }
        var found: [Solution] = [], seen = Set<[String]>()
        let start = numbers.map { Term(value: $0, text: String($0), isAtom: true) }
        enumerate(start, target: target, steps: [], limit: limit, found: &found, seen: &seen)
        return found
    }

    private static func enumerate(
        _ terms: [Term], target: Int, steps: [String], limit: Int, found: inout [Solution], seen: inout Set<[String]>
    ) {
        guard found.count < limit else { return }
        if terms.count == 1 {
            if terms[0].value == target, seen.insert(steps).inserted {
                found.append(Solution(expression: terms[0].text, steps: steps))
            }
            return
        }
        for (rest, step) in moves(terms) {
            enumerate(rest, target: target, steps: steps + [step], limit: limit, found: &found, seen: &seen)
            if found.count >= limit { return }
        }
    }

    /// Every way to replace two of `terms` by their combination, in the solver's fixed order: the remaining
    /// terms and the step's text (`3*4=12`).
    private static func moves(_ terms: [Term]) -> [(rest: [Term], step: String)] {
        var out: [(rest: [Term], step: String)] = []
        for i in terms.indices {
            for j in terms.indices where j != i {
                let (a, b) = (terms[i], terms[j])
                for (symbol, value) in combinations(a.value, b.value, commutativeOrder: i < j) {
                    var rest = terms.enumerated().filter { $0.offset != i && $0.offset != j }.map(\.element)
                    rest.append(Term(value: value, text: "\(a.operand)\(symbol)\(b.operand)", isAtom: false))
                    out.append((rest, "\(a.value)\(symbol)\(b.value)=\(value)"))
                }
            }
        }
        return out
    }

    private struct Term {
        var value: Int
        var text: String
        var isAtom: Bool
        var operand: String { isAtom ? text : "(\(text))" }
    }

    private static func search(
        _ terms: [Term], target: Int, steps: [String], visited: inout Set<[Int]>
    ) -> Solution? {
        if terms.count == 1 {
            return terms[0].value == target ? Solution(expression: terms[0].text, steps: steps) : nil
        }
        // the same multiset of remaining values fails the same way whatever the expressions behind them
        guard visited.insert(terms.map(\.value).sorted()).inserted else { return nil }
        for (rest, step) in moves(terms) {
            if let found = search(rest, target: target, steps: steps + [step], visited: &visited) { return found }
        }
        return nil
    }

    /// The integer results of `a op b`: `+` and `*` once per unordered pair, `-` when non-negative, `/` when
    /// exact.
    private static func combinations(_ a: Int, _ b: Int, commutativeOrder: Bool) -> [(Character, Int)] {
        var out: [(Character, Int)] = []
        if commutativeOrder {
            out.append(("+", a + b))
            out.append(("*", a * b))
        }
        if a - b >= 0 { out.append(("-", a - b)) }
        if b != 0 && a % b == 0 { out.append(("/", a / b)) }
        return out
    }
}
