import Foundation
@testable import Offline
import Testing

@testable import Experiments

/// The trajectory-attribution reproduction end to end with a 2-epoch autoencoder and one seed.
@Suite struct TrajectoryAttributionReproductionTests {
    @Test func tinyRunProducesCompleteReport() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ta-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let context = ReproductionContext(quick: true, seeds: 1, baseSeed: 2, directory: directory)
        let report = try TrajectoryAttributionReproduction(epochs: 2).run(context)
        #expect(report.id == "trajectory-attribution")
        #expect(report.tables.count == 3)
        for table in report.tables { for row in table.rows { #expect(row.count == table.columns.count) } }
        #expect(report.tables[0].rows.count == 4)
        #expect(report.tables[1].rows.count == 1)
        #expect(report.tables[2].rows.count >= 3)  // the original row and at least two clusters
        #expect(report.verdictExplanation.contains("(iii)"))
        #expect(try Reproductions.named("trajectory-attribution").id == "trajectory-attribution")
    }

    @Test("The pre-written checks pool clusters and attributions over seeds")
    func checksPool() {
        func run(drop: Double, clusters: Int, pure: Bool, distant: Double, explanations: Int)
            -> AttributionStudy.Result
        {
            AttributionStudy.Result(
                trajectories: 60, lossFirst: 1, lossLast: 0.5, clusters: [], originalStartValue: 0,
                originalMeanValue: 0,
                effects: (0..<clusters).map { index in
                    TrajectoryAttribution.ClusterEffect(
                        cluster: index, size: 1, startValue: 0, meanValue: 0, deltaQ: 0, actionContrast: 1,
                        dataDistance: 0)
                },
                explanations: (0..<explanations).map { index in
                    TrajectoryAttribution.Explanation(
                        state: index, originalActions: [0], newActions: [1], cluster: 0, distance: 1)
                },
                statesExamined: 40, startValueDropFraction: drop, purity: pure ? 0.9 : 0.5, randomPurity95: 0.7,
                distantFraction: distant, otherClusterChangeFraction: 0)
        }
        // (i) 8 + 1 of 10 + 2 clusters = 0.75 < 0.8; (ii) 1 of 2 seeds; (iii) (2 + 0) / 20 = 0.1.
        let checks = TrajectoryAttributionReproduction.checks([
            run(drop: 0.8, clusters: 10, pure: true, distant: 0.2, explanations: 10),
            run(drop: 0.5, clusters: 2, pure: false, distant: 0, explanations: 10),
        ])
        #expect(checks.map { $0.holds } == [false, false, true])
    }
}
