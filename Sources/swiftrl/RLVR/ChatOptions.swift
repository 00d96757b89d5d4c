import ArgumentParser
import Foundation
import Language

/// `--no-chat-template` and `--system-prompt`: how prompts become model input.
struct ChatOptions: ParsableArguments {
    @Flag(help: "Give the raw prompt to the model even if its tokenizer_config.json has a chat_template.")
    var noChatTemplate = false

    @Option(help: "System message placed before each prompt (needs a chat template).")
    var systemPrompt: String?

    /// Prompt text → token ids, plus the stop ids: the model directory's chat template (ChatML or Llama 3)
    /// renders each prompt as one user message, and its end-of-turn token joins `stops`.
    /// - Throws: `RLVRCommandError` for an unrecognised template (suggesting --no-chat-template) or a system
    ///   prompt without a template.
    func encoding(
        model directory: String, tokenizer: ByteLevelBPETokenizer, stops: [Int]
    ) throws -> (encode: @Sendable (String) -> [Int], stops: [Int]) {
        var template: ChatTemplate?
        if !noChatTemplate {
            do { template = try ChatTemplate.load(modelDirectory: URL(fileURLWithPath: directory)) } catch {
                throw RLVRCommandError(description: error.description)
            }
        }
        guard let template else {
            if systemPrompt != nil {
                let why = noChatTemplate ? "--no-chat-template was given" : "\(directory) has no chat_template"
                throw RLVRCommandError(
                    description: "--system-prompt needs a chat template, but \(why); drop --system-prompt")
            }
            return ({ tokenizer.encode($0) }, stops)
        }
        let system = systemPrompt
        var allStops = stops
        if let end = tokenizer.id(of: template.endOfTurn), !allStops.contains(end) { allStops.append(end) }
        return ({ tokenizer.encode(template.render(prompt: $0, system: system)) }, allStops)
    }
}
