import Foundation

/// The chat format a model was fine-tuned with, recognised from its Hugging Face `chat_template` (SwiftRL does not
/// run Jinja): a prompt is rendered as one user message, optionally after a system message, followed by the
/// assistant header (`add_generation_prompt=True`).
///
/// - ChatML (Qwen2, Qwen2.5, Qwen3, …): `<|im_start|>user\n{prompt}<|im_end|>\n<|im_start|>assistant\n`. A
///   default system message written literally in the template (Qwen2's "You are a helpful assistant.") is used
///   when no system prompt is given, as the template does.
/// - Llama 3 (`<|start_header_id|>` … `<|eot_id|>`): `{bos}<|start_header_id|>user<|end_header_id|>\n\n{prompt}`
///   `<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n`, contents trimmed. Llama 3.1+ templates always
///   write a system message that opens with "Cutting Knowledge Date: …\nToday Date: …\n\n"; the date is the
///   template's literal fallback ("26 Jul 2024"), never today's, so runs are reproducible.
public enum ChatTemplate: Equatable, Sendable {
    /// ChatML with the template's default system message, if any.
    case chatML(defaultSystem: String?)
    /// Llama 3 headers; `beginOfText` is the BOS token text, `systemPreamble` the 3.1+ date lines.
    case llama3(beginOfText: String, systemPreamble: String?)

    /// Why a model directory's chat template cannot be used.
    public struct Error: Swift.Error, Equatable, CustomStringConvertible {
        /// What was wrong and how to fix it.
        public var description: String
    }

    /// The token that ends an assistant turn; generation should stop there.
    public var endOfTurn: String {
        switch self {
        case .chatML: "<|im_end|>"
        case .llama3: "<|eot_id|>"
        }
    }

    /// The text given to the tokenizer for `prompt` as one user message.
    /// - Parameters:
    ///   - prompt: the user message.
    ///   - system: a system message; `nil` keeps the template's default (if it has one).
    public func render(prompt: String, system: String? = nil) -> String {
        switch self {
        case let .chatML(defaultSystem):
            let header = (system ?? defaultSystem).map { "<|im_start|>system\n\($0)<|im_end|>\n" } ?? ""
            return header + "<|im_start|>user\n\(prompt)<|im_end|>\n<|im_start|>assistant\n"
        case let .llama3(beginOfText, preamble):
            func turn(_ role: String, _ content: String) -> String {
                "<|start_header_id|>\(role)<|end_header_id|>\n\n\(content)<|eot_id|>"
            }
            let trimmedSystem = system?.trimmingCharacters(in: .whitespacesAndNewlines)
            var text = beginOfText
            if preamble != nil || trimmedSystem != nil {
                text += turn("system", (preamble ?? "") + (trimmedSystem ?? ""))
            }
            text += turn("user", prompt.trimmingCharacters(in: .whitespacesAndNewlines))
            return text + "<|start_header_id|>assistant<|end_header_id|>\n\n"
        }
    }

    /// Recognises a Jinja chat template by its special tokens.
    /// - Parameters:
    ///   - template: the `chat_template` text.
    ///   - beginOfText: the tokenizer's BOS token text (written by Llama 3 templates).
    ///   - source: where the template came from, for the error message.
    /// - Throws: ``Error`` when the template is neither ChatML nor Llama 3, saying to pass `--no-chat-template`.
    public static func recognize(
        _ template: String, beginOfText: String = "<|begin_of_text|>", source: String = "chat_template"
    ) throws(Error) -> ChatTemplate {
        if template.contains("<|im_start|>") && template.contains("<|im_end|>") {
            return .chatML(defaultSystem: literalDefaultSystem(in: template))
        }
        if template.contains("<|start_header_id|>") && template.contains("<|eot_id|>") {
            return .llama3(beginOfText: beginOfText, systemPreamble: llama31Preamble(in: template))
        }
        throw Error(
            description: "\(source): the chat template is not one SwiftRL recognises (ChatML as in Qwen2, or "
                + "Llama 3 headers; SwiftRL does not run Jinja); pass --no-chat-template to use the raw prompt, or "
                + "write the prompts already formatted")
    }

    /// `<|im_start|>system\n` + literal text + `<|im_end|>` inside the template (Qwen2's default system message).
    private static func literalDefaultSystem(in template: String) -> String? {
        let pattern = #"<\|im_start\|>system(?:\\n|\n)([^{}'"+%|<>]+?)<\|im_end\|>"#
        guard let text = RegexCapture(pattern: pattern)?.firstGroup(in: template) else { return nil }
        return text.replacingOccurrences(of: "\\n", with: "\n")
    }

    /// Llama 3.1+'s "Cutting Knowledge Date: …\nToday Date: …\n\n", with the template's literal dates.
    private static func llama31Preamble(in template: String) -> String? {
        guard let cutoff = RegexCapture(pattern: #"Cutting Knowledge Date: ([^\\"'\n]+)"#)?.firstGroup(in: template)
        else { return nil }
        let today = RegexCapture(pattern: #"date_string = "([^"]+)""#)?.firstGroup(in: template) ?? "26 Jul 2024"
        return "Cutting Knowledge Date: \(cutoff)\nToday Date: \(today)\n\n"
    }
}
