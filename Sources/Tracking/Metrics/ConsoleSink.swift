import Foundation
import Tensor

/// Prints metrics as a small aligned block per step, e.g.
///
/// ```
/// ── step 2048 ──
///   charts/SPS            1234.5
///   losses/value_loss     0.01234
/// ```
///
/// Scalars of one step are gathered and printed when the step changes or on ``flush()``. Text entries are
/// printed as-is under their tag. On a terminal each block first clears the current line, so it does not run
/// into a ``ProgressReporter`` line; the progress line is redrawn on its next update.
public final class ConsoleSink: MetricSink {
    private let output: TextOutput
    private var pendingStep: Int?
    private var pending: [(tag: String, value: Double)] = []

    /// Prints to `output` (default: standard output).
    public init(output: TextOutput = StandardTextOutput()) {
        self.output = output
    }

    public func scalar(_ tag: String, _ value: Double, step: Int) throws(FileIOError) {
        if pendingStep != step { printPending() }
        pendingStep = step
        pending.append((tag, value))
    }

    public func text(_ tag: String, _ text: String, step: Int) throws(FileIOError) {
        printPending()
        output.write(clearLine + "── \(tag) (step \(step)) ──\n\(text)\n")
    }

    public func flush() throws(FileIOError) {
        printPending()
    }

    public func close() throws(FileIOError) {
        printPending()
    }

    private var clearLine: String { output.isTerminal ? "\r\u{1B}[K" : "" }

    private func printPending() {
        guard let step = pendingStep, !pending.isEmpty else { return }
        let width = pending.map(\.tag.count).max() ?? 0
        var block = clearLine + "── step \(step) ──\n"
        for (tag, value) in pending {
            block += "  " + tag + String(repeating: " ", count: width - tag.count + 2) + Self.format(value) + "\n"
        }
        output.write(block)
        pending.removeAll()
        pendingStep = nil
    }

    /// Four significant digits for ordinary magnitudes, scientific notation for very small or large ones.
    static func format(_ value: Double) -> String {
        guard value.isFinite else { return "\(value)" }
        let magnitude = abs(value)
        if magnitude != 0 && (magnitude < 1e-3 || magnitude >= 1e7) {
            return String(format: "%.4e", value)
        }
        if value == value.rounded() && magnitude < 1e7 { return String(Int(value)) }
        return String(format: "%.5g", value)
    }
}
