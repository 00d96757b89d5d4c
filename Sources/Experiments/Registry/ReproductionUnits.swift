import Foundation

/// Runs registered reproductions as units, by id: what a cluster executor calls in-process.
///
/// ```swift
/// let plan = try ReproductionUnits.plan("lcb", context: context)
/// var results: [String: Data] = [:]
/// for unit in plan { results[unit.key] = try ReproductionUnits.runUnit("lcb", key: unit.key, context: context) }
/// let report = try ReproductionUnits.report(id: "lcb", results: results, context: context)
/// ```
public enum ReproductionUnits {
    /// The registered reproduction `id` as a ``UnitReproduction``.
    /// - Throws: ``ReproductionError/unknown(id:known:suggestion:)`` or
    ///   ``ReproductionUnitError/notDecomposable(reproduction:)``.
    public static func reproduction(_ id: String) throws -> any UnitReproduction {
        let found = try Reproductions.named(id)
        guard let units = found as? any UnitReproduction else {
            throw ReproductionUnitError.notDecomposable(reproduction: found.id)
        }
        return units
    }

    /// The units of `id` for `context`, in in-process order (stage 0 before stage 1).
    /// - Throws: unknown id, or invalid settings.
    public static func plan(_ id: String, context: ReproductionContext) throws -> [ReproductionUnit] {
        try reproduction(id).units(context)
    }

    /// Runs unit `key` of `id` and returns its result as JSON (for ``report(id:results:context:)``).
    /// - Throws: unknown id or key (the message lists the valid keys), or whatever the unit throws.
    public static func runUnit(_ id: String, key: String, context: ReproductionContext) throws -> Data {
        try reproduction(id).runUnitEncoded(key, context)
    }

    /// The report of `id` from the encoded results of all its units, keyed by unit key.
    /// - Throws: unknown id, missing or undecodable units (named in the message), or analysis errors.
    public static func report(id: String, results: [String: Data], context: ReproductionContext) throws
        -> ReproductionReport
    {
        try reproduction(id).reportFromEncoded(results, context)
    }
}
