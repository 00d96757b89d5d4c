import Foundation

/// Placeholder until the reproduction lands (owned by the helper building it; replace this whole file).
public struct A2PRReproduction: Reproduction {
    public init() {}
    public var id: String { "a2pr" }
    public var paper: String { "(pending)" }
    public var claim: String { "(pending)" }
    public var defaultSeeds: Int { 3 }
    public func run(_ context: ReproductionContext) throws -> ReproductionReport {
        throw ReproductionError.invalidSettings("the 'a2pr' reproduction is not built yet")
    }
}
