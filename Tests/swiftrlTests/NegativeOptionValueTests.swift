import Testing

@testable import swiftrl

/// Option values that begin with a minus sign parse where a number is expected (issue: `--actions -1.0,0.5`
/// failed with "Missing value for '--actions'").
@Suite struct NegativeOptionValueTests {
    @Test func rolloutActionsMayStartWithAMinusSign() throws {
        let command = try EnvRolloutCommand.parse(["Pendulum-v1", "--actions", "-1.0,0.5"])
        #expect(command.actions == "-1.0,0.5")
    }

    @Test func vectorActionsWithNegativeComponentsParse() throws {
        let command = try EnvRolloutCommand.parse(["MountainCarContinuous-v0", "--actions", "-0.5 -1,0.2 0.3"])
        #expect(command.actions == "-0.5 -1,0.2 0.3")
    }

    @Test func negativeNumbersParseForNumericOptions() throws {
        let benchmark = try BenchmarkCommand.parse([
            "--algo", "ppo", "--env-ids", "Pendulum-v1", "--stop-at-return", "-200",
        ])
        #expect(benchmark.stopAtReturn == -200)
        let offline = try OfflineTrainCommand.parse([
            "td3bc", "--dataset", "d.npz", "--env", "Pendulum-v1", "--ref-random", "-1234.5", "--ref-expert", "-150",
        ])
        #expect(offline.refRandom == -1234.5 && offline.refExpert == -150)
    }

    @Test func setOverridesWithNegativeValuesParse() throws {
        let command = try TrainCommand.parse(["ppo", "--set", "ppo.entropyCoefficient=-0.01"])
        #expect(command.overrides == ["ppo.entropyCoefficient=-0.01"])
    }

    @Test func negativeValueStillReachesValidation() throws {
        // the value parses, and the command's own validation names the problem
        let arguments = ["--model", "m", "--prompt", "1+1=", "--temperature", "-1"]
        do {
            _ = try LMGenerateCommand.parse(arguments)
            Issue.record("a negative temperature was accepted")
        } catch {
            #expect(LMGenerateCommand.message(for: error).contains("--temperature must be ≥ 0"))
        }
    }
}
