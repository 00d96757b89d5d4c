import Language
import Testing

@testable import swiftrl

/// `swiftrl rlvr train --steer`: CTRLS on a user's own coded base model.
@Suite struct CTRLSSteerOptionTests {
    @Test func steerDefaultsToTheCTRLSPresetAndSchedule() throws {
        let command = try RLVRTrainCommand.parse(["--model", "m", "--task", "countdown", "--steer"])
        #expect(command.presetName == "ctrls")
        #expect(try command.explorationSchedule() == ExplorationSchedule(start: 0.1, end: 0.01))
    }

    @Test func withoutSteerThePresetStaysGRPO() throws {
        let command = try RLVRTrainCommand.parse(["--model", "m"])
        #expect(command.presetName == "grpo")
    }

    @Test func ctrlsPresetNeedsSteer() {
        #expect(throws: (any Error).self) { _ = try RLVRTrainCommand.parse(["--model", "m", "--preset", "ctrls"]) }
    }

    @Test func explorationIsTwoProbabilities() {
        #expect(throws: (any Error).self) {
            _ = try RLVRTrainCommand.parse(["--model", "m", "--steer", "--exploration", "0.1"])
        }
        #expect(throws: (any Error).self) {
            _ = try RLVRTrainCommand.parse(["--model", "m", "--steer", "--exploration", "1.5,0.1"])
        }
        #expect(throws: Never.self) {
            _ = try RLVRTrainCommand.parse(["--model", "m", "--steer", "--exploration", "0.2,0"])
        }
    }
}
