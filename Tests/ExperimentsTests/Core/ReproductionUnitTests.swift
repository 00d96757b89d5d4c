import Foundation
import Offline
import RLCore
import Tensor
import Testing

@testable import Experiments

/// Reproductions split into units: plans are well-formed, unit-by-unit runs give the in-process report, and the
/// errors name the keys.
@Suite struct ReproductionUnitTests {
    static func directory(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs every unit alone (stage by stage, into a fresh directory), passing results only as `Data`, and checks
    /// the report against `run` in another fresh directory. Wall-clock seconds are the only field allowed to differ.
    static func expectUnitsReproduceRun<R: UnitReproduction>(_ reproduction: R, seeds: Int, quick: Bool = true)
        throws
    {
        let inProcess = try directory("\(reproduction.id)-run"), split = try directory("\(reproduction.id)-units")
        defer {
            try? FileManager.default.removeItem(at: inProcess)
            try? FileManager.default.removeItem(at: split)
        }
        var expected = try reproduction.run(
            ReproductionContext(quick: quick, seeds: seeds, baseSeed: 3, directory: inProcess))
        let context = ReproductionContext(quick: quick, seeds: seeds, baseSeed: 3, directory: split)
        let plan = try reproduction.units(context)
        var results: [String: Data] = [:]
        for unit in plan.sorted(by: { $0.stage < $1.stage }) {
            results[unit.key] = try reproduction.runUnitEncoded(unit.key, context)
        }
        var report = try reproduction.reportFromEncoded(results, context)
        #expect(report.seconds >= 0)
        expected.seconds = 0
        report.seconds = 0
        #expect(report.markdown == expected.markdown)
        #expect(report.tables == expected.tables)
        #expect(report.verdict == expected.verdict)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        #expect(try encoder.encode(report.plots) == encoder.encode(expected.plots))
    }

    @Test func everyQuickPlanHasUniqueFileSafeKeys() throws {
        let context = ReproductionContext(quick: true, seeds: 3, directory: FileManager.default.temporaryDirectory)
        for reproduction in Reproductions.all {
            let units = try #require(reproduction as? any UnitReproduction, "\(reproduction.id) is not decomposable")
            for seeds in [reproduction.defaultSeeds, 3] {
                var settings = context
                settings.seeds = seeds
                let plan = try units.units(settings)
                #expect(!plan.isEmpty)
                #expect(Set(plan.map(\.key)).count == plan.count, "\(reproduction.id): duplicate unit keys")
                for unit in plan {
                    #expect(ReproductionUnit.isValidKey(unit.key), "\(reproduction.id): bad key \(unit.key)")
                    #expect(unit.stage == 0 || unit.stage == 1)
                }
                #expect(plan.filter { $0.stage == 1 }.count >= seeds, "\(reproduction.id): fewer units than seeds")
            }
        }
        #expect(ReproductionUnit.keyFragment("PRDC β=0.1") == "prdc-0.1")
        #expect(ReproductionUnit.keyFragment("TD3+BC") == "td3-bc")
        #expect(!ReproductionUnit.isValidKey("a/b") && !ReproductionUnit.isValidKey(""))
    }

    @Test func lcbUnitsGiveTheInProcessReport() throws {
        try Self.expectUnitsReproduceRun(LCBReproduction(), seeds: 2)
    }

    @Test func prdcUnitsGiveTheInProcessReport() throws {
        let spec = OfflineDatasetSpec(
            environmentID: "PointMaze_UMaze-v3", recipe: "mix:random=0.9,expert=0.1", episodes: 10)
        let other = OfflineDatasetSpec(environmentID: "PointMaze_UMaze-v3", recipe: "random", episodes: 10)
        let budget = OfflinePaperBudget(
            datasets: [spec], sweepDatasets: [spec, other], betas: [0.1, 2], steps: 100, hidden: [16, 16],
            settings: OfflineTrainerSettings(
                batchSize: 32, logEvery: 100, evaluation: EvaluationSettings(every: 50, episodes: 2)),
            behaviourSteps: 0, summary: "test")
        try Self.expectUnitsReproduceRun(PRDCReproduction(budget: budget), seeds: 2)
    }

    @Test func ctrlsUnitsGiveTheInProcessReport() throws {
        try Self.expectUnitsReproduceRun(CTRLSReproduction(budget: try CTRLSReproductionTests.tinyBudget()), seeds: 2)
    }

    @Test func litePPOUnitsGiveTheInProcessReport() throws {
        let reproduction = LitePPOReproduction(budget: try LitePPOReproductionTests.tinyBudget())
        try Self.expectUnitsReproduceRun(reproduction, seeds: 2)
    }

    @Test func lcbGridFromSeedUnitsMatchesTheDirectComputation() throws {
        let setting = try LCBSetting.bandit(), sizes = [10, 30], seeds: [UInt64] = [0, 1]
        let grid = LCBGrid(
            setting: setting, sampleSizes: sizes,
            seeds: try seeds.map { try LCBGrid.measure(setting: setting, sampleSizes: sizes, seed: $0) })
        for (pi, fraction) in LCBSetting.expertFractions.enumerated() {
            for (mi, method) in setting.methods.enumerated() {
                let direct = try sizes.map { n in
                    try setting.instances.enumerated().map { ii, instance in
                        let source = try ExpertMixtureData(
                            mdp: instance.mdp, gamma: setting.gamma, expertFraction: fraction)
                        let gap = PolicyGap(mdp: instance.mdp, gamma: setting.gamma)
                        return try seeds.map { seed in
                            var rng = Xoshiro256StarStar(seed: seed)
                                .derived("lcb/\(setting.name)/p\(pi)/i\(ii)/n\(n)")
                            let data = source.sample(count: n, using: &rng)
                            return gap.suboptimality(try method.method.policy(from: data, gamma: setting.gamma))
                        }.reduce(0, +) / Double(seeds.count)
                    }.max() ?? .nan
                }
                #expect(grid.risk(p: pi, method: mi) == direct, "p \(fraction), \(method.label)")
            }
        }
    }

    @Test func unknownAndMissingUnitsAreNamed() throws {
        let context = ReproductionContext(quick: true, seeds: 2, directory: FileManager.default.temporaryDirectory)
        let lcb = LCBReproduction()
        do {
            _ = try lcb.runUnitEncoded("bandit-s9", context)
            Issue.record("an unknown key must throw")
        } catch let error as ReproductionUnitError {
            let known = try lcb.units(context).map(\.key)
            #expect(error == .unknownUnit(reproduction: "lcb", key: "bandit-s9", known: known))
            #expect(error.description.contains("bandit-s0") && error.description.contains("mdp-s1"))
        }
        do {
            _ = try lcb.reportFromEncoded(["bandit-s0": Data()], context)
            Issue.record("missing units must throw")
        } catch let error as ReproductionUnitError {
            let missing = ["bandit-s1", "contextual-s0", "contextual-s1", "mdp-s0", "mdp-s1"]
            #expect(error == .missingUnits(reproduction: "lcb", keys: missing))
            #expect(error.description.contains("contextual-s1"))
        }
        let keys = try lcb.units(context).map(\.key)
        do {
            _ = try lcb.reportFromEncoded(Dictionary(uniqueKeysWithValues: keys.map { ($0, Data("{}".utf8)) }), context)
            Issue.record("undecodable units must throw")
        } catch let error as ReproductionUnitError {
            guard case .undecodableUnits(_, let reasons) = error else {
                Issue.record("expected undecodableUnits, got \(error)")
                return
            }
            #expect(Set(reasons.keys) == Set(keys))
        }
        #expect(throws: ReproductionUnitError.self) { try ReproductionUnits.runUnit("lcb", key: "x", context: context) }
        #expect(try ReproductionUnits.plan("lcb", context: context).map(\.key) == keys)
    }
}
