import Foundation
import Testing

@testable import Tracking

/// Encodes without its `rate` field, so decoding the defaults finds the key missing.
private struct ForgetfulConfig: Codable, Equatable {
    var rate = 1.0
    enum CodingKeys: String, CodingKey { case rate }
    init() {}
    init(from decoder: any Decoder) throws {
        rate = try decoder.container(keyedBy: CodingKeys.self).decode(Double.self, forKey: .rate)
    }
    func encode(to encoder: any Encoder) throws {
        _ = encoder.container(keyedBy: CodingKeys.self)
    }
}

/// Refuses to be encoded.
private struct UnencodableConfig: Codable {
    func encode(to encoder: any Encoder) throws {
        throw EncodingError.invalidValue(0, .init(codingPath: [], debugDescription: "no"))
    }
}

@Suite("Config error paths")
struct ConfigErrorTests {
    @Test("a required key the defaults do not provide is reported as missing, with how to add it")
    func missingKey() {
        #expect(throws: ConfigError.missingKey(key: "rate")) {
            try ConfigLoader.load(defaults: ForgetfulConfig(), yaml: nil)
        }
        #expect(ConfigError.missingKey(key: "rate").description.contains("--set rate=<value>"))
    }

    @Test("the missing key can be supplied by an override")
    func missingKeySupplied() throws {
        #expect(try ConfigLoader.load(defaults: ForgetfulConfig(), yaml: nil, overrides: ["rate=2"]).rate == 2)
    }

    @Test("a config that cannot be encoded is an encoding error")
    func encodingFailed() {
        #expect(throws: ConfigError.self) { try ConfigLoader.yaml(UnencodableConfig()) }
    }

    @Test("YAML anchors and aliases resolve to the anchored value")
    func alias() throws {
        let config = try ConfigLoader.load(defaults: SampleConfig(), yaml: "seed: &s 3\ntotalSteps: *s\n")
        #expect(config.seed == 3)
        #expect(config.totalSteps == 3)
    }

    @Test("an empty file keeps the defaults")
    func emptyFile() throws {
        #expect(try ConfigLoader.load(defaults: SampleConfig(), yaml: "") == SampleConfig())
    }

    @Test("a quoted value is a string, never null")
    func quotedNull() throws {
        #expect(try ConfigLoader.load(defaults: SampleConfig(), yaml: "env:\n  id: \"null\"\n").env.id == "null")
    }

    @Test("setting an optional back to null clears it")
    func clearOptional() throws {
        let config = try ConfigLoader.load(
            defaults: SampleConfig(), yaml: "ppo:\n  targetKL: 0.01\n", overrides: ["ppo.targetKL=null"])
        #expect(config.ppo.targetKL == nil)
    }

    @Test(
        "every error message names what to fix",
        arguments: [
            ConfigError.unknownKey(key: "a.b", origin: "f.yaml:1:1", suggestion: "a.c"),
            .typeMismatch(key: "a", expected: "an integer (Int)", found: "`x`", origin: "--set a=x"),
            .invalidValue(key: "a", found: "`x`", reason: "unknown case", origin: "--set a=x"),
            .malformedOverride("a"), .invalidYAML(origin: "f.yaml", reason: "bad"),
            .unreadableFile(path: "/f.yaml", reason: "missing"), .encodingFailed(reason: "bad"),
        ])
    func messages(error: ConfigError) {
        #expect(!error.description.isEmpty)
        #expect(error.description.contains("a") || error.description.contains("f.yaml"))
    }

    @Test("a config file is read from disk, and its name appears in errors")
    func fileOrigin() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let url = directory.file("cartpole.yaml")
        try "ppo:\n  epochs: many\n".write(to: url, atomically: true, encoding: .utf8)
        do {
            _ = try ConfigLoader.load(defaults: SampleConfig(), file: url)
            Issue.record("expected an error")
        } catch {
            #expect(error.description.hasPrefix("cartpole.yaml:2:"))
        }
    }

    @Test("the resolved config written to a run directory loads back unchanged")
    func runDirectoryRoundTrip() throws {
        let root = try TemporaryDirectory()
        defer { root.remove() }
        let run = try RunDirectory.create(root: root.url, environment: "E", algorithm: "a", seed: 1, clock: .fixed(1))
        var config = SampleConfig()
        config.env.numEnvs = 16
        try run.writeConfig(config)
        #expect(try ConfigLoader.load(defaults: SampleConfig(), file: run.config) == config)
    }
}
