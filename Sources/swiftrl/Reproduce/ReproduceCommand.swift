import ArgumentParser
import Experiments
import Foundation
import Tracking

/// `swiftrl reproduce <paper-id>`: rerun a paper's experiment and print its results table.
struct ReproduceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reproduce",
        abstract: "Rerun a paper's experiment: results table (markdown), JSON and SVG plots in a run directory.",
        discussion: """
            Examples:
              swiftrl reproduce --list
              swiftrl reproduce prdc --quick
              swiftrl reproduce lite-ppo --seeds 3 --run-dir runs/lite-ppo
            """
    )

    @Argument(help: "Paper id (see --list).")
    var paper: String?

    @Flag(help: "List the reproductions, their claims and commands.")
    var list = false

    @Flag(help: "Reduced budget: finishes within about 5 minutes on a 2-core CPU.")
    var quick = false

    @Option(help: "Seeds per configuration (default: the reproduction's own).")
    var seeds: Int?

    @Option(help: "Base seed; seed i is base + i.")
    var seed: UInt64 = 0

    @Option(help: "Output directory (default: runs/reproduce-<id>-<unixtime>).")
    var runDir: String?

    @Flag(help: "Print only the final markdown.")
    var quiet = false

    mutating func validate() throws {
        if !list && paper == nil { throw ValidationError("give a paper id or --list") }
        if let seeds, seeds < 1 { throw ValidationError("--seeds must be at least 1, got \(seeds)") }
    }

    mutating func run() throws {
        BackendNotice.printIfSlow()
        if list {
            for item in Reproductions.all {
                print("\(item.id)\n  paper:   \(item.paper)\n  claim:   \(item.claim)")
                print("  command: swiftrl reproduce \(item.id) [--quick] [--seeds \(item.defaultSeeds)]\n")
            }
            return
        }
        let reproduction = try Reproductions.named(paper ?? "")
        let directory = URL(
            fileURLWithPath: runDir ?? "runs/reproduce-\(reproduction.id)-\(Int(Date().timeIntervalSince1970))",
            isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let quiet = self.quiet
        let context = ReproductionContext(
            quick: quick, seeds: seeds ?? reproduction.defaultSeeds, baseSeed: seed, directory: directory,
            log: { line in if !quiet { print(line) } })
        let report = try reproduction.run(context)
        let files = try ReproductionOutput.write(report, to: directory)
        print(report.markdown)
        if !quiet { print("wrote " + files.map(\.path).joined(separator: ", ")) }
    }
}
