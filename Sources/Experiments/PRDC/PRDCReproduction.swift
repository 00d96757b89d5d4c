import Foundation

/// Placeholder until the reproduction lands (owned by the helper building it; replace this whole file).
public struct PRDCReproduction: Reproduction {
    public init() {}
    public var id: String { "prdc" }
    public var paper: String { "(pending)" }
    public var claim: String { "(pending)" }
    public var defaultSeeds: Int { 3 }
    public func run(_ context: ReproductionContext) throws -> ReproductionReport {
        throw ReproductionError.invalidSettings("the 'prdc' reproduction is not built yet")
    }
}
