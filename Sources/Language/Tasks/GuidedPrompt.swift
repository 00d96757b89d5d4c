/// Puts guidance into a task prompt: `make 24 with 3 4 2:` with hint `12*2` becomes `make 24 with 3 4 2 try 12*2:`
/// (before a final `:` or `=`, else appended). R³L's retries use it, and the SFT style
/// ``SolutionStyle/hinted`` teaches a base model to follow it.
public enum GuidedPrompt {
    /// The word that introduces the hint.
    public static let marker = " try "

    /// `prompt` with `hint` inserted.
    public static func insert(_ hint: String, into prompt: String) -> String {
        guard let last = prompt.last, last == ":" || last == "=" else { return prompt + marker + hint }
        return String(prompt.dropLast()) + marker + hint + String(last)
    }

    /// The left side of a derivation step (`12*2` of `12*2=24`), the hint that asks for that step.
    public static func hint(forStep step: String) -> String {
        String(step.split(separator: "=", maxSplits: 1).first ?? Substring(step))
    }
}
