import Foundation
import Fuzzing

/// Runs the fuzzer as a child process and re-launches it after each crash or hang, starting after the input
/// that killed it; the reproducers stay in the scratch folder.
struct Supervisor {
    let format: String
    let seed: UInt64
    let scratch: URL
    let hangSeconds: Double

    /// What a supervised run did.
    struct Summary {
        var format: String
        var inputs = 0
        var rejected = 0
        var accepted = 0
        var seconds = 0.0
        var crashes: [String] = []
        var hangs: [String] = []

        var line: String {
            let rate = seconds > 0 ? Double(inputs) / seconds : 0
            var text = "\(format): \(inputs) inputs (\(rejected) rejected, \(accepted) accepted) in "
                + String(format: "%.1f s (%.0f/s); %d crashes, %d hangs", seconds, rate, crashes.count, hangs.count)
            for file in crashes { text += "\n  crash: \(file)" }
            for file in hangs { text += "\n  hang: \(file)" }
            return text
        }
    }

    /// The child's last stdout line.
    static func resultLine(_ report: FuzzReport) -> String {
        "FUZZ-RESULT \(report.format) inputs=\(report.inputs) rejected=\(report.rejected) "
            + "accepted=\(report.accepted) seconds=\(report.seconds)"
    }

    func run(inputs: Int?, seconds: Double?) throws -> Summary {
        var summary = Summary(format: format)
        let began = Date()
        var start = 0
        while true {
            let remainingInputs = inputs.map { $0 - summary.inputs }
            let remainingSeconds = seconds.map { $0 - Date().timeIntervalSince(began) }
            if let remainingInputs, remainingInputs <= 0 { break }
            if let remainingSeconds, remainingSeconds <= 0.5 { break }
            var arguments = [
                format, "--no-supervisor", "--seed", "\(seed)", "--scratch", scratch.path, "--start", "\(start)",
                "--hang-seconds", "\(hangSeconds)",
            ]
            if let remainingInputs { arguments += ["--inputs", "\(remainingInputs)"] }
            if let remainingSeconds { arguments += ["--seconds", "\(remainingSeconds)"] }
            let (status, output) = try launch(arguments)
            if status == 0, let line = output.split(separator: "\n").last(where: { $0.hasPrefix("FUZZ-RESULT") }) {
                add(line, to: &summary)
                break
            }
            // The child died: its reproducer names the input; account for the inputs before it and go on after it.
            guard let (index, file, hang) = leftover() else {
                throw FuzzError.seedFailed(format: format, reason: "child exited with \(status) and left no input")
            }
            if hang { summary.hangs.append(file) } else { summary.crashes.append(file) }
            summary.inputs += index - start + 1
            start = index + 1
        }
        summary.seconds = Date().timeIntervalSince(began)
        return summary
    }

    private func add(_ line: Substring, to summary: inout Summary) {
        for field in line.split(separator: " ") {
            let pair = field.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            switch pair[0] {
            case "inputs": summary.inputs += Int(pair[1]) ?? 0
            case "rejected": summary.rejected += Int(pair[1]) ?? 0
            case "accepted": summary.accepted += Int(pair[1]) ?? 0
            default: break
            }
        }
    }

    /// The reproducer a dead child left (highest index not yet recorded), and whether it was a hang.
    private func leftover() -> (Int, String, Bool)? {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: scratch.path)) ?? []
        var best: (Int, String, Bool)?
        for name in names {
            for (prefix, hang) in [("fuzz-crash-\(format)-\(seed)-", false), ("fuzz-hang-\(format)-\(seed)-", true)]
            where name.hasPrefix(prefix) && name.hasSuffix(".bin") {
                guard let index = Int(name.dropFirst(prefix.count).dropLast(4)) else { continue }
                if best.map({ index > $0.0 }) ?? true {
                    best = (index, scratch.appendingPathComponent(name).path, hang)
                }
            }
        }
        return best
    }

    private func launch(_ arguments: [String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
        if !FileManager.default.isExecutableFile(atPath: process.executableURL?.path ?? "") {
            process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        }
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
