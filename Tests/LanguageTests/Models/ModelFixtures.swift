import Foundation
import Testing

@testable import Language

/// The tiny Hugging Face model fixtures made by `Scripts/fixtures/hf_tiny_models.py`.
enum ModelFixtures {
    struct TokenizerSample: Decodable {
        var text: String
        var ids: [Int]
        var decoded: String
    }

    struct Expected: Decodable {
        var ids: [[Int]]
        var logits: [[[Double]]]
        var tokenizer_samples: [TokenizerSample]
    }

    static func directory(_ name: String) throws -> URL {
        try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"))
    }

    static func expected(_ name: String) throws -> Expected {
        let url = try directory(name).appendingPathComponent("expected.json")
        return try JSONDecoder().decode(Expected.self, from: Data(contentsOf: url))
    }
}
