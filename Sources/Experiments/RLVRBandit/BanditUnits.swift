import Foundation

/// The unit plan shared by the StrategyBandit reproductions: one unit per arm × seed (seed-major, the order of the
/// in-process run), each an independent ``BanditExperiment/run(_:seed:budget:)``.
extension BanditExperiment {
    /// `<arm key>-s<seed>`.
    static func unitKey(_ arm: BanditArm, seed: UInt64) -> String {
        "\(arm.key ?? ReproductionUnit.keyFragment(arm.label))-s\(seed)"
    }

    /// Every arm × seed of `context`, seed-major.
    static func units(_ arms: [BanditArm], context: ReproductionContext) -> [ReproductionUnit] {
        context.seedList.flatMap { seed in
            arms.map { ReproductionUnit(key: unitKey($0, seed: seed), arm: $0.label, seed: seed) }
        }
    }

    /// Runs the arm × seed of `unit`.
    /// - Throws: ``ReproductionUnitError/unknownUnit(reproduction:key:known:)`` when `unit` is not one of
    ///   `arms` × seeds, or the trainer's errors.
    static func runUnit(
        _ unit: ReproductionUnit, arms: [BanditArm], budget: BanditBudget, reproduction: String,
        context: ReproductionContext
    ) throws -> BanditRunRecord {
        guard let seed = unit.seed, let arm = arms.first(where: { unitKey($0, seed: seed) == unit.key }) else {
            throw ReproductionUnitError.unknownUnit(
                reproduction: reproduction, key: unit.key, known: units(arms, context: context).map(\.key))
        }
        return try runLogged(arm, seed: seed, budget: budget, context: context)
    }
}
