import Foundation
import Testing

@testable import ScaleOut

@Suite struct RunPlanTests {
    @Test func idsMustBeUniqueAndFileNameSafe() {
        let run = PlannedRun(id: "a", arguments: [], group: "g")
        #expect(throws: ScaleOutError.self) { try RunPlan(kind: .sweep, title: "t", runs: [run, run]) }
        #expect(throws: ScaleOutError.self) {
            try RunPlan(kind: .sweep, title: "t", runs: [PlannedRun(id: "a/b", arguments: [], group: "g")])
        }
        #expect(PlannedRun.safeName("x; rm -rf /") == "x--rm--rf--")
    }

    @Test func planIsSavedOnceAndAnotherPlanIsRefused() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("plan-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let plan = try TrainingPlans.benchmark(.init(algorithm: "ppo", environments: ["CartPole-v1"], seeds: [1, 2]))
        try plan.save(in: directory)
        try plan.save(in: directory)  // the same plan again is fine (resume)
        #expect(try RunPlan.load(from: directory) == plan)
        let other = try TrainingPlans.benchmark(.init(algorithm: "a2c", environments: ["CartPole-v1"], seeds: [1]))
        #expect(throws: ScaleOutError.planMismatch(directory: directory.path)) { try other.save(in: directory) }
        #expect(throws: ScaleOutError.self) { _ = try RunPlan.load(from: directory.appendingPathComponent("none")) }
    }

    @Test func outputPlaceholderIsReplaced() {
        let run = PlannedRun(id: "r", arguments: ["--run-dir", "{output}/runs"], group: "g")
        #expect(run.resolvedArguments(output: "/shared") == ["--run-dir", "/shared/runs"])
    }

    @Test func resultLineIsTheLastMarkedLine() {
        let output = "noise\nswiftrl-result: {\"a\":1}\nRunning entrypoint: x swiftrl-result: {\"b\":2}\n"
            + "swiftrl-result: {\"c\":3}\ntail\n"
        #expect(ResultLine.extract(from: output) == Data("{\"c\":3}".utf8))
        #expect(ResultLine.extract(from: "nothing") == nil)
    }
}
