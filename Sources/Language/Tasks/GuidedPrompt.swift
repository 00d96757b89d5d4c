/// Puts guidance into a task prompt: `make 24 with 3 4 2:` with hint `3*4=12` becomes `make 24 with 3 4 2 try 3*4=12:`
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

    /// The hint that asks for a derivation step: the step itself (`12*2=24`), without a trailing separator.
    public static func hint(forStep step: String) -> String {
        var text = step
        while let last = text.last, last == "," || last == ";" || last == " " { text.removeLast() }
        return text
    }
}
