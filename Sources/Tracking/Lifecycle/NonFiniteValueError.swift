/// A NaN or infinite loss, metric or parameter: training must stop, keeping the last good checkpoint.
public struct NonFiniteValueError: Error, Equatable, CustomStringConvertible {
    /// The quantity, e.g. `losses/value_loss` or `actor.hidden.weight`.
    public var quantity: String
    /// The global step at which it was seen.
    public var step: Int
    /// The offending value.
    public var value: Double
    /// What to try; nil gives the advice for diverging training (learning rate, clipping, normalisation).
    public var advice: String?

    /// An error for `quantity` at `step`.
    public init(quantity: String, step: Int, value: Double, advice: String? = nil) {
        self.quantity = quantity
        self.step = step
        self.value = value
        self.advice = advice
    }

    public var description: String {
        "\(quantity) became \(value) at step \(step); training stopped and the last good checkpoint is kept. "
            + (advice ?? "Try a lower learning rate, gradient clipping, or observation/reward normalisation.")
    }

    /// Throws for the first non-finite value among `values`.
    /// - Throws: `NonFiniteValueError` naming the quantity and step.
    public static func check(_ values: KeyValuePairs<String, Double>, step: Int) throws(NonFiniteValueError) {
        for (quantity, value) in values where !value.isFinite {
            throw NonFiniteValueError(quantity: quantity, step: step, value: value)
        }
    }

    /// Throws if any element of a parameter tensor's storage is non-finite.
    /// - Throws: `NonFiniteValueError` naming the parameter, the step and the first bad value.
    /// - Complexity: O(n).
    public static func check<Values: Sequence>(
        parameter name: String, _ values: Values, step: Int
    ) throws(NonFiniteValueError) where Values.Element: BinaryFloatingPoint {
        for value in values where !value.isFinite {
            throw NonFiniteValueError(quantity: name, step: step, value: Double(value))
        }
    }
}
