import Foundation

/// Okapi BM25 over a small in-memory corpus: the search tool of the text worlds.
///
/// score(q, D) = Σ_{t ∈ q} IDF(t) · f(t, D)·(k₁ + 1) / (f(t, D) + k₁·(1 − b + b·|D|/avgdl)), with
/// IDF(t) = ln(1 + (N − n(t) + 0.5)/(n(t) + 0.5)) (the non-negative Lucene form). Query terms are summed as
/// they occur (a repeated query word counts twice). Tokens are lower-cased runs of letters and digits.
public struct BM25Index: Sendable {
    /// k₁: term-frequency saturation, default 1.2.
    public let k1: Double
    /// b: length normalisation, default 0.75.
    public let b: Double
    /// Each document's tokens.
    public let documents: [[String]]
    private let termCounts: [[String: Int]]
    private let documentFrequency: [String: Int]
    /// Mean document length in tokens.
    public let averageLength: Double

    /// Indexes `texts`.
    public init(_ texts: [String], k1: Double = 1.2, b: Double = 0.75) {
        self.k1 = k1
        self.b = b
        documents = texts.map(Self.tokenize)
        termCounts = documents.map { tokens in tokens.reduce(into: [:]) { $0[$1, default: 0] += 1 } }
        var frequency: [String: Int] = [:]
        for counts in termCounts { for term in counts.keys { frequency[term, default: 0] += 1 } }
        documentFrequency = frequency
        let total = documents.reduce(0) { $0 + $1.count }
        averageLength = documents.isEmpty ? 0 : Double(total) / Double(documents.count)
    }

    /// Lower-cased runs of letters and digits.
    public static func tokenize(_ text: String) -> [String] {
        text.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
    }

    /// IDF(t) = ln(1 + (N − n + 0.5)/(n + 0.5)).
    public func idf(_ term: String) -> Double {
        let n = Double(documentFrequency[term] ?? 0), count = Double(documents.count)
        return log(1 + (count - n + 0.5) / (n + 0.5))
    }

    /// The BM25 score of document `index` for `query`.
    public func score(_ query: String, document index: Int) -> Double {
        guard documents.indices.contains(index), averageLength > 0 else { return 0 }
        let length = Double(documents[index].count)
        var total = 0.0
        for term in Self.tokenize(query) {
            let f = Double(termCounts[index][term] ?? 0)
            guard f > 0 else { continue }
            total += idf(term) * f * (k1 + 1) / (f + k1 * (1 - b + b * length / averageLength))
        }
        return total
    }

    /// Every document's score for `query`.
    public func scores(_ query: String) -> [Double] { documents.indices.map { score(query, document: $0) } }

    /// The `topK` highest-scoring documents with a positive score, best first (ties by lower index).
    public func search(_ query: String, topK: Int) -> [(document: Int, score: Double)] {
        let all = scores(query).enumerated().filter { $0.element > 0 }
        let sorted = all.sorted { $0.element != $1.element ? $0.element > $1.element : $0.offset < $1.offset }
        return sorted.prefix(max(topK, 0)).map { ($0.offset, $0.element) }
    }
}
