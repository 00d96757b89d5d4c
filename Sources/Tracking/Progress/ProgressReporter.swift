import Foundation
import Tensor

/// A live progress line while training: steps, SPS, ETA, mean recent return and chosen losses.
///
/// On a terminal (`isatty`) the line is redrawn in place (`\r` + erase-to-end) at most every
/// ``Settings/terminalInterval`` seconds; otherwise a plain line is printed every ``Settings/plainInterval``
/// seconds, so logs of batch jobs stay readable. ``finish()`` prints a final line and a newline.
///
/// It is also a ``MetricSink``: add it to the ``MetricLogger`` and it picks up
/// `charts/episodic_return` and the loss tags listed in ``Settings/lossTags`` by itself.
///
/// ```
/// 12.3k/500k steps 2.5% | 45.2k SPS | ETA 1m23s | return 187.3 (100 ep) | value_loss 0.0123 entropy 0.6812
/// ```
public final class ProgressReporter: MetricSink {
    /// Display settings.
    public struct Settings: Sendable {
        /// Minimum seconds between redraws on a terminal.
        public var terminalInterval = 0.1
        /// Seconds between plain lines when the output is not a terminal.
        public var plainInterval = 10.0
        /// Number of recent episodes the mean return is taken over (SB3's `ep_rew_mean` uses 100).
        public var returnWindow = 100
        /// Tags shown with their latest value, by last path component (`losses/value_loss` → `value_loss`).
        public var lossTags: [String] = [
            MetricTag.valueLoss, MetricTag.policyLoss, MetricTag.entropy, MetricTag.approxKL,
        ]

        /// Default settings.
        public init() {}
    }

    private let totalSteps: Int?
    private let output: TextOutput
    private let clock: WallClock
    private let settings: Settings
    private let startTime: Double
    private let startStep: Int
    private var lastDraw = -Double.infinity
    private var step = 0
    private var recentReturns: [Double] = []
    private var nextReturnSlot = 0
    private var losses: [String: Double] = [:]
    private var finished = false

    /// A reporter for a run of `totalSteps` environment steps (`nil` if open-ended: no percentage or ETA).
    /// - Parameters:
    ///   - startStep: the step training starts (or resumes) from; SPS counts steps taken since then.
    ///   - output: where lines go (default: standard error, so piped stdout stays clean).
    ///   - clock: a monotonic clock (injectable for tests).
    public init(
        totalSteps: Int?, startStep: Int = 0, output: TextOutput = StandardTextOutput(.error),
        clock: WallClock = .monotonic, settings: Settings = Settings()
    ) {
        self.totalSteps = totalSteps
        self.output = output
        self.clock = clock
        self.settings = settings
        self.startStep = startStep
        step = startStep
        startTime = clock.now()
    }

    /// Records a finished episode's return.
    public func recordEpisode(return episodeReturn: Double) {
        guard settings.returnWindow > 0 else { return }
        if recentReturns.count < settings.returnWindow {
            recentReturns.append(episodeReturn)
        } else {
            recentReturns[nextReturnSlot] = episodeReturn
        }
        nextReturnSlot = (nextReturnSlot + 1) % settings.returnWindow
    }

    /// Records the latest value of a tag shown on the line (only tags in ``Settings/lossTags`` are shown).
    public func recordLoss(_ tag: String, _ value: Double) {
        losses[tag] = value
    }

    /// Advances to `step` and redraws if the refresh interval has passed.
    public func update(step: Int) {
        self.step = step
        let now = clock.now()
        let interval = output.isTerminal ? settings.terminalInterval : settings.plainInterval
        guard !finished, now - lastDraw >= interval else { return }
        draw(now: now)
    }

    /// Prints the final state on its own line. Later updates are ignored.
    public func finish() {
        guard !finished else { return }
        if output.isTerminal {
            output.write("\r\u{1B}[K" + line(now: clock.now()) + "\n")
        } else {
            output.write(line(now: clock.now()) + "\n")
        }
        finished = true
    }

    /// The current progress line (without control characters).
    public func line(now: Double) -> String {
        let elapsed = max(now - startTime, 0)
        let sps = elapsed > 0 ? Double(step - startStep) / elapsed : 0
        var parts: [String] = []
        if let totalSteps, totalSteps > 0 {
            let fraction = Double(step) / Double(totalSteps)
            parts.append(
                "\(ProgressFormat.compact(Double(step)))/\(ProgressFormat.compact(Double(totalSteps))) steps "
                    + String(format: "%.1f%%", 100 * fraction))
        } else {
            parts.append("\(ProgressFormat.compact(Double(step))) steps")
        }
        parts.append("\(ProgressFormat.compact(sps)) SPS")
        if let totalSteps {
            let remaining = sps > 0 ? Double(max(totalSteps - step, 0)) / sps : .infinity
            parts.append("ETA \(ProgressFormat.duration(remaining))")
        } else {
            parts.append("\(ProgressFormat.duration(elapsed)) elapsed")
        }
        if !recentReturns.isEmpty {
            let mean = recentReturns.reduce(0, +) / Double(recentReturns.count)
            parts.append("return \(ProgressFormat.value(mean)) (\(recentReturns.count) ep)")
        }
        let shown = settings.lossTags.compactMap { tag in
            losses[tag].map { "\(tag.split(separator: "/").last.map(String.init) ?? tag) \(ProgressFormat.value($0))" }
        }
        if !shown.isEmpty { parts.append(shown.joined(separator: " ")) }
        return parts.joined(separator: " | ")
    }

    private func draw(now: Double) {
        lastDraw = now
        if output.isTerminal {
            output.write("\r\u{1B}[K" + line(now: now))
        } else {
            output.write(line(now: now) + "\n")
        }
    }

    // MARK: MetricSink

    public func scalar(_ tag: String, _ value: Double, step: Int) throws(FileIOError) {
        if tag == MetricTag.episodicReturn { recordEpisode(return: value) }
        if settings.lossTags.contains(tag) { recordLoss(tag, value) }
        self.step = max(self.step, step)
    }

    public func text(_ tag: String, _ text: String, step: Int) throws(FileIOError) {}

    public func flush() throws(FileIOError) {
        update(step: step)
    }

    public func close() throws(FileIOError) {
        finish()
    }
}
