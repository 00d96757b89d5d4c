import ArgumentParser
import Foundation
import Fuzzing

/// `swiftrl-fuzz <format> --seconds N [--seed S] [--inputs N]`: feeds seeded, mutated inputs to one of SwiftRL's
/// readers and reports how many it tried; a crash leaves `fuzz-crash-<format>-<seed>-<i>.bin` in the scratch folder.
@main
struct FuzzCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "swiftrl-fuzz",
        abstract: "Fuzz one of SwiftRL's file readers with seeded mutations of valid inputs.",
        discussion: """
            Each input is decoded in this process after being written to
            <scratch>/fuzz-crash-<format>-<seed>-<index>.bin (deleted afterwards), so a trap leaves its reproducer.
            By default a supervisor re-launches the fuzzer after a crash, keeps the reproducer and counts crashes.
            Formats: \(FuzzTargets.all.map(\.name).joined(separator: ", ")), all.

            Examples:
              swift run -c release swiftrl-fuzz checkpoint --seconds 60
              swift run -c release swiftrl-fuzz all --inputs 100000 --seed 7
              swift run -c release swiftrl-fuzz checkpoint --replay fuzz/fuzz-crash-checkpoint-1-417.bin
            """)

    @Argument(help: "The format to fuzz (or `all`).") var format: String
    @Option(help: "Stop after this many seconds (per format).") var seconds: Double?
    @Option(help: "Stop after this many inputs (per format).") var inputs: Int?
    @Option(help: "Run seed; input i is derived from (seed, i) alone.") var seed: UInt64 = 1
    @Option(help: "Folder for reproducers and the readers' scratch files.") var scratch = "fuzz-scratch"
    @Option(help: "Seconds one input may take before it counts as a hang.") var hangSeconds: Double = 10
    @Option(help: "Decode one reproducer file and print the reader's verdict.") var replay: String?
    @Option(help: .hidden) var start = 0
    @Flag(help: "Run in this process only (no supervisor); a crash ends the run.") var noSupervisor = false

    func validate() throws {
        if replay == nil && seconds == nil && inputs == nil {
            throw ValidationError("give --seconds N and/or --inputs N (or --replay FILE)")
        }
        if let inputs, inputs < 0 { throw ValidationError("--inputs must be ≥ 0, got \(inputs)") }
        if let seconds, !(seconds > 0) { throw ValidationError("--seconds must be positive, got \(seconds)") }
    }

    func run() throws {
        let targets = format == "all" ? FuzzTargets.all : [try FuzzTargets.named(format)]
        let folder = URL(fileURLWithPath: scratch)
        if let replay {
            let runner = try FuzzRunner(target: targets[0], seed: seed, scratch: folder, hangSeconds: hangSeconds)
            do {
                try runner.replay(URL(fileURLWithPath: replay))
                print("\(replay): accepted")
            } catch {
                print("\(replay): rejected: \(error)")
            }
            return
        }
        for target in targets {
            if noSupervisor {
                let runner = try FuzzRunner(target: target, seed: seed, scratch: folder, hangSeconds: hangSeconds)
                let report = runner.run(start: start, inputs: inputs, seconds: seconds)
                print(Supervisor.resultLine(report))
            } else {
                let summary = try Supervisor(
                    format: target.name, seed: seed, scratch: folder, hangSeconds: hangSeconds
                ).run(inputs: inputs, seconds: seconds)
                print(summary.line)
            }
        }
    }
}
