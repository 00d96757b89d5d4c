import Foundation
import Testing

@testable import Tracking

@Suite("SVG learning curves")
struct SVGPlotTests {
    /// Three PPO seeds and one DQN run with returns rising over 10 log points.
    private func makeRuns(_ root: URL) throws -> [URL] {
        var runs: [URL] = []
        for (algo, seed) in [("ppo", 1), ("ppo", 2), ("ppo", 3), ("dqn", 1)] {
            var csv = "step,charts/episodic_return,losses/value_loss\n"
            for point in 1...10 { csv += "\(point * 1000),\(Double(point * seed) * 10),\(1.0 / Double(point))\n" }
            runs.append(try LearningCurveTests.makeRun(root, "CartPole-v1__\(algo)__\(seed)__100", csv))
        }
        return runs
    }

    @Test("one mean path per experiment, a band for multi-seed groups, all inside the canvas")
    func structure() throws {
        let root = try TemporaryDirectory()
        defer { root.remove() }
        let svg = try LearningCurvePlot.svg(runDirectories: try makeRuns(root.url), smooth: 3)
        let inspector = SVGInspector(svg)
        #expect(inspector.parsed)
        let means = inspector.all("path", class: "mean")
        let bands = inspector.all("path", class: "band")
        #expect(means.count == 2)
        #expect(bands.count == 1)
        for path in means + bands {
            let points = SVGInspector.points(path.attributes["d"] ?? "")
            #expect(points.count >= 2)
            #expect(points.allSatisfy { $0.0 >= 0 && $0.0 <= 800 && $0.1 >= 0 && $0.1 <= 480 })
        }
        let meanPoints = SVGInspector.points(means[0].attributes["d"] ?? "")
        #expect(zip(meanPoints, meanPoints.dropFirst()).allSatisfy { $0.0 <= $1.0 })  // x increases
        #expect((meanPoints.last?.1 ?? 0) < (meanPoints.first?.1 ?? 0))  // rising returns go up the screen
    }

    @Test("legend names each experiment with its run count; title and labels are present")
    func labels() throws {
        let root = try TemporaryDirectory()
        defer { root.remove() }
        let inspector = SVGInspector(try LearningCurvePlot.svg(runDirectories: try makeRuns(root.url)))
        let legend = inspector.all("text", class: "legend").map(\.text)
        #expect(legend == ["CartPole-v1__ppo (3 runs)", "CartPole-v1__dqn (1 run)"])
        #expect(inspector.all("text", class: "title").first?.text == MetricTag.episodicReturn)
        #expect(inspector.all("text", class: "xlabel").first?.text == "environment steps")
        let xTicks = inspector.all("text", class: "x").map(\.text)
        #expect(xTicks.first == "0")
        #expect(xTicks.contains("10k"))
        #expect(inspector.all("text", class: "y").count >= 3)
    }

    @Test("another metric can be chosen")
    func otherMetric() throws {
        let root = try TemporaryDirectory()
        defer { root.remove() }
        let svg = try LearningCurvePlot.svg(runDirectories: try makeRuns(root.url), metric: MetricTag.valueLoss)
        #expect(SVGInspector(svg).all("text", class: "ylabel").first?.text == MetricTag.valueLoss)
    }

    @Test("labels are XML-escaped")
    func escaping() {
        let group = CurveGroup(
            label: "a<b>&\"c\"", runCount: 1, steps: [0, 1], mean: [0, 1], minimum: [0, 1], maximum: [0, 1])
        let inspector = SVGInspector(SVGLineChart(title: "t&t", yLabel: "y").render([group]))
        #expect(inspector.parsed)
        #expect(inspector.all("text", class: "legend").first?.text == "a<b>&\"c\" (1 run)")
    }

    @Test("no runs, a zero smoothing window and an empty metric are errors")
    func errors() throws {
        #expect(throws: PlotError.noRuns) { try LearningCurvePlot.svg(runDirectories: []) }
        let root = try TemporaryDirectory()
        defer { root.remove() }
        let runs = try makeRuns(root.url)
        #expect(throws: PlotError.invalidSmoothing(0)) { try LearningCurvePlot.svg(runDirectories: runs, smooth: 0) }
        let empty = try LearningCurveTests.makeRun(root.url, "E__a__1__1", "step,charts/episodic_return\n1,\n")
        #expect(throws: PlotError.noData(metric: MetricTag.episodicReturn)) {
            try LearningCurvePlot.svg(runDirectories: [empty])
        }
    }

    @Test("a run's curve.svg is written into its directory")
    func curveFile() throws {
        let root = try TemporaryDirectory()
        defer { root.remove() }
        let run = try RunDirectory(existing: try makeRuns(root.url)[0])
        try LearningCurvePlot.writeCurve(for: run)
        #expect(SVGInspector(contents(run.curveSVG)).all("path", class: "mean").count == 1)
    }
}
