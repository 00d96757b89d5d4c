import Foundation
import Testing

@testable import Language

/// Encode/decode parity with the Python `tokenizers` package on the fixtures' trained tokenizers.
@Suite struct ByteLevelBPETokenizerTests {
    static func tokenizer(_ fixture: String) throws -> ByteLevelBPETokenizer {
        try ByteLevelBPETokenizer(contentsOf: ModelFixtures.directory(fixture).appendingPathComponent("tokenizer.json"))
    }

    @Test(arguments: ["tiny-gpt2", "tiny-qwen2"])
    func encodeMatchesTokenizers(fixture: String) throws {
        let tokenizer = try Self.tokenizer(fixture)
        for sample in try ModelFixtures.expected(fixture).tokenizer_samples {
            #expect(tokenizer.encode(sample.text) == sample.ids, "text: \(sample.text)")
        }
    }

    @Test(arguments: ["tiny-gpt2", "tiny-qwen2"])
    func decodeMatchesTokenizers(fixture: String) throws {
        let tokenizer = try Self.tokenizer(fixture)
        for sample in try ModelFixtures.expected(fixture).tokenizer_samples {
            #expect(tokenizer.decode(sample.ids) == sample.decoded)
        }
    }

    @Test func skipsSpecialTokensWhenAsked() throws {
        let tokenizer = try Self.tokenizer("tiny-gpt2")
        let ids = tokenizer.encode("<|endoftext|>hi")
        #expect(ids.first == tokenizer.id(of: "<|endoftext|>"))
        #expect(tokenizer.decode(ids, skipSpecialTokens: true) == "hi")
    }

    @Test func missingFileIsAClearError() {
        let url = URL(fileURLWithPath: "/nonexistent/tokenizer.json")
        #expect {
            _ = try ByteLevelBPETokenizer(contentsOf: url)
        } throws: { ($0 as? TokenizerError)?.description.contains("tokenizer.json") == true }
    }

    @Test func nonBPEModelIsRejected() {
        let json = Data(#"{"model": {"type": "Unigram", "vocab": []}}"#.utf8)
        #expect(throws: TokenizerError.self) { _ = try ByteLevelBPETokenizer(json: json) }
    }
}
