import Foundation
import Tensor

/// Runs a Python peer benchmark script and compares its JSON lines with ours.
enum PeerBenchmark {
    struct PeerError: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs `script` (relative to the current directory) with `$SWIFTRL_PYTHON` or `python3`.
    static func run(script: String, quick: Bool, extra: [String] = []) throws -> [BenchmarkResult] {
        guard FileManager.default.fileExists(atPath: script) else {
            throw PeerError(description: "\(script) not found; run from the SwiftRL repository root")
        }
        let python = ProcessInfo.processInfo.environment["SWIFTRL_PYTHON"] ?? "python3"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, script] + (quick ? ["--quick"] : []) + extra
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw PeerError(description: "\(python) \(script) exited with status \(process.terminationStatus); is torch installed in that interpreter? Set SWIFTRL_PYTHON to a venv's python")
        }
        let decoder = JSONDecoder()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap {
            try? decoder.decode(BenchmarkResult.self, from: Data($0.utf8))
        }
    }

    /// A markdown table: case, SwiftRL median, peer median, and the speed-up (costs — time units and counts of
    /// environment steps needed: peer/ours; rates: ours/peer).
    static func ratioTable(ours: [BenchmarkResult], peers: [BenchmarkResult]) -> String {
        var lines = ["| case | SwiftRL | peer | peer value | SwiftRL speed-up |", "|---|---|---|---|---|"]
        for r in ours {
            let peerCase = r.case.hasSuffix("_builtin") ? String(r.case.dropLast("_builtin".count)) : r.case
            for p in peers where p.case == peerCase {
                let isTime = ["us", "ms", "s", "steps"].contains(r.unit)
                let ratio = isTime ? p.median / r.median : r.median / p.median
                lines.append(String(format: "| %@ | %.4g %@ | %@ | %.4g %@ | %.2f× |", r.case as NSString, r.median, r.unit as NSString,
                                    (p.peer ?? p.suite) as NSString, p.median, p.unit as NSString, ratio))
            }
        }
        return lines.joined(separator: "\n")
    }
}
