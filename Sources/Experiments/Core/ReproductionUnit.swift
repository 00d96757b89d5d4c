import Foundation

/// One independent piece of a reproduction: usually one arm × one seed.
///
/// A cluster runs every unit of a plan (``UnitReproduction/units(_:)``) as its own job, stage by stage, and builds
/// the report from the gathered results (``UnitReproduction/reportFromEncoded(_:_:)``); `swiftrl reproduce` without
/// `--unit` runs the same units in order in one process, so both give the same report.
public struct ReproductionUnit: Codable, Sendable, Hashable {
    /// File-name safe (`[a-z0-9._-]` only) and unique within the reproduction, e.g. `grpo-s3`.
    public var key: String
    /// Human label of the arm (`""` when the unit is not an arm).
    public var arm: String
    /// The seed, or nil for units not tied to one seed.
    public var seed: UInt64?
    /// 0 = prerequisites (e.g. a shared base model), 1 = the arms. Units of stage k may read files written by
    /// units of stages below k into ``ReproductionContext/directory``.
    public var stage: Int

    /// A unit.
    public init(key: String, arm: String, seed: UInt64?, stage: Int = 1) {
        self.key = key
        self.arm = arm
        self.seed = seed
        self.stage = stage
    }

    /// Whether `key` uses only `[a-z0-9._-]` and is not empty.
    public static func isValidKey(_ key: String) -> Bool {
        !key.isEmpty && key != "." && key != ".."
            && key.unicodeScalars.allSatisfy { allowed.contains(Character($0)) }
    }

    private static let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789._-")

    /// `text` as a key fragment: lower-cased, every run of other characters replaced by one `-` (`"TD3+BC"` →
    /// `"td3-bc"`, `"PRDC β=0.1"` → `"prdc-0.1"`).
    public static func keyFragment(_ text: String) -> String {
        var out = "", pendingDash = false
        for character in text.lowercased() {
            if character.isASCII, allowed.contains(character), character != "-" {
                if pendingDash && !out.isEmpty { out.append("-") }
                pendingDash = false
                out.append(character)
            } else {
                pendingDash = true
            }
        }
        return out
    }
}

/// A reproduction split into independent units (``ReproductionUnit``) whose results are gathered into one report.
///
/// The default ``Reproduction/run(_:)`` runs every unit in order (stage by stage), passes each result through its
/// JSON encoding and calls ``report(_:_:)``: in-process and distributed runs share one code path.
public protocol UnitReproduction: Reproduction {
    /// What one unit produces: curves and final metrics, whatever the analysis needs.
    associatedtype UnitResult: Codable & Sendable

    /// The plan for `context` (budget, seeds, base seed), in the order an in-process run executes it.
    /// - Throws: ``ReproductionError/invalidSettings(_:)`` when the settings cannot run (e.g. too few seeds).
    func units(_ context: ReproductionContext) throws -> [ReproductionUnit]

    /// Runs one unit of ``units(_:)``; it must work alone in a fresh process (recomputing a missing prerequisite).
    /// - Throws: whatever the training code throws.
    func runUnit(_ unit: ReproductionUnit, _ context: ReproductionContext) throws -> UnitResult

    /// The report from every unit's result, keyed by unit key. `seconds` is filled in by the caller.
    /// - Throws: ``ReproductionUnitError`` when a result is missing, or analysis errors.
    func report(_ results: [String: UnitResult], _ context: ReproductionContext) throws -> ReproductionReport
}

/// What a unit's JSON holds: the unit, its wall-clock seconds and its result.
struct ReproductionUnitFile<Result: Codable>: Codable {
    var unit: ReproductionUnit
    var seconds: Double
    var result: Result

    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }

    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }
}

extension UnitReproduction {
    /// Runs every unit in order, stage by stage, then builds the report from their encoded results; the report's
    /// `seconds` is the sum of the units' wall-clock seconds.
    /// - Throws: whatever a unit or the analysis throws.
    public func run(_ context: ReproductionContext) throws -> ReproductionReport {
        let plan = try units(context)
        var encoded: [String: Data] = [:]
        for stage in Set(plan.map(\.stage)).sorted() {
            for unit in plan where unit.stage == stage {
                encoded[unit.key] = try runUnitEncoded(unit.key, context)
            }
        }
        return try reportFromEncoded(encoded, context)
    }

    /// Runs the unit `key` of the plan for `context` and returns its result as JSON.
    /// - Throws: ``ReproductionUnitError/unknownUnit(reproduction:key:known:)`` listing the valid keys, or whatever
    ///   the unit throws.
    public func runUnitEncoded(_ key: String, _ context: ReproductionContext) throws -> Data {
        let plan = try units(context)
        guard let unit = plan.first(where: { $0.key == key }) else {
            throw ReproductionUnitError.unknownUnit(reproduction: id, key: key, known: plan.map(\.key))
        }
        let start = Date()
        let result = try runUnit(unit, context)
        let file = ReproductionUnitFile(unit: unit, seconds: Date().timeIntervalSince(start), result: result)
        return try ReproductionUnitFile<UnitResult>.encoder.encode(file)
    }

    /// The report from the encoded results of every unit of the plan (keyed by unit key; extra keys are ignored).
    /// - Throws: ``ReproductionUnitError/missingUnits(reproduction:keys:)`` naming the missing keys,
    ///   ``ReproductionUnitError/undecodableUnits(reproduction:reasons:)`` naming the bad ones, or analysis errors.
    public func reportFromEncoded(_ results: [String: Data], _ context: ReproductionContext) throws
        -> ReproductionReport
    {
        let plan = try units(context)
        let missing = plan.map(\.key).filter { results[$0] == nil }
        guard missing.isEmpty else { throw ReproductionUnitError.missingUnits(reproduction: id, keys: missing) }
        var decoded: [String: UnitResult] = [:]
        var failures: [String: String] = [:]
        var seconds = 0.0
        let decoder = ReproductionUnitFile<UnitResult>.decoder
        for unit in plan {
            do {
                let file = try decoder.decode(ReproductionUnitFile<UnitResult>.self, from: results[unit.key] ?? Data())
                guard file.unit == unit else {
                    failures[unit.key] = "it was produced for a different plan (\(file.unit)); rerun it with the "
                        + "same --quick/--seeds/--seed"
                    continue
                }
                decoded[unit.key] = file.result
                seconds += file.seconds
            } catch {
                failures[unit.key] = "\(error)"
            }
        }
        guard failures.isEmpty else {
            throw ReproductionUnitError.undecodableUnits(reproduction: id, reasons: failures)
        }
        var report = try report(decoded, context)
        report.seconds = seconds
        return report
    }

    /// The error for a unit that is not in the plan for `context`, listing the valid keys.
    func unknown(_ unit: ReproductionUnit, _ context: ReproductionContext) -> ReproductionUnitError {
        .unknownUnit(reproduction: id, key: unit.key, known: ((try? units(context)) ?? []).map(\.key))
    }

    /// The results of `plan`'s units in plan order.
    /// - Throws: ``ReproductionUnitError/missingUnits(reproduction:keys:)``.
    func ordered(_ results: [String: UnitResult], _ plan: [ReproductionUnit]) throws -> [UnitResult] {
        let missing = plan.map(\.key).filter { results[$0] == nil }
        guard missing.isEmpty else { throw ReproductionUnitError.missingUnits(reproduction: id, keys: missing) }
        return plan.compactMap { results[$0.key] }
    }
}
