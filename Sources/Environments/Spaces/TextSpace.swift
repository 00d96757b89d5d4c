import Tensor

/// Gymnasium's `Text(min_length, max_length, charset)`: strings over a character set.
public struct TextSpace: Hashable, Sendable, Codable {
    /// Gymnasium's default character set: digits, upper- and lower-case English letters (sorted).
    public static let alphanumeric = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

    /// Minimum length.
    public var minLength: Int
    /// Maximum length.
    public var maxLength: Int
    /// Allowed characters, in sampling order, without duplicates.
    public var charset: String

    /// The allowed characters as an array.
    public var characters: [Character] { Array(charset) }

    /// Creates `Text(min_length, max_length, charset)`.
    /// - Throws: ``EnvironmentError/spaceMismatch(_:)`` when lengths are negative or reversed, or the set is empty.
    public init(minLength: Int = 1, maxLength: Int, charset: String = TextSpace.alphanumeric) throws(EnvironmentError) {
        guard minLength >= 0, minLength <= maxLength else {
            throw .spaceMismatch("Text: need 0 ≤ minLength (\(minLength)) ≤ maxLength (\(maxLength))")
        }
        var seen = Set<Character>()
        let characters = charset.filter { seen.insert($0).inserted }
        guard !characters.isEmpty else { throw .spaceMismatch("Text: the character set is empty") }
        self.minLength = minLength
        self.maxLength = maxLength
        self.charset = String(characters)
    }

    /// Whether `text` has an allowed length and only allowed characters.
    public func contains(_ text: String) -> Bool {
        let allowed = Set(characters)
        return text.count >= minLength && text.count <= maxLength && text.allSatisfy { allowed.contains($0) }
    }

    /// Samples like Gymnasium: a length from `integers(min, max + 1)`, then characters by inverse-CDF `choice`.
    public func sample(using generator: inout NumPyGenerator) -> String {
        let length = generator.integers(low: minLength, high: maxLength + 1)
        let characters = self.characters
        let k = Double(characters.count)
        var cdf = [Double](repeating: 0, count: characters.count)
        var total = 0.0
        for index in cdf.indices {
            total += 1 / k
            cdf[index] = total
        }
        let last = cdf[cdf.count - 1]
        for index in cdf.indices { cdf[index] /= last }
        var result = ""
        for _ in 0..<length {
            let u = generator.random()
            // searchsorted(side: right): first index with cdf > u.
            var position = 0
            while position < cdf.count - 1, cdf[position] <= u { position += 1 }
            result.append(characters[position])
        }
        return result
    }
}
