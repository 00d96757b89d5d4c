import Foundation
import Testing

/// `Fixtures/numpy_random.json`, written by `Scripts/fixtures/numpy_random.py`.
struct NumPyFixture: Decodable {
    struct State: Decodable {
        var state: String
        var inc: String
        var has_uint32: Int
        var uinteger: UInt32
    }

    struct IntegersCase: Decodable {
        var low: Int
        var high: String
        var scalar: [String]
        var size: [String]
        var stateAfterScalar: State
    }

    struct Case: Decodable {
        var seed: String
        var initialState: State
        var raw: [String]
        var random: [String]
        var uniform: [String]
        var integers: [IntegersCase]
        var integersNegative: [Int]
        var standardNormal: [String]
        var standardNormalSize: [String]
        var normal: [String]
        var standardExponential: [String]
        var exponential: [String]
        var interleaving: [[Entry]]
        var stateAfterInterleaving: State
        var permutation10: [Int]
        var shuffle20AfterPermutation: [Int]
    }

    /// An interleaving record is `[op, value]` where value is a hex string (doubles) or an integer.
    enum Entry: Decodable {
        case text(String)
        case integer(Int)

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let value = try? container.decode(Int.self) {
                self = .integer(value)
            } else {
                self = .text(try container.decode(String.self))
            }
        }
    }

    struct LongRun: Decodable {
        var seed: String
        var count: Int
        var standardNormal: String
        var standardExponential: String
        var integers2to40: String
        var integers5: String

        enum CodingKeys: String, CodingKey {
            case seed, count, standardNormal, standardExponential
            case integers2to40 = "integers2^40"
            case integers5
        }
    }

    var numpy: String
    var count: Int
    var cases: [Case]
    var longRuns: [LongRun]

    struct MissingFixture: Error, CustomStringConvertible {
        var description: String {
            "Fixtures/numpy_random.json is missing from the test bundle; run Scripts/fixtures/numpy_random.py"
        }
    }

    static func load() throws -> NumPyFixture {
        guard let url = Bundle.module.url(forResource: "numpy_random", withExtension: "json", subdirectory: "Fixtures")
        else { throw MissingFixture() }
        return try JSONDecoder().decode(NumPyFixture.self, from: Data(contentsOf: url))
    }
}

/// Hex helpers shared by the NumPy tests.
enum Hex {
    static func double(_ text: String) -> Double {
        Double(bitPattern: UInt64(text, radix: 16) ?? 0)
    }

    static func bits(_ value: Double) -> String {
        let digits = String(value.bitPattern, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// The fixture's digest: FNV-1a over 64-bit words.
    static func digest(_ words: [UInt64]) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for word in words {
            hash = (hash ^ word) &* 0x0000_0100_0000_01B3
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
