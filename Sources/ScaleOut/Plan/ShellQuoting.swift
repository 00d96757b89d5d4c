/// POSIX shell quoting for the command lines SwiftRL hands to a cluster engine (Ray entrypoints and Slurm
/// scripts run through `sh -c`/`bash`).
///
/// Every argument becomes one single-quoted word; an embedded `'` becomes `'\''`. Inside single quotes the
/// shell expands nothing, so a config value such as `x; touch injected-marker` stays one literal argument.
public enum ShellQuoting {
    /// `argument` as one shell word. Plain words made of `[A-Za-z0-9_./:=@%+,-]` stay unquoted for readability.
    public static func quote(_ argument: String) -> String {
        let plain = !argument.isEmpty && argument.unicodeScalars.allSatisfy { scalar in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "_", ".", "/", ":", "=", "@", "%", "+", ",", "-": return true
            default: return false
            }
        }
        if plain { return argument }
        return "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// The command line: every element quoted with ``quote(_:)``, joined by spaces.
    public static func commandLine(_ arguments: [String]) -> String {
        arguments.map(quote).joined(separator: " ")
    }
}
