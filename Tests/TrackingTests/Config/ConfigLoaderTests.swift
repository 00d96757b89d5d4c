import Foundation
import Testing

@testable import Tracking

/// A config shaped like an algorithm's: nested sections, an optional, a list, an enum.
struct SampleConfig: Codable, Equatable {
    struct PPO: Codable, Equatable {
        var clipRange = 0.2
        var epochs = 4
        var normalizeAdvantages = true
        var targetKL: Double?
    }
    struct Env: Codable, Equatable {
        var id = "CartPole-v1"
        var numEnvs = 4
    }
    enum Activation: String, Codable, Equatable { case tanh, relu }
    var seed: UInt64 = 1
    var totalSteps = 500_000
    var ppo = PPO()
    var env = Env()
    var hidden = [64, 64]
    var activation = Activation.tanh
}

@Suite("Config loading and overrides")
struct ConfigLoaderTests {
    private func load(_ yaml: String? = nil, _ overrides: [String] = []) throws(ConfigError) -> SampleConfig {
        try ConfigLoader.load(defaults: SampleConfig(), yaml: yaml, source: "c.yaml", overrides: overrides)
    }

    private func error(_ yaml: String? = nil, _ overrides: [String] = []) -> ConfigError? {
        do {
            _ = try load(yaml, overrides)
            return nil
        } catch {
            return error
        }
    }

    @Test("no file and no overrides gives the defaults")
    func defaults() throws {
        #expect(try load() == SampleConfig())
    }

    @Test("a partial YAML file changes only the keys it names")
    func partialFile() throws {
        let config = try load("ppo:\n  clipRange: 0.1\nenv:\n  id: Acrobot-v1\n")
        var expected = SampleConfig()
        expected.ppo.clipRange = 0.1
        expected.env.id = "Acrobot-v1"
        #expect(config == expected)
    }

    @Test("overrides parse ints, floats, bools, strings, lists and fill optionals")
    func overrides() throws {
        let config = try load(
            nil,
            [
                "ppo.clipRange=0.1", "env.numEnvs=16", "ppo.normalizeAdvantages=false", "env.id=ALE/Pong-v5",
                "hidden=[128, 32, 8]", "ppo.targetKL=0.015", "activation=relu", "totalSteps=1e6",
            ])
        #expect(config.ppo.clipRange == 0.1)
        #expect(config.env.numEnvs == 16)
        #expect(config.ppo.normalizeAdvantages == false)
        #expect(config.env.id == "ALE/Pong-v5")
        #expect(config.hidden == [128, 32, 8])
        #expect(config.ppo.targetKL == 0.015)
        #expect(config.activation == .relu)
        #expect(config.totalSteps == 1_000_000)
    }

    @Test("overrides win over the file, and a numeric path component indexes a list")
    func precedence() throws {
        let config = try load("env:\n  numEnvs: 8\n", ["env.numEnvs=2", "hidden.1=32"])
        #expect(config.env.numEnvs == 2)
        #expect(config.hidden == [64, 32])
    }

    @Test("a misspelt key in the file names the key, the file position and a suggestion")
    func unknownFileKey() {
        let error = error("ppo:\n  clipRang: 0.1\n")
        guard case let .unknownKey(key, origin, suggestion) = error else {
            Issue.record("expected unknownKey, got \(String(describing: error))")
            return
        }
        #expect(key == "ppo.clipRang")
        #expect(origin == "c.yaml:2:13")
        #expect(suggestion == "ppo.clipRange")
        #expect(error?.description.contains("Did you mean `ppo.clipRange`?") == true)
    }

    @Test("a misspelt override key names the --set argument")
    func unknownOverride() {
        #expect(
            error(nil, ["env.numEnv=3"])
                == .unknownKey(key: "env.numEnv", origin: "--set env.numEnv=3", suggestion: "env.numEnvs"))
    }

    @Test("a key at the wrong nesting level suggests the nested key")
    func wrongLevel() {
        #expect(
            error(nil, ["clipRange=0.3"])
                == .unknownKey(key: "clipRange", origin: "--set clipRange=0.3", suggestion: "ppo.clipRange"))
    }

    @Test("a key unlike any other has no suggestion")
    func noSuggestion() {
        #expect(
            error(nil, ["zzzzzzzzzz=1"])
                == .unknownKey(key: "zzzzzzzzzz", origin: "--set zzzzzzzzzz=1", suggestion: nil))
    }

    @Test("an ill-typed override names the key and the expected type")
    func overrideTypeMismatch() {
        let error = error(nil, ["env.numEnvs=many"])
        #expect(
            error
                == .typeMismatch(
                    key: "env.numEnvs", expected: "an integer (Int)", found: "`many`", origin: "--set env.numEnvs=many")
        )
        #expect(error?.description == "--set env.numEnvs=many: `env.numEnvs` must be an integer (Int), but got `many`.")
    }

    @Test(
        "an ill-typed value in the file names its position",
        arguments: [
            ("ppo:\n  epochs: 2.5\n", "ppo.epochs", "an integer (Int)"),
            ("ppo:\n  normalizeAdvantages: maybe\n", "ppo.normalizeAdvantages", "true or false (Bool)"),
            ("ppo:\n  clipRange: wide\n", "ppo.clipRange", "a number (Double)"),
            ("seed: -1\n", "seed", "an integer (UInt64)"),
        ])
    func fileTypeMismatch(yaml: String, key: String, expected: String) {
        guard case let .typeMismatch(gotKey, gotExpected, _, origin) = error(yaml) else {
            Issue.record("expected a type mismatch for \(key)")
            return
        }
        #expect(gotKey == key)
        #expect(gotExpected == expected)
        #expect(origin.hasPrefix("c.yaml:"))
    }

    @Test("a scalar where a section is expected is a type mismatch")
    func scalarForSection() {
        guard case let .typeMismatch(key, expected, found, _) = error("ppo: 3\n") else {
            Issue.record("expected a type mismatch")
            return
        }
        #expect(key == "ppo")
        #expect(expected == "a mapping of keys to values")
        #expect(found == "`3`")
    }

    @Test("a list element of the wrong type names its index")
    func listElement() {
        guard case let .typeMismatch(key, _, _, _) = error(nil, ["hidden=[64, x]"]) else {
            Issue.record("expected a type mismatch")
            return
        }
        #expect(key == "hidden.1")
    }

    @Test("an unknown enum case is an invalid value naming the key")
    func invalidEnum() {
        guard case let .invalidValue(key, found, _, origin) = error(nil, ["activation=gelu"]) else {
            Issue.record("expected invalidValue")
            return
        }
        #expect(key == "activation")
        #expect(found == "`gelu`")
        #expect(origin == "--set activation=gelu")
    }

    @Test("null for a required field is a type mismatch")
    func nullRequired() {
        guard case .typeMismatch(key: "env.id", _, found: "null", _) = error(nil, ["env.id=null"]) else {
            Issue.record("expected a type mismatch for null")
            return
        }
    }

    @Test("malformed overrides are rejected", arguments: ["numEnvs", "=3", "a..b=1", ".a=1", "a.=1"])
    func malformed(text: String) {
        #expect(error(nil, [text]) == .malformedOverride(text))
    }

    @Test("invalid YAML syntax is reported with the file name")
    func invalidYAML() {
        guard case let .invalidYAML(origin, _) = error("ppo: [1, 2\n") else {
            Issue.record("expected invalidYAML")
            return
        }
        #expect(origin == "c.yaml")
    }

    @Test("a file whose top level is not a mapping is rejected")
    func topLevelList() {
        guard case .invalidYAML = error("- 1\n- 2\n") else {
            Issue.record("expected invalidYAML")
            return
        }
    }

    @Test("a missing file is an unreadable-file error")
    func missingFile() {
        #expect(throws: ConfigError.self) {
            try ConfigLoader.load(defaults: SampleConfig(), file: URL(fileURLWithPath: "/nonexistent/c.yaml"))
        }
    }

    @Test("written YAML loads back to the same config")
    func roundTrip() throws {
        var config = SampleConfig()
        config.ppo.targetKL = 0.02
        config.hidden = [8]
        config.ppo.clipRange = 1e-7
        let text = try ConfigLoader.yaml(config)
        #expect(try load(text) == config)
    }

    @Test("flattening gives dotted keys in declaration order")
    func flattened() throws {
        let pairs = try ConfigLoader.flattened(SampleConfig())
        #expect(
            pairs.map(\.name) == [
                "seed", "totalSteps", "ppo.clipRange", "ppo.epochs", "ppo.normalizeAdvantages",
                "env.id", "env.numEnvs", "hidden", "activation",
            ])
        #expect(pairs.first { $0.name == "hidden" }?.value == "[64, 64]")
    }

    @Test(
        "edit distance",
        arguments: [("", "abc", 3), ("kitten", "sitting", 3), ("clipRange", "clipRange", 0), ("ab", "ba", 2)])
    func editDistance(a: String, b: String, distance: Int) {
        #expect(EditDistance.levenshtein(a, b) == distance)
    }
}
