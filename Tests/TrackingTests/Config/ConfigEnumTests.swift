import Testing

@testable import Tracking

/// A typed knob in the style of the style guide's `AdvantageEstimator`.
enum Estimator: Codable, Equatable {
    case gae(gamma: Double, lambda: Double)
    case groupRelative(eps: Double)
}

struct KnobConfig: Codable, Equatable {
    var estimator = Estimator.gae(gamma: 0.99, lambda: 0.95)
    var weights: [String: Double] = ["policy": 1, "value": 0.5]
}

@Suite("Config enums and dictionaries")
struct ConfigEnumTests {
    @Test("an override changes a field of the default enum case")
    func sameCase() throws {
        let config = try ConfigLoader.load(defaults: KnobConfig(), yaml: nil, overrides: ["estimator.gae.lambda=0.9"])
        #expect(config.estimator == .gae(gamma: 0.99, lambda: 0.9))
    }

    @Test("naming another case in the file switches to it")
    func switchCaseInFile() throws {
        let config = try ConfigLoader.load(
            defaults: KnobConfig(), yaml: "estimator:\n  groupRelative:\n    eps: 1e-6\n")
        #expect(config.estimator == .groupRelative(eps: 1e-6))
    }

    @Test("naming another case in an override switches to it")
    func switchCaseInOverride() throws {
        let config = try ConfigLoader.load(
            defaults: KnobConfig(), yaml: nil, overrides: ["estimator.groupRelative.eps=0.001"])
        #expect(config.estimator == .groupRelative(eps: 0.001))
    }

    // Cases other than the default's are not visited when decoding the defaults, so no suggestion is possible.
    @Test("a misspelt case is an unknown key")
    func misspeltCase() {
        #expect(
            throws: ConfigError.unknownKey(
                key: "estimator.groupRelativ", origin: "--set estimator.groupRelativ.eps=0.1", suggestion: nil)
        ) {
            try ConfigLoader.load(defaults: KnobConfig(), yaml: nil, overrides: ["estimator.groupRelativ.eps=0.1"])
        }
    }

    @Test("dictionaries merge: a new key is added, existing keys are kept")
    func dictionaryMerge() throws {
        let config = try ConfigLoader.load(defaults: KnobConfig(), yaml: nil, overrides: ["weights.entropy=0.01"])
        #expect(config.weights == ["policy": 1, "value": 0.5, "entropy": 0.01])
    }
}
