import Foundation

/// Placeholder until the reproduction lands (owned by the helper building it; replace this whole file).
public struct LitePPOReproduction: Reproduction {
    public init() {}
    public var id: String { "lite-ppo" }
    public var paper: String { "(pending)" }
    public var claim: String { "(pending)" }
    public var defaultSeeds: Int { 3 }
    public func run(_ context: ReproductionContext) throws -> ReproductionReport {
        throw ReproductionError.invalidSettings("the 'lite-ppo' reproduction is not built yet")
    }
}
