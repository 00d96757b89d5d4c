import ArgumentParser
import Foundation
import ScaleOut
import Tracking

/// `swiftrl sweep sweep.yaml`: a grid or random search over config keys × environments × seeds, on the local
/// machine, a Ray cluster or Slurm.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Grid/random search over --set keys and seeds, run locally, on Ray or on Slurm; table + CSV + SVG.",
        discussion: """
            The sweep file names the algorithm, environments, seeds, fixed overrides and the searched keys:

              algo: ppo
              envs: [CartPole-v1]
              seeds: 3
              total_steps: 20000
              grid:
                ppo.learningRate: [0.001, 0.0003]
                ppo.clipRange: [0.1, 0.2]

            (or `search: random`, `samples: 8`, `random: {ppo.learningRate: {min: 1e-4, max: 1e-2, log: true}}`).
            The runs are computed once into <output>/plan.json; results land in <output>/results, logs in
            <output>/logs; the table (mean ± std over seeds per configuration) is printed and written to sweep.json,
            sweep.csv and curves.svg. Ctrl-C stops submitting; `--resume <output>` submits only what is missing.

            Examples:
              swiftrl sweep sweep.yaml --jobs 2
              swiftrl sweep sweep.yaml --executor ray --ray-address http://head:8265 --cpus-per-job 1
              swiftrl sweep sweep.yaml --executor slurm --partition cpu --time-limit 00:30:00 --dry-run
              swiftrl sweep --resume sweeps/sweep
            """
    )

    @Argument(help: "Sweep file (YAML); not needed with --resume.") var file: String?
    @Option(help: "Sweep folder (default: sweeps/<file name>).") var output: String?
    @Flag(help: "Print the planned runs and exit.") var plan = false
    @OptionGroup var execution: ExecutorOptions

    func validate() throws {
        if file == nil && execution.resume == nil { throw ValidationError("give a sweep file, or --resume <folder>") }
    }

    func run() throws {
        let (plan, directory) = try execution.planAndFolder(
            output: output
                ?? "sweeps/" + URL(fileURLWithPath: file ?? "sweep").deletingPathExtension().lastPathComponent
        ) {
            let path = file ?? ""
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw ValidationError("cannot read the sweep file \(path); check the path")
            }
            return try SweepSpec(yaml: text, source: path).plan()
        }
        if self.plan {
            for run in plan.runs { print(run.id + "  swiftrl " + ShellQuoting.commandLine(run.arguments)) }
            return
        }
        try TrainingPlanRunner.run(plan, in: directory, execution: execution, name: "sweep")
    }
}

/// Runs a training plan (benchmark or sweep) and prints/writes its table.
enum TrainingPlanRunner {
    static func run(_ plan: RunPlan, in directory: URL, execution: ExecutorOptions, name: String) throws {
        BackendNotice.printIfSlow()
        guard let outcome = try execution.drive(plan, in: directory, validate: validateRunReport) else { return }
        let rows = try SweepTable.rows(plan: plan, results: outcome.results)
        let out = StandardTextOutput(.output)
        out.write(BenchmarkRow.table(rows))
        let files = try SweepTable.write(
            rows: rows, curves: SweepTable.curves(plan: plan, results: outcome.results), to: directory, name: name)
        out.write("results: " + files.map(\.path).joined(separator: ", ") + "\n")
        if !outcome.failed.isEmpty {
            throw ScaleOutError.runsFailed(outcome.failed.keys.sorted().map { "\($0) (\(outcome.failed[$0] ?? ""))" })
        }
    }
}
