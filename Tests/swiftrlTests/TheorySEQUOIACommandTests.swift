import Optimization
import Testing

@testable import swiftrl

/// `swiftrl theory sequoia`: a short run with the GLPK trait, the install hint without it.
@Suite struct TheorySEQUOIACommandTests {
    @Test(.enabled(if: GLPKSolver.isAvailable)) func shortRunOnARandomBudgetInstance() throws {
        var command = try TheorySEQUOIACommand.parse([
            "--instance", "budget", "--arms", "4", "--episodes", "12", "--eval-episodes", "5", "--hidden", "8",
        ])
        try command.run()
        #expect(throws: (any Error).self) { try TheorySEQUOIACommand.parse(["--instance", "path"]) }
        var bad = try TheorySEQUOIACommand.parse(["--hidden", "8,x", "--episodes", "1"])
        #expect(throws: (any Error).self) { try bad.run() }
    }

    @Test(.enabled(if: !GLPKSolver.isAvailable)) func withoutTheTraitTheErrorSaysWhatToInstall() {
        #expect(throws: (any Error).self) { try TheorySEQUOIACommand.parse([]) }
    }
}
