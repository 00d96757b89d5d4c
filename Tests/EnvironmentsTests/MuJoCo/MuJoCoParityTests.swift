import Foundation
import Testing
@testable import Environments

/// Python interop: Gymnasium's v5 environments (SWIFTRL_PYTHON with `mujoco` and `gymnasium`) against SwiftRL's.
@Suite(
    "MuJoCo parity with Gymnasium",
    .enabled(if: MuJoCoSupport.isAvailable && ProcessInfo.processInfo.environment["SWIFTRL_PYTHON"] != nil))
struct MuJoCoParityTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../Scripts/fixtures/gymnasium_mujoco.py").standardized.path

    /// Runs the fixture script and returns its JSON output.
    static func runScript(_ arguments: [String]) throws -> JSONValue {
        let python = try #require(ProcessInfo.processInfo.environment["SWIFTRL_PYTHON"])
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("mujoco-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: output) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, script] + arguments + [output.path]
        process.currentDirectoryURL = FileManager.default.temporaryDirectory  // MuJoCo's MUJOCO_LOG.TXT goes there
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw FixtureError(
                message: "gymnasium_mujoco.py \(arguments) failed (needs mujoco and gymnasium): \(message)")
        }
        return try JSONParser.parse(String(decoding: try Data(contentsOf: output), as: UTF8.self))
    }

    /// The version string of the linked library, e.g. "4.0.1" for `mj_version()` 4000001 or "2.2.2" for 222.
    static var linkedVersion: String {
        guard let version = MuJoCoSupport.version else { return "none" }
        if version >= 1_000_000 { return "\(version / 1_000_000).\(version / 1000 % 1000).\(version % 1000)" }
        return "\(version / 100).\(version / 10 % 10).\(version % 10)"
    }

    @Test("SwiftRL's MJCF compiles to Gymnasium's model (every physics field equal)", arguments: MuJoCoTask.allCases)
    func modelsMatch(task: MuJoCoTask) throws {
        let xml = FileManager.default.temporaryDirectory.appendingPathComponent("swiftrl-\(UUID().uuidString).xml")
        defer { try? FileManager.default.removeItem(at: xml) }
        try task.mjcf.write(to: xml, atomically: true, encoding: .utf8)
        let result = try Self.runScript(["compare-model", task.id, xml.path])
        let mismatches = result["mismatches"]?.array ?? []
        #expect((result["compared"]?.number ?? 0) > 50)
        #expect(mismatches.isEmpty, "\(task.id): \(mismatches.prefix(5).map { $0.serialized() })")
    }

    @Test(
        "Same seed and actions: observations, rewards and terminations equal Gymnasium's",
        arguments: MuJoCoTask.allCases)
    func rolloutMatches(task: MuJoCoTask) throws {
        let seed = 42, steps = 1000
        let record = try Self.runScript(["rollout", task.id, "\(seed)", "\(steps)"])
        let reference = record["mujoco_version"]?.string ?? "?"
        var environment = try MuJoCoLocomotion(task)
        let reset = try environment.reset(seed: UInt64(seed))
        let sameVersion = reference == Self.linkedVersion
        if sameVersion {
            // Reset noise from the NumPy-compatible stream: the seed alone gives Gymnasium's initial state.
            #expect(maxDifference(environment.fullObservation, record["observation"]?.doubles ?? []) < 1e-12)
            #expect(reset.observation.count == (record["observation"]?.array?.count ?? -1))
        }
        try environment.setState(qpos: record["qpos"]?.doubles ?? [], qvel: record["qvel"]?.doubles ?? [])
        let recorded = record["steps"]?.array ?? []
        #expect(!recorded.isEmpty)
        guard sameVersion else {
            try checkLogicOnRecordedStates(task, record: record, recorded: recorded, reference: reference)
            return
        }
        var worst = 0.0
        for (index, expected) in recorded.enumerated() {
            let step = try environment.step((expected["action"]?.doubles ?? []).map { Float($0) })
            let observationGap = maxDifference(environment.fullObservation, expected["observation"]?.doubles ?? [])
            let rewardGap = abs(step.reward - (expected["reward"]?.number ?? .nan))
            worst = max(worst, observationGap, rewardGap)
            let terminated = expected["terminated"]?.flag ?? !step.terminated
            guard observationGap < 1e-5, rewardGap < 1e-5, step.terminated == terminated else {
                let message = "\(task.id) step \(index): observation gap \(observationGap), reward gap \(rewardGap), "
                    + "terminated \(step.terminated) vs \(terminated)"
                Issue.record(Comment(rawValue: message))
                return
            }
            for (key, value) in expected["info"]?.pairs ?? [] {
                let gap = abs((step.info[key]?.doubleValue ?? .nan) - (value.number ?? .nan))
                #expect(gap < 1e-5, "\(task.id) step \(index): info[\(key)] differs by \(gap)")
            }
        }
        print("\(task.id): \(recorded.count) steps, largest difference \(worst) (MuJoCo \(reference) on both sides)")
    }

    /// Different MuJoCo versions give different trajectories; check the observation and health rules on Gymnasium's
    /// recorded states instead (the Ant's contact forces need the step's `cfrc_ext`, so only its first 27 entries).
    func checkLogicOnRecordedStates(
        _ task: MuJoCoTask, record: JSONValue, recorded: [JSONValue], reference: String
    ) throws {
        print("\(task.id): Gymnasium runs MuJoCo \(reference), SwiftRL \(Self.linkedVersion): checking logic only")
        var environment = try MuJoCoLocomotion(task)
        _ = try environment.reset(seed: 0)
        for (index, expected) in recorded.enumerated() {
            try environment.setState(qpos: expected["qpos"]?.doubles ?? [], qvel: expected["qvel"]?.doubles ?? [])
            let observation = environment.fullObservation, reference = expected["observation"]?.doubles ?? []
            let count = task == .ant ? 27 : reference.count
            #expect(maxDifference(Array(observation.prefix(count)), Array(reference.prefix(count))) < 1e-12)
            if task != .invertedPendulum, task != .halfCheetah {
                #expect(environment.isHealthy == !(expected["terminated"]?.flag ?? true), "step \(index)")
            }
        }
    }
}

extension JSONValue {
    var flag: Bool? {
        if case let .bool(value) = self { return value }
        return nil
    }
    var pairs: [(String, JSONValue)]? {
        if case let .object(value) = self { return value }
        return nil
    }
}

/// The largest absolute difference, or infinity when the counts differ.
func maxDifference(_ a: [Double], _ b: [Double]) -> Double {
    guard a.count == b.count else { return .infinity }
    return zip(a, b).map { abs($0 - $1) }.max() ?? 0
}
