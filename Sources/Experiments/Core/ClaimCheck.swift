/// One pre-written check of a reproduction's claim: what it tests, what the run measured, and whether it holds.
/// The checks are written in code before the run; the verdict is computed from them.
struct ClaimCheck: Sendable {
    /// What is checked, with its threshold ("(1) slope in [0.35, 0.65]").
    var name: String
    /// What the run measured.
    var value: String
    /// Whether the measured value passes.
    var holds: Bool

    /// The "Pre-written checks" table: check, measured, holds (yes/no).
    static func table(_ checks: [ClaimCheck]) -> ResultTable {
        var table = ResultTable(title: "Pre-written checks", columns: ["check", "measured", "holds"])
        table.rows = checks.map { [$0.name, $0.value, $0.holds ? "yes" : "no"] }
        return table
    }

    /// "k of n checks hold. name: value (holds); …" — the start of a verdict explanation.
    static func summary(_ checks: [ClaimCheck]) -> String {
        "\(checks.filter(\.holds).count) of \(checks.count) checks hold. "
            + checks.map { "\($0.name): \($0.value) (\($0.holds ? "holds" : "fails"))" }.joined(separator: "; ")
    }
}
