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

            Distributed (one job per unit, usually arm × seed; stage-0 units first, same --quick/--seeds/--seed):
              swiftrl reproduce lcb --quick --list-units
              swiftrl reproduce lcb --quick --unit bandit-s0 --run-dir runs/lcb
              swiftrl reproduce lcb --quick --from-units runs/lcb
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

    @Flag(help: "Print the reproduction's independent units (JSON array) instead of running it.")
    var listUnits = false

    @Option(help: "Run only this unit (a key from --list-units); writes <run-dir>/units/<KEY>.json.")
    var unit: String?

    @Option(help: "Build the report from <DIR>/units/*.json (written by --unit) and write it into DIR.")
    var fromUnits: String?

    @OptionGroup(title: "Running the units as separate jobs (local processes, Ray or Slurm)")
    var execution: ExecutorOptions

    mutating func validate() throws {
        if !list && paper == nil && execution.resume == nil {
            throw ValidationError("give a paper id, --list, or --resume <folder>")
        }
        if (execution.executor != nil || execution.resume != nil) && (listUnits || unit != nil || fromUnits != nil) {
            throw ValidationError("--executor/--resume run every unit; drop --list-units, --unit and --from-units")
        }
        if let seeds, seeds < 1 { throw ValidationError("--seeds must be at least 1, got \(seeds)") }
        let modes = [listUnits, unit != nil, fromUnits != nil].filter { $0 }.count
        if modes > 1 { throw ValidationError("use only one of --list-units, --unit and --from-units") }
        if unit != nil && runDir == nil {
            throw ValidationError("--unit needs --run-dir DIR (the shared run directory the unit writes into)")
        }
        if fromUnits != nil && runDir != nil {
            throw ValidationError("--from-units DIR writes the report into DIR; drop --run-dir")
        }
    }

    @OptionGroup(title: "Threads") var threading: ThreadOptions

    mutating func run() throws {
        threading.apply()
        BackendNotice.printIfSlow()
        if list {
            for item in Reproductions.all {
                print("\(item.id)\n  paper:   \(item.paper)\n  claim:   \(item.claim)")
                if let reason = item.unavailableReason { print("  unavailable in this build: \(reason)") }
                print("  command: swiftrl reproduce \(item.id) [--quick] [--seeds \(item.defaultSeeds)]\n")
            }
            return
        }
        if execution.executor != nil || execution.resume != nil {
            try runOnExecutor()
            return
        }
        let reproduction = try Reproductions.named(paper ?? "")
        if listUnits || unit != nil || fromUnits != nil {
            try runUnitMode(reproduction)
            return
        }
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
