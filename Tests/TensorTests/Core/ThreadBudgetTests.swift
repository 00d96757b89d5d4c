import Testing

@testable import Tensor

@Suite struct ThreadBudgetTests {
    @Test func environmentSettingOrCores() {
        #expect(ThreadBudget.initialCount("3", cores: 8) == 3)
        #expect(ThreadBudget.initialCount(" 2 ", cores: 8) == 2)
        #expect(ThreadBudget.initialCount(nil, cores: 8) == 8)
        #expect(ThreadBudget.initialCount("0", cores: 8) == 8)
        #expect(ThreadBudget.initialCount("-4", cores: 2) == 2)
        #expect(ThreadBudget.initialCount("many", cores: 0) == 1)
        #expect(ThreadBudget.threads >= 1)
    }
}
