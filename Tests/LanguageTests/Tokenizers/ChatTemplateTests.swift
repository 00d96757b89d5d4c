import Foundation
import Testing

@testable import Language

@Suite("Chat templates (recognised, not Jinja)")
struct ChatTemplateTests {
    /// Qwen2.5-Instruct's template, abridged to the parts that matter (the tools branch and the default system).
    static let qwen25 = #"""
        {%- if tools %}{{- '<|im_start|>system\n' }}{%- if messages[0]['role'] == 'system' %}{{- messages[0]['content'] }}{%- else %}{{- 'You are Qwen, created by Alibaba Cloud. You are a helpful assistant.' }}{%- endif %}{%- else %}{%- if messages[0]['role'] == 'system' %}{{- '<|im_start|>system\n' + messages[0]['content'] + '<|im_end|>\n' }}{%- else %}{{- '<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n' }}{%- endif %}{%- endif %}{%- for message in messages %}{{- '<|im_start|>' + message.role + '\n' + message.content + '<|im_end|>' + '\n' }}{%- endfor %}{%- if add_generation_prompt %}{{- '<|im_start|>assistant\n' }}{%- endif %}
        """#
    /// Qwen3-style: no default system message.
    static let qwen3 = #"""
        {%- if messages[0].role == 'system' %}{{- '<|im_start|>system\n' + messages[0].content + '<|im_end|>\n\n' }}{%- endif %}{%- for message in messages %}{{- '<|im_start|>' + message.role + '\n' + message.content + '<|im_end|>' + '\n' }}{%- endfor %}{%- if add_generation_prompt %}{{- '<|im_start|>assistant\n' }}{%- endif %}
        """#
    /// Llama 3 (8B-Instruct).
    static let llama3 = #"""
        {% set loop_messages = messages %}{% for message in loop_messages %}{% set content = '<|start_header_id|>' + message['role'] + '<|end_header_id|>\n\n'+ message['content'] | trim + '<|eot_id|>' %}{% if loop.index0 == 0 %}{% set content = bos_token + content %}{% endif %}{{ content }}{% endfor %}{% if add_generation_prompt %}{{ '<|start_header_id|>assistant<|end_header_id|>\n\n' }}{% endif %}
        """#
    /// Llama 3.1's system preamble lines.
    static let llama31 = #"""
        {{- bos_token }}{%- if not date_string is defined %}{%- set date_string = "26 Jul 2024" %}{%- endif %}{{- "<|start_header_id|>system<|end_header_id|>\n\n" }}{{- "Cutting Knowledge Date: December 2023\n" }}{{- "Today Date: " + date_string + "\n\n" }}{{- system_message }}{{- "<|eot_id|>" }}{{- '<|start_header_id|>assistant<|end_header_id|>\n\n' }}
        """#

    @Test("Qwen2.5 (ChatML) renders its default system message, the user turn and the assistant header")
    func qwen25() throws {
        let template = try ChatTemplate.recognize(Self.qwen25)
        #expect(
            template == .chatML(defaultSystem: "You are Qwen, created by Alibaba Cloud. You are a helpful assistant."))
        #expect(
            template.render(prompt: "2+2=")
                == "<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n"
                + "<|im_start|>user\n2+2=<|im_end|>\n<|im_start|>assistant\n")
        #expect(
            template.render(prompt: "2+2=", system: "Be brief.")
                == "<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\n2+2=<|im_end|>\n<|im_start|>assistant\n")
        #expect(template.endOfTurn == "<|im_end|>")
    }

    @Test("Qwen3-style ChatML has no default system message")
    func qwen3() throws {
        let template = try ChatTemplate.recognize(Self.qwen3)
        #expect(template.render(prompt: "hi") == "<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\n")
    }

    @Test("Llama 3 writes BOS and headers, with trimmed contents")
    func llama3() throws {
        let template = try ChatTemplate.recognize(Self.llama3)
        #expect(
            template.render(prompt: " 2+2= \n")
                == "<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\n2+2=<|eot_id|>"
                + "<|start_header_id|>assistant<|end_header_id|>\n\n")
        #expect(
            template.render(prompt: "2+2=", system: "Be brief.")
                == "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nBe brief.<|eot_id|>"
                + "<|start_header_id|>user<|end_header_id|>\n\n2+2=<|eot_id|>"
                + "<|start_header_id|>assistant<|end_header_id|>\n\n")
        #expect(template.endOfTurn == "<|eot_id|>")
    }

    @Test("Llama 3.1 always writes the dated system preamble, with the template's fixed date")
    func llama31() throws {
        let template = try ChatTemplate.recognize(Self.llama31, beginOfText: "<s>")
        #expect(
            template.render(prompt: "hi")
                == "<s><|start_header_id|>system<|end_header_id|>\n\n"
                + "Cutting Knowledge Date: December 2023\nToday Date: 26 Jul 2024\n\n<|eot_id|>"
                + "<|start_header_id|>user<|end_header_id|>\n\nhi<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n"
        )
    }

    @Test("an unknown template is an error that says to pass --no-chat-template")
    func unknown() {
        let error = #expect(throws: ChatTemplate.Error.self) {
            try ChatTemplate.recognize("{% for m in messages %}[INST] {{ m.content }} [/INST]{% endfor %}")
        }
        #expect(error?.description.contains("--no-chat-template") == true)
    }

    @Test("a model directory: tokenizer_config.json's chat_template (string or named list), or none")
    func modelDirectory() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("chat-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("tokenizer_config.json")
        #expect(try ChatTemplate.load(modelDirectory: directory) == nil)
        try Data(#"{"eos_token": "</s>"}"#.utf8).write(to: config)
        #expect(try ChatTemplate.load(modelDirectory: directory) == nil)
        let named: [String: Any] = [
            "bos_token": ["content": "<BOS>"], "chat_template": [["name": "default", "template": Self.llama3]],
        ]
        try JSONSerialization.data(withJSONObject: named).write(to: config)
        #expect(try ChatTemplate.load(modelDirectory: directory) == .llama3(beginOfText: "<BOS>", systemPreamble: nil))
        try JSONSerialization.data(withJSONObject: ["chat_template": Self.qwen3]).write(to: config)
        #expect(try ChatTemplate.load(modelDirectory: directory) == .chatML(defaultSystem: nil))
    }
}
