import Foundation
import Testing

@testable import Tracking

@Suite("Learning-curve data")
struct LearningCurveTests {
    /// Writes `runs/<name>/metrics.csv` with the given rows under `root`.
    static func makeRun(_ root: URL, _ name: String, _ csv: String) throws -> URL {
        let directory = root.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try csv.write(to: directory.appendingPathComponent("metrics.csv"), atomically: true, encoding: .utf8)
        return directory
    }

    @Test("a series skips empty cells and NaN and sorts by step")
    func readSeries() throws {
        let root = try TemporaryDirectory()
        defer { root.remove() }
        let run = try Self.makeRun(
            root.url, "E__ppo__1__5", "step,charts/episodic_return,x\n20,2.0,\n10,1.0,\n30,,1\n40,nan,\n")
        let series = try MetricSeries(directory: run, metric: MetricTag.episodicReturn)
        #expect(series.steps == [10, 20])
        #expect(series.values == [1, 2])
        #expect(series.experiment == "E__ppo")
    }

    @Test("an unknown metric lists the columns and suggests the closest")
    func unknownMetric() throws {
        let root = try TemporaryDirectory()
        defer { root.remove() }
        let run = try Self.makeRun(root.url, "r", "step,charts/episodic_return\n1,1\n")
        do {
            _ = try MetricSeries(directory: run, metric: "charts/episodic_retrun")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("Did you mean `charts/episodic_return`?"))
        }
    }

    @Test("a directory without metrics.csv is reported")
    func missingFile() throws {
        let root = try TemporaryDirectory()
        defer { root.remove() }
        #expect(throws: PlotError.missingMetrics(path: root.url.path)) {
            try MetricSeries(directory: root.url, metric: "m")
        }
    }

    @Test("smoothing is a trailing mean over the window")
    func smoothing() {
        let series = MetricSeries(run: "r", experiment: "e", steps: [1, 2, 3, 4], values: [0, 2, 4, 6])
        #expect(series.smoothed(window: 2).values == [0, 1, 3, 5])
        #expect(series.smoothed(window: 1).values == [0, 2, 4, 6])
    }

    @Test("interpolation is linear inside and clamped outside")
    func interpolation() {
        let series = MetricSeries(run: "r", experiment: "e", steps: [0, 10], values: [0, 100])
        #expect(series.value(at: 2.5) == 25)
        #expect(series.value(at: -5) == 0)
        #expect(series.value(at: 50) == 100)
    }

    @Test("seeds of one experiment aggregate to a mean inside a min–max band")
    func aggregate() {
        let runs =
            (1...3).map { seed in
                MetricSeries(
                    run: "E__ppo__\(seed)__1", experiment: "E__ppo", steps: [0, 100], values: [0, Double(seed) * 10])
            } + [MetricSeries(run: "E__dqn__1__1", experiment: "E__dqn", steps: [0, 50], values: [1, 1])]
        let groups = CurveGroup.aggregate(runs, gridSize: 11)
        #expect(groups.map(\.label) == ["E__ppo", "E__dqn"])
        #expect(groups[0].runCount == 3)
        #expect(groups[0].steps.count == 11)
        #expect(groups[0].mean.last == 20)
        #expect(groups[0].minimum.last == 10)
        #expect(groups[0].maximum.last == 30)
        #expect(groups[1].steps == [0, 50])
    }

    @Test("aggregation uses only the step range every run covers")
    func commonRange() {
        let runs = [
            MetricSeries(run: "a", experiment: "e", steps: [0, 100], values: [0, 1]),
            MetricSeries(run: "b", experiment: "e", steps: [20, 60], values: [0, 1]),
        ]
        let group = CurveGroup.aggregate(runs, gridSize: 5)[0]
        #expect(group.steps.first == 20)
        #expect(group.steps.last == 60)
    }

    @Test(
        "axis ticks are nice round numbers covering the data",
        arguments: [
            (0.0, 487.0, [0.0, 100, 200, 300, 400, 500]),
            (-0.013, 0.042, [-0.02, -0.01, 0, 0.01, 0.02, 0.03, 0.04, 0.05]),
            (5.0, 5.0, [4.4, 4.6, 4.8, 5.0, 5.2, 5.4, 5.6]),
        ])
    func ticks(low: Double, high: Double, expected: [Double]) {
        let axis = AxisScale(minimum: low, maximum: high)
        #expect(axis.ticks.count == expected.count)
        for (tick, want) in zip(axis.ticks, expected) { #expect(abs(tick - want) < 1e-9) }
    }

    @Test("tick labels use as many decimals as the spacing needs")
    func tickLabels() {
        let axis = AxisScale(minimum: 0, maximum: 0.05)
        #expect(axis.label(0.01) == "0.01")
        #expect(AxisScale(minimum: 0, maximum: 500_000).label(100_000) == "100k")
    }
}
