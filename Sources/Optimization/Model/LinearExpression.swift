/// A variable of a ``MILPModel``: an index into the model's columns (valid only for the model that made it).
public struct Variable: Hashable, Sendable, Comparable {
    /// Position in ``MILPModel/variables`` (0-based).
    public let index: Int

    /// A handle for column `index`.
    public init(index: Int) { self.index = index }

    public static func < (lhs: Variable, rhs: Variable) -> Bool { lhs.index < rhs.index }
}

/// `Σ cᵢ·xᵢ + constant`: built with `+`, `-` and `*` from variables and numbers.
///
/// ```swift
/// let e = 2 * x + y - 1        // LinearExpression
/// model.addConstraint(e <= 4)
/// ```
public struct LinearExpression: Sendable, Equatable {
    /// Coefficient per variable index (terms with the same variable are merged).
    public private(set) var coefficients: [Int: Double]
    /// The constant term.
    public var constant: Double

    /// `constant` alone.
    public init(constant: Double = 0) {
        coefficients = [:]
        self.constant = constant
    }

    /// `coefficient · variable`.
    public init(_ variable: Variable, coefficient: Double = 1) {
        coefficients = [variable.index: coefficient]
        constant = 0
    }

    /// `Σ coefficient · variable + constant` from pairs (repeated variables add up).
    public init(_ terms: [(Variable, Double)], constant: Double = 0) {
        coefficients = [:]
        self.constant = constant
        for (variable, coefficient) in terms { add(coefficient, variable) }
    }

    /// Adds `coefficient · variable`.
    public mutating func add(_ coefficient: Double, _ variable: Variable) {
        coefficients[variable.index, default: 0] += coefficient
    }

    /// The terms sorted by variable index.
    public var terms: [(variable: Variable, coefficient: Double)] {
        coefficients.keys.sorted().map { (Variable(index: $0), coefficients[$0] ?? 0) }
    }

    /// The value at `values` (indexed by variable index; missing entries count as 0).
    public func value(at values: [Double]) -> Double {
        var total = constant
        for (index, coefficient) in coefficients where index < values.count { total += coefficient * values[index] }
        return total
    }

    public static func + (lhs: LinearExpression, rhs: LinearExpression) -> LinearExpression {
        var out = lhs
        out.constant += rhs.constant
        for (index, coefficient) in rhs.coefficients { out.coefficients[index, default: 0] += coefficient }
        return out
    }

    public static prefix func - (value: LinearExpression) -> LinearExpression { -1 * value }

    public static func - (lhs: LinearExpression, rhs: LinearExpression) -> LinearExpression { lhs + (-rhs) }

    public static func * (lhs: Double, rhs: LinearExpression) -> LinearExpression {
        var out = rhs
        out.constant *= lhs
        out.coefficients = out.coefficients.mapValues { $0 * lhs }
        return out
    }

    public static func + (lhs: LinearExpression, rhs: Double) -> LinearExpression {
        lhs + LinearExpression(constant: rhs)
    }

    public static func - (lhs: LinearExpression, rhs: Double) -> LinearExpression {
        lhs + LinearExpression(constant: -rhs)
    }

    public static func + (lhs: LinearExpression, rhs: Variable) -> LinearExpression { lhs + LinearExpression(rhs) }

    public static func - (lhs: LinearExpression, rhs: Variable) -> LinearExpression { lhs - LinearExpression(rhs) }

    public static func += (lhs: inout LinearExpression, rhs: LinearExpression) { lhs = lhs + rhs }
}

extension Variable {
    public static func * (lhs: Double, rhs: Variable) -> LinearExpression { LinearExpression(rhs, coefficient: lhs) }

    public static func + (lhs: Variable, rhs: Variable) -> LinearExpression {
        LinearExpression(lhs) + LinearExpression(rhs)
    }

    public static func - (lhs: Variable, rhs: Variable) -> LinearExpression {
        LinearExpression(lhs) - LinearExpression(rhs)
    }

    public static func + (lhs: Variable, rhs: Double) -> LinearExpression { LinearExpression(lhs) + rhs }

    public static func - (lhs: Variable, rhs: Double) -> LinearExpression { LinearExpression(lhs) - rhs }
}
