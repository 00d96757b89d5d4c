import Foundation

extension ChatTemplate {
    /// The chat template of a Hugging Face model directory: `tokenizer_config.json`'s `chat_template` (a string,
    /// or a list of named templates of which `default` or the first is used), else a `chat_template.jinja` file.
    /// - Parameter directory: the model directory.
    /// - Returns: the recognised template, or `nil` when the directory has none (a base model).
    /// - Throws: ``Error`` when `tokenizer_config.json` is not valid JSON or the template is not recognised.
    public static func load(modelDirectory directory: URL) throws(Error) -> ChatTemplate? {
        let configURL = directory.appendingPathComponent("tokenizer_config.json")
        var config: [String: Any] = [:]
        if let data = try? Data(contentsOf: configURL) {
            guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
                throw Error(
                    description: "\(configURL.path): not a JSON object; fix the file or pass --no-chat-template")
            }
            config = object
        }
        let jinjaURL = directory.appendingPathComponent("chat_template.jinja")
        let source: String
        let template: String
        if let text = templateText(config["chat_template"]) {
            (source, template) = (configURL.path, text)
        } else if let data = try? Data(contentsOf: jinjaURL), let text = String(data: data, encoding: .utf8) {
            (source, template) = (jinjaURL.path, text)
        } else {
            return nil
        }
        return try recognize(
            template, beginOfText: tokenText(config["bos_token"]) ?? "<|begin_of_text|>", source: source)
    }

    /// A template string, or the `default` (else first) entry of a list of `{"name", "template"}` objects.
    private static func templateText(_ value: Any?) -> String? {
        if let text = value as? String { return text }
        guard let entries = value as? [[String: Any]] else { return nil }
        let chosen = entries.first { ($0["name"] as? String) == "default" } ?? entries.first
        return chosen?["template"] as? String
    }

    /// A special token written as a string or as an `{"content": …}` object.
    private static func tokenText(_ value: Any?) -> String? {
        (value as? String) ?? ((value as? [String: Any])?["content"] as? String)
    }
}
