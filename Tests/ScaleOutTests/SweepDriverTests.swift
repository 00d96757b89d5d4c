import Foundation
import Testing

@testable import ScaleOut

/// The driver on the local executor with `/bin/sh` jobs standing in for `swiftrl` runs.
@Suite struct SweepDriverTests {
    /// A run whose job appends its id to `<output>/executions`, fails on its first `failures` attempts
    /// (counted in `<output>/<id>.attempts`) and otherwise prints a result line.
    static func shellRun(_ id: String, failures: Int = 0, stage: Int = 1, needs: String? = nil) -> PlannedRun {
        let check = needs.map { "test -f {output}/\($0).done || exit 3; " } ?? ""
        let script = check + """
            echo \(id) >> {output}/executions; n=$(cat {output}/\(id).attempts 2>/dev/null || echo 0); \
            n=$((n+1)); echo $n > {output}/\(id).attempts; \
            if [ $n -le \(failures) ]; then echo "failing on purpose" >&2; exit 1; fi; \
            touch {output}/\(id).done; echo "swiftrl-result: {\\"id\\":\\"\(id)\\",\\"attempt\\":$n}"
            """
        return PlannedRun(id: id, arguments: ["-c", script], group: "g", stage: stage)
    }

    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sweep-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func executions(_ directory: URL) -> [String] {
        ((try? String(contentsOf: directory.appendingPathComponent("executions"), encoding: .utf8)) ?? "")
            .split(separator: "\n").map(String.init)
    }

    func executor(_ directory: URL, jobs: Int = 2) -> LocalExecutor {
        LocalExecutor(binary: URL(fileURLWithPath: "/bin/sh"), directory: directory, jobs: jobs)
    }

    @Test func gathersResultsAndRetriesFailedRuns() throws {
        let directory = try Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let plan = try RunPlan(kind: .sweep, title: "t", runs: [
            Self.shellRun("a"), Self.shellRun("b", failures: 1), Self.shellRun("c", failures: 5),
        ])
        let outcome = try SweepDriver(plan: plan, directory: directory, executor: executor(directory), retries: 1).run()
        #expect(outcome.results.keys.sorted() == ["a", "b"])
        #expect(String(decoding: outcome.results["b"] ?? Data(), as: UTF8.self) == "{\"id\":\"b\",\"attempt\":2}")
        #expect(outcome.failed.keys.sorted() == ["c"])
        #expect(Self.executions(directory).filter { $0 == "c" }.count == 2)  // first attempt + one retry
        let stateFile = directory.appendingPathComponent("state.json")
        let state = try JSONDecoder().decode(SweepState.self, from: Data(contentsOf: stateFile))
        #expect(state.failures["b"]?.count == 1)
        #expect(state.attempts["c"] == 2)
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("results/a.json").path))
    }

    @Test func aJobWithoutAResultLineCountsAsFailed() throws {
        let directory = try Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let quiet = PlannedRun(id: "quiet", arguments: ["-c", "true"], group: "g")
        let plan = try RunPlan(kind: .sweep, title: "t", runs: [quiet])
        let outcome = try SweepDriver(plan: plan, directory: directory, executor: executor(directory), retries: 0).run()
        #expect(outcome.failed["quiet"]?.contains("no 'swiftrl-result:' line") == true)
    }

    @Test func stagesRunInOrder() throws {
        let directory = try Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let plan = try RunPlan(kind: .reproduce, title: "t", runs: [
            Self.shellRun("late", needs: "early"), Self.shellRun("early", stage: 0),
        ])
        let outcome = try SweepDriver(plan: plan, directory: directory, executor: executor(directory), retries: 0).run()
        #expect(outcome.failed.isEmpty)
        #expect(Self.executions(directory) == ["early", "late"])
    }

    @Test func interruptedSweepResumesWithoutRepeatingFinishedRuns() throws {
        let directory = try Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let plan = try RunPlan(kind: .sweep, title: "t", runs: (0..<5).map { Self.shellRun("r\($0)") })
        let resultsFolder = directory.appendingPathComponent("results")
        let first = SweepDriver(
            plan: plan, directory: directory, executor: executor(directory, jobs: 1), retries: 0,
            isInterrupted: {
                ((try? FileManager.default.contentsOfDirectory(atPath: resultsFolder.path)) ?? []).count >= 2
            })
        #expect(throws: ScaleOutError.self) { _ = try first.run() }
        let finished = SweepResults.load(plan, from: directory).keys.sorted()
        #expect(finished.count >= 2 && finished.count < 5)
        let resumed = try SweepDriver(plan: plan, directory: directory, executor: executor(directory), retries: 0).run()
        #expect(resumed.results.count == 5)
        let executions = Self.executions(directory)
        for id in finished { #expect(executions.filter { $0 == id }.count == 1, "\(id) ran again after resume") }
    }

    @Test func cancelOnExitStopsRunningJobsAndDefaultLeavesThemAlone() throws {
        for cancel in [true, false] {
            let directory = try Self.folder()
            defer { try? FileManager.default.removeItem(at: directory) }
            let slow = PlannedRun(id: "slow", arguments: ["-c", "sleep 1; touch {output}/finished"], group: "g")
            let plan = try RunPlan(kind: .sweep, title: "t", runs: [slow])
            var polls = 0
            let driver = SweepDriver(
                plan: plan, directory: directory, executor: executor(directory), retries: 0, cancelOnExit: cancel,
                isInterrupted: {
                    polls += 1
                    return polls > 2
                })
            #expect(throws: ScaleOutError.self) { _ = try driver.run() }
            Thread.sleep(forTimeInterval: 1.6)
            let finished = FileManager.default.fileExists(atPath: directory.appendingPathComponent("finished").path)
            #expect(finished == !cancel, "cancelOnExit \(cancel)")
        }
    }

    @Test func tableAggregatesRunSummariesPerConfiguration() throws {
        func report(_ mean: Double, seconds: Double) -> Data {
            let record = """
                {"runDirectory":"r","finalStep":100,"wallSeconds":\(seconds),"finalMean":\(mean),"finalStd":0,\
                "evaluations":[{"step":50,"wallSeconds":1,"result":{"returns":[\(mean / 2)],"lengths":[1]}},\
                {"step":100,"wallSeconds":2,"result":{"returns":[\(mean)],"lengths":[1]}}]}
                """
            return Data(record.utf8)
        }
        let spec = try SweepSpec(yaml: "algo: ppo\nenvs: [E-v0]\nseeds: 2\ngrid: {ppo.x: [1, 2]}", source: "s.yaml")
        let plan = try spec.plan()
        let results = Dictionary(uniqueKeysWithValues: plan.runs.enumerated().map { index, run in
            (run.id, report(Double(index * 10), seconds: 1))
        })
        let rows = try SweepTable.rows(plan: plan, results: results)
        #expect(rows.map(\.configuration) == ["E-v0 ppo.x=1", "E-v0 ppo.x=2"])
        #expect(rows[0].finalMeans == [0, 10])
        #expect(rows[1].meanReturn == 25)
        #expect(rows[1].stdReturn == 5)
        #expect(BenchmarkRow.csv(rows).hasPrefix("configuration,environment,algorithm,ppo.x,seeds"))
        let svg = try #require(SweepTable.curves(plan: plan, results: results))
        #expect(svg.contains("<svg") && svg.contains("E-v0 ppo.x=2"))
    }
}
