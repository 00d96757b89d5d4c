import Testing
@testable import Offline

@Suite("D4RL normalised score")
struct NormalizedScoreTests {
    @Test("random is 0, expert is 100, linear in between")
    func values() throws {
        let ref = ReferenceReturns(random: -1200, expert: -150)
        #expect(try ref.normalized(-1200) == 0)
        #expect(try ref.normalized(-150) == 100)
        #expect(try ref.normalized(-675) == 50)
    }

    @Test("equal references are an error")
    func degenerate() {
        #expect(throws: ReferenceReturns.Degenerate.self) { try ReferenceReturns(random: 1, expert: 1).normalized(1) }
    }
}
