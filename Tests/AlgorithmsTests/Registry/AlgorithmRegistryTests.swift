import Testing

@testable import Algorithms

@Test("An unknown algorithm name is an error listing the known names")
func unknownAlgorithmName() {
    #expect(throws: AlgorithmRegistryError.self) { _ = try AlgorithmRegistry.type(named: "no-such-algorithm") }
}
