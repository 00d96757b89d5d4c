/// A tiny recursive-descent evaluator for `+ - * /`, unary minus, parentheses and non-negative integers.
public enum ArithmeticExpression {
    /// Why an expression could not be evaluated.
    public enum ParseError: Error, Equatable, CustomStringConvertible {
        /// An unexpected character at the given offset.
        case unexpected(Character, offset: Int)
        /// The expression ended early.
        case unexpectedEnd
        /// Division by zero.
        case divisionByZero

        public var description: String {
            switch self {
            case let .unexpected(c, offset): "unexpected `\(c)` at offset \(offset); use digits, + - * / and ()"
            case .unexpectedEnd: "the expression ends early (unbalanced parentheses or a trailing operator)"
            case .divisionByZero: "division by zero"
            }
        }
    }

    /// The value of `text` and the integer literals it uses, in order.
    /// - Throws: ``ParseError`` on malformed input.
    public static func evaluate(_ text: String) throws(ParseError) -> (value: Double, numbersUsed: [Int]) {
        var parser = Parser(characters: Array(text.filter { !$0.isWhitespace }))
        let value = try parser.expression()
        if parser.position < parser.characters.count {
            throw .unexpected(parser.characters[parser.position], offset: parser.position)
        }
        return (value, parser.numbers)
    }

    private struct Parser {
        let characters: [Character]
        var position = 0
        var numbers: [Int] = []

        mutating func expression() throws(ParseError) -> Double {
            var value = try term()
            while position < characters.count, characters[position] == "+" || characters[position] == "-" {
                let op = characters[position]
                position += 1
                let rhs = try term()
                value = op == "+" ? value + rhs : value - rhs
            }
            return value
        }

        mutating func term() throws(ParseError) -> Double {
            var value = try factor()
            while position < characters.count, characters[position] == "*" || characters[position] == "/" {
                let op = characters[position]
                position += 1
                let rhs = try factor()
                if op == "/" && rhs == 0 { throw .divisionByZero }
                value = op == "*" ? value * rhs : value / rhs
            }
            return value
        }

        mutating func factor() throws(ParseError) -> Double {
            guard position < characters.count else { throw .unexpectedEnd }
            let c = characters[position]
            if c == "-" {
                position += 1
                return try -factor()
            }
            if c == "(" {
                position += 1
                let value = try expression()
                guard position < characters.count else { throw .unexpectedEnd }
                guard characters[position] == ")" else { throw .unexpected(characters[position], offset: position) }
                position += 1
                return value
            }
            var digits = ""
            while position < characters.count, let d = characters[position].wholeNumberValue,
                characters[position].isASCII
            {
                digits.append(Character(String(d)))
                position += 1
            }
            guard let n = Int(digits) else { throw .unexpected(c, offset: position) }
            numbers.append(n)
            return Double(n)
        }
    }
}
