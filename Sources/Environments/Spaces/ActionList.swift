import Tensor

/// Actions written as text, as `swiftrl env rollout --actions` takes them: comma-separated actions, numbers inside
/// one vector action separated by spaces (`"0.5 -1,0.2 0.3"`).
public enum ActionList {
    /// The actions of `text` for `space`: a single number is a discrete action (an exact integer) for `Discrete`,
    /// anything else an array of finite numbers.
    /// - Parameter source: names the text in errors (e.g. `--actions`).
    /// - Throws: ``InputValidationError`` naming the action index and what was expected.
    public static func parse(_ text: String, for space: Space, source: String) throws(InputValidationError)
        -> [SpaceValue]
    {
        var actions: [SpaceValue] = []
        for (index, item) in text.split(separator: ",").enumerated() {
            let field = "action \(index) (`\(item.prefix(40))`)"
            let parts = item.split(separator: " ")
            let numbers = parts.compactMap { Double($0) }
            guard !parts.isEmpty, numbers.count == parts.count, numbers.allSatisfy(\.isFinite) else {
                throw InputValidationError(
                    file: source, field: field, expected: "a finite number (or space-separated numbers)",
                    found: "not a number")
            }
            if case .discrete = space, numbers.count == 1 {
                actions.append(.int(try CheckedDecoding.integer(numbers[0], field: field, file: source)))
            } else {
                actions.append(.array(numbers))
            }
        }
        return actions
    }
}
