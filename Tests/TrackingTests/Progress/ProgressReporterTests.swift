import Testing

@testable import Tracking

/// A clock the test moves by hand.
final class ManualClock {
    var time = 0.0
    var wallClock: WallClock { WallClock { [unowned self] in self.time } }
}

@Suite("Progress line")
struct ProgressReporterTests {
    @Test("the line shows steps, percentage, SPS, ETA, mean return and chosen losses")
    func lineContents() {
        let clock = ManualClock()
        let reporter = ProgressReporter(totalSteps: 100_000, output: BufferedTextOutput(), clock: clock.wallClock)
        reporter.recordEpisode(return: 10)
        reporter.recordEpisode(return: 20)
        reporter.recordLoss(MetricTag.valueLoss, 0.5)
        reporter.recordLoss("losses/not_shown", 1)
        clock.time = 10
        reporter.update(step: 25_000)
        #expect(
            reporter.line(now: 10) == "25k/100k steps 25.0% | 2.5k SPS | ETA 30s | return 15 (2 ep) | value_loss 0.5")
    }

    @Test("an open-ended run shows elapsed time instead of ETA")
    func openEnded() {
        let clock = ManualClock()
        let reporter = ProgressReporter(totalSteps: nil, output: BufferedTextOutput(), clock: clock.wallClock)
        reporter.update(step: 3_000)
        #expect(reporter.line(now: 75) == "3k steps | 40 SPS | 1m15s elapsed")
    }

    @Test("SPS after a resume counts only the steps since the resume")
    func resumedSPS() {
        let reporter = ProgressReporter(
            totalSteps: 2_000, startStep: 1_000, output: BufferedTextOutput(), clock: .fixed(0))
        reporter.update(step: 1_500)
        #expect(reporter.line(now: 5).contains("| 100 SPS |"))
    }

    @Test("not a terminal: plain lines, at most one per interval, and a final line")
    func plainOutput() {
        let clock = ManualClock()
        let output = BufferedTextOutput(isTerminal: false)
        var settings = ProgressReporter.Settings()
        settings.plainInterval = 10
        let reporter = ProgressReporter(totalSteps: 1_000, output: output, clock: clock.wallClock, settings: settings)
        for step in 1...5 {
            clock.time = Double(step)
            reporter.update(step: step * 100)
        }
        clock.time = 12
        reporter.update(step: 600)
        reporter.finish()
        let lines = output.text.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("100/1k steps 10.0%"))
        #expect(lines[1].hasPrefix("600/1k steps 60.0%"))
        #expect(!output.text.contains("\r"))
    }

    @Test("on a terminal: the line is redrawn in place and ends with a newline on finish")
    func terminalOutput() {
        let clock = ManualClock()
        let output = BufferedTextOutput(isTerminal: true)
        let reporter = ProgressReporter(totalSteps: 10, output: output, clock: clock.wallClock)
        clock.time = 1
        reporter.update(step: 5)
        #expect(output.text.hasPrefix("\r\u{1B}[K5/10 steps"))
        #expect(!output.text.contains("\n"))
        reporter.finish()
        #expect(output.text.hasSuffix("\n"))
        reporter.update(step: 10)
        #expect(output.text.filter { $0 == "\n" }.count == 1)
    }

    @Test("the mean return covers only the most recent episodes")
    func returnWindow() {
        var settings = ProgressReporter.Settings()
        settings.returnWindow = 2
        let reporter = ProgressReporter(
            totalSteps: nil, output: BufferedTextOutput(), clock: .fixed(0), settings: settings)
        for value in [100.0, 1, 3] { reporter.recordEpisode(return: value) }
        #expect(reporter.line(now: 0).contains("return 2 (2 ep)"))
    }

    @Test("as a metric sink it picks up returns, losses and the step")
    func asSink() throws {
        let reporter = ProgressReporter(totalSteps: 100, output: BufferedTextOutput(), clock: .fixed(0))
        let logger = MetricLogger(sinks: [reporter])
        try logger.scalar(MetricTag.episodicReturn, 42, step: 50)
        try logger.scalar(MetricTag.entropy, 0.25, step: 50)
        #expect(reporter.line(now: 1) == "50/100 steps 50.0% | 50 SPS | ETA 1s | return 42 (1 ep) | entropy 0.25")
    }

    @Test(
        "number and duration formats",
        arguments: [
            (ProgressFormat.compact(950), "950"), (ProgressFormat.compact(12_345), "12.3k"),
            (ProgressFormat.compact(1_200_000), "1.2M"), (ProgressFormat.compact(2.5), "2.5"),
            (ProgressFormat.duration(42), "42s"), (ProgressFormat.duration(185), "3m05s"),
            (ProgressFormat.duration(3_720), "1h02m"), (ProgressFormat.duration(.infinity), "--"),
            (ProgressFormat.value(0.00001), "1.00e-05"), (ProgressFormat.value(187.25), "187.2"),
        ])
    func formats(got: String, expected: String) {
        #expect(got == expected)
    }
}
