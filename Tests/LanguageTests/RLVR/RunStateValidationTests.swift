import Foundation
import Tensor
import Testing
import Tracking

@testable import Language

/// A damaged `trainer_state.json` is refused with the field named, before a resumed run acts on it (a NaN or
/// negative Beta pseudo-count used to loop forever in the Gamma sampler).
@Suite struct RunStateValidationTests {
    static let report = EvaluationReport(
        passAtK: [1: 0.5], majorityAtK: [:], averageAtN: 0.5, coverage: 0.5, meanLength: 3, tokenEntropy: 1,
        answerEntropy: 0.5, problems: 2, samples: 2)

    static func state(step: Int = 2) -> RLVRRunState {
        RLVRRunState(
            step: step, rolloutGenerator: Xoshiro256StarStar(seed: 1), evaluationGenerator: Xoshiro256StarStar(seed: 2),
            nextGroupID: 4, beliefs: ["1+1=": BetaBelief(alpha: 2, beta: 3)], sirenAnchor: 0.5,
            metrics: [[:], [:]], evaluations: [RLVREvaluationRecord(step: 0, report: report)])
    }

    @Test func aStateWrittenByARunPasses() throws {
        try Self.state().validate(file: "trainer_state.json")
    }

    @Test(arguments: ["step", "nextGroupID", "metrics", "evaluations[0].step", "alpha", "beta", "sirenAnchor"])
    func damagedFieldsAreNamed(field: String) throws {
        var state = Self.state()
        switch field {
        case "step": state.step = -1
        case "nextGroupID": state.nextGroupID = Int.max
        case "metrics": state.metrics = [[:]]
        case "evaluations[0].step": state.evaluations[0].step = 9
        case "alpha": state.beliefs["1+1="] = BetaBelief(alpha: .nan, beta: 1)
        case "beta": state.beliefs["1+1="] = BetaBelief(alpha: 1, beta: -3)
        default: state.sirenAnchor = .infinity
        }
        let error = #expect(throws: InputValidationError.self) { try state.validate(file: "trainer_state.json") }
        #expect(error?.field.contains(field) == true, "\(String(describing: error))")
    }

    @Test func resumePointRefusesADamagedStateFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rlvr-state-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var state = Self.state()
        state.beliefs["1+1="] = BetaBelief(alpha: 0, beta: 1)
        try RLVRCheckpoint.saveTensors([:], to: folder.appendingPathComponent("trainer.safetensors"))
        try CheckpointJSON.encode(state).write(to: folder.appendingPathComponent("trainer_state.json"))
        let error = #expect(throws: ResumeError.self) { try RLVRCheckpoint.resumePoint(in: folder) }
        #expect(error?.description.contains("beliefs") == true, "\(String(describing: error))")
    }

    @Test func sftStateNeedsOneRecordPerStep() throws {
        let record = SFTRecord(step: 1, loss: 1, learningRate: 0.1, accuracy: nil)
        let good = SFTRunState(step: 1, dataGenerator: Xoshiro256StarStar(seed: 1), history: [record], accuracy: 0.5)
        try good.validate(file: "s")
        var bad = good
        bad.step = 3
        #expect(throws: InputValidationError.self) { try bad.validate(file: "s") }
        bad = good
        bad.accuracy = .nan
        #expect(throws: InputValidationError.self) { try bad.validate(file: "s") }
    }
}
