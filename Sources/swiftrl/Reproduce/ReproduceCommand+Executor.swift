import ArgumentParser
import Experiments
import Foundation
import ScaleOut
import Tensor

/// `reproduce <id> --executor local|ray|slurm`: every unit (arm × seed, prerequisites first) is one job of a plan;
/// the report is built from the gathered unit results exactly as the in-process run builds it.
extension ReproduceCommand {
    func runOnExecutor() throws {
        let (plan, directory) = try execution.planAndFolder(
            output: runDir ?? "runs/reproduce-\(paper ?? "")-\(Int(Date().timeIntervalSince1970))"
        ) { try unitPlan() }
        let settings = plan.settings
        guard plan.kind == .reproduce, let id = settings["id"], let quick = settings["quick"].map({ $0 == "true" }),
              let seeds = settings["seeds"].flatMap(Int.init), let seed = settings["seed"].flatMap(UInt64.init)
        else {
            throw ValidationError(
                "\(directory.path)/plan.json is not a reproduction plan; resume it with the command that made it")
        }
        let quiet = self.quiet
        let context = ReproductionContext(
            quick: quick, seeds: seeds, baseSeed: seed, directory: directory,
            log: { line in if !quiet { print(line) } })
        guard let outcome = try execution.drive(plan, in: directory, validate: { _, _ in }) else { return }
        guard outcome.failed.isEmpty else {
            throw ScaleOutError.runsFailed(outcome.failed.keys.sorted().map { "\($0) (\(outcome.failed[$0] ?? ""))" })
        }
        let folder = directory.appendingPathComponent("units", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (key, data) in outcome.results {
            try AtomicFile.write(data, to: folder.appendingPathComponent("\(key).json"))
        }
        let report = try ReproductionUnits.report(id: id, results: outcome.results, context: context)
        let files = try ReproductionOutput.write(report, to: directory)
        print(report.markdown)
        if !quiet { print("wrote " + files.map(\.path).joined(separator: ", ")) }
    }

    /// The plan: one run per unit, `swiftrl reproduce <id> --unit KEY …` writing into the job's output folder.
    func unitPlan() throws -> RunPlan {
        let reproduction = try Reproductions.named(paper ?? "")
        let seeds = self.seeds ?? reproduction.defaultSeeds
        let context = ReproductionContext(
            quick: quick, seeds: seeds, baseSeed: seed, directory: FileManager.default.temporaryDirectory)
        var common = [
            "reproduce", reproduction.id, "--seeds", "\(seeds)", "--seed", "\(seed)", "--run-dir",
            PlannedRun.outputPlaceholder,
        ]
        if quick { common.append("--quick") }
        let runs = try ReproductionUnits.plan(reproduction.id, context: context).map { unit in
            PlannedRun(
                id: unit.key, arguments: common + ["--unit", unit.key], group: unit.arm.isEmpty ? unit.key : unit.arm,
                seed: unit.seed, stage: unit.stage)
        }
        return try RunPlan(
            kind: .reproduce, title: "reproduce \(reproduction.id)\(quick ? " --quick" : "")", runs: runs,
            settings: ["id": reproduction.id, "quick": "\(quick)", "seeds": "\(seeds)", "seed": "\(seed)"])
    }
}
