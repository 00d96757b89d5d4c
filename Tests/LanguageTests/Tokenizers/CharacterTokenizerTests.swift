import Foundation
import Testing
@testable import Language

@Suite("Character tokenizer")
struct CharacterTokenizerTests {
    let tokenizer = CharacterTokenizer(characters: "0123456789+=")

    @Test("round trip with special tokens")
    func roundTrip() throws {
        let ids = try tokenizer.encode("12+3=15", addBeginning: true, addEnd: true)
        #expect(ids.first == CharacterTokenizer.beginOfSequence && ids.last == CharacterTokenizer.endOfSequence)
        #expect(ids[1] == 4)  // "1" is the second character: id 3 + 1
        #expect(tokenizer.decode(ids) == "12+3=15")
        #expect(tokenizer.vocabularySize == 15)
    }

    @Test("unknown characters are a clear error")
    func unknown() {
        #expect(throws: CharacterTokenizer.UnknownCharacter.self) { try tokenizer.encode("1*2") }
    }

    @Test("Codable round trip")
    func codable() throws {
        let data = try JSONEncoder().encode(tokenizer)
        #expect(try JSONDecoder().decode(CharacterTokenizer.self, from: data) == tokenizer)
    }
}
