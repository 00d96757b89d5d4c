import Foundation
import Testing

@testable import Agents

/// Hand-computed BM25 (k₁ 1.2, b 0.75) on a three-document corpus, avgdl = (3 + 6 + 3)/3 = 4:
/// IDF(cat) = ln(1 + 1.5/2.5) = ln 1.6; d0 "cat" f 1, |D| 3: ln1.6 · 2.2/(1 + 1.2·(0.25 + 0.5625)) = 0.52355.
@Suite struct BM25IndexTests {
    let index = BM25Index(["The cat sat.", "the dog sat on the mat", "cat, cat: dog!"])

    @Test func scoresMatchHandComputedValues() {
        #expect(abs(index.averageLength - 4) < 1e-12)
        #expect(abs(index.idf("cat") - 0.47000362924573563) < 1e-12)
        #expect(abs(index.idf("the") - log(1 + 1.5 / 2.5)) < 1e-12)
        #expect(abs(index.idf("sat") - log(1 + 1.5 / 2.5)) < 1e-12)
        #expect(abs(index.idf("absent") - log(1 + 3.5 / 0.5)) < 1e-12)
        #expect(abs(index.score("cat", document: 0) - 0.5235483465015789) < 1e-12)
        #expect(abs(index.score("CAT", document: 2) - 0.6951314180441133) < 1e-12)
        #expect(abs(index.score("dog mat", document: 1) - 1.2044650343269496) < 1e-12)
        #expect(index.score("cat", document: 1) == 0)
        #expect(abs(index.score("cat cat", document: 0) - 2 * 0.5235483465015789) < 1e-12)
    }

    @Test func searchRanksAndDropsZeroScores() {
        let hits = index.search("cat", topK: 5)
        #expect(hits.map(\.document) == [2, 0])
        #expect(index.search("zebra", topK: 3).isEmpty)
        #expect(index.search("cat", topK: 1).map(\.document) == [2])
        #expect(BM25Index.tokenize("Anna-Maria's 2 cats") == ["anna", "maria", "s", "2", "cats"])
    }
}
