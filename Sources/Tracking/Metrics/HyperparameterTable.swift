/// Renders hyper-parameters as the markdown table CleanRL logs under the `hyperparameters` text tag:
///
/// ```
/// |param|value|
/// |-|-|
/// |learningRate|0.00025|
/// ```
public enum HyperparameterTable {
    /// The table for `(name, value)` pairs, in the given order. `|` and newlines in values are escaped so the
    /// table stays intact.
    public static func markdown(_ parameters: [(name: String, value: String)]) -> String {
        var lines = ["|param|value|", "|-|-|"]
        for (name, value) in parameters {
            lines.append("|\(escape(name))|\(escape(value))|")
        }
        return lines.joined(separator: "\n")
    }

    private static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "|": out += "\\|"
            case "\n", "\r\n": out += " "
            default: out.append(character)
            }
        }
        return out
    }
}
