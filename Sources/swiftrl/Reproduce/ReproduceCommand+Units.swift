import ArgumentParser
import Experiments
import Foundation
import ScaleOut
import Tensor

/// `--list-units`, `--unit KEY` and `--from-units DIR`: a reproduction split into independent jobs.
extension ReproduceCommand {
    /// Runs the unit mode the options select.
    /// - Throws: ``ReproductionUnitError`` (unknown key, missing units) or the unit's own errors.
    func runUnitMode(_ reproduction: any Reproduction) throws {
        guard let units = reproduction as? any UnitReproduction else {
            throw ReproductionUnitError.notDecomposable(reproduction: reproduction.id)
        }
        if listUnits {
            let context = unitContext(
                reproduction, directory: FileManager.default.temporaryDirectory, toStandardError: true)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(try units.units(context)), as: UTF8.self))
        } else if let key = unit {
            try runOneUnit(units, key: key, directory: URL(fileURLWithPath: runDir ?? ".", isDirectory: true))
        } else if let fromUnits {
            try buildReport(units, directory: URL(fileURLWithPath: fromUnits, isDirectory: true))
        }
    }

    /// The context the options describe; logs go to standard error so standard output stays machine-readable.
    func unitContext(_ reproduction: any Reproduction, directory: URL, toStandardError: Bool) -> ReproductionContext {
        let quiet = self.quiet
        return ReproductionContext(
            quick: quick, seeds: seeds ?? reproduction.defaultSeeds, baseSeed: seed, directory: directory,
            log: { line in
                guard !quiet else { return }
                if toStandardError {
                    FileHandle.standardError.write(Data((line + "\n").utf8))
                } else {
                    print(line)
                }
            })
    }

    /// Runs `key` and writes `<directory>/units/<key>.json` atomically; prints `{"unit":…,"file":…}`.
    func runOneUnit(_ reproduction: any UnitReproduction, key: String, directory: URL) throws {
        let context = unitContext(reproduction, directory: directory, toStandardError: true)
        let folder = directory.appendingPathComponent("units", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let data = try reproduction.runUnitEncoded(key, context)
        let file = folder.appendingPathComponent("\(key).json")
        try AtomicFile.write(data, to: file)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(["unit": key, "file": file.path]), as: UTF8.self))
        print(ResultLine.format(data))  // the result itself, for executors without a shared folder
    }

    /// Reads every unit of the plan from `<directory>/units`, writes the report into `directory`, prints it.
    /// - Throws: ``ReproductionUnitError/missingUnits(reproduction:keys:)`` listing the commands that produce them.
    func buildReport(_ reproduction: any UnitReproduction, directory: URL) throws {
        let context = unitContext(reproduction, directory: directory, toStandardError: false)
        let folder = directory.appendingPathComponent("units", isDirectory: true)
        var results: [String: Data] = [:]
        var missing: [String] = []
        for unit in try reproduction.units(context) {
            let file = folder.appendingPathComponent("\(unit.key).json")
            if let data = FileManager.default.contents(atPath: file.path) {
                results[unit.key] = data
            } else {
                missing.append(unit.key)
            }
        }
        guard missing.isEmpty else {
            throw MissingUnitsError(message: missingMessage(reproduction, missing: missing, directory: directory))
        }
        let report = try reproduction.reportFromEncoded(results, context)
        let files = try ReproductionOutput.write(report, to: directory)
        print(report.markdown)
        if !quiet { print("wrote " + files.map(\.path).joined(separator: ", ")) }
    }

    func missingMessage(_ reproduction: any UnitReproduction, missing: [String], directory: URL) -> String {
        var flags = quick ? " --quick" : ""
        if let seeds { flags += " --seeds \(seeds)" }
        if seed != 0 { flags += " --seed \(seed)" }
        let commands = missing.map {
            "  swiftrl reproduce \(reproduction.id) --unit \($0)\(flags) --run-dir \(directory.path)"
        }
        return "\(reproduction.id): \(missing.count) unit result(s) missing in \(directory.path)/units: "
            + missing.joined(separator: ", ") + ". Produce them with:\n" + commands.joined(separator: "\n")
    }
}

/// `--from-units` found only part of the plan: the message lists the missing keys and the commands to run.
struct MissingUnitsError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
