import Foundation
import Logging
import Testing

@testable import Tracking

@Suite("Diagnostics logging")
struct DiagnosticsTests {
    @Test("loggers are labelled swiftrl.<component>")
    func label() {
        #expect(Diagnostics.logger("ppo", output: BufferedTextOutput()).label == "swiftrl.ppo")
    }

    @Test("a message is one line with level, label, message and sorted metadata")
    func format() {
        let output = BufferedTextOutput()
        var log = Diagnostics.logger("ppo", output: output, timestamps: false)
        log[metadataKey: "run"] = "a"
        log.warning("KL too high", metadata: ["kl": "0.05", "epoch": "3"])
        #expect(output.text == "warning swiftrl.ppo: KL too high epoch=3 kl=0.05 run=a\n")
    }

    @Test("messages below the level are dropped")
    func level() {
        let output = BufferedTextOutput()
        let log = Diagnostics.logger("env", output: output, level: .warning, timestamps: false)
        log.info("hidden")
        log.debug("hidden")
        log.error("shown")
        #expect(output.text == "error swiftrl.env: shown\n")
    }

    @Test("timestamps are ISO 8601 in UTC")
    func timestamp() {
        let output = BufferedTextOutput()
        Diagnostics.logger("x", output: output).info("m")
        #expect(
            output.text.range(
                of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ info swiftrl\.x: m\n$"#, options: .regularExpression) != nil)
    }

    @Test(
        "SWIFTRL_LOG_LEVEL picks the default level",
        arguments: [
            ([:], Logger.Level.info), (["SWIFTRL_LOG_LEVEL": "debug"], .debug),
            (["SWIFTRL_LOG_LEVEL": "ERROR"], .error),
            (["SWIFTRL_LOG_LEVEL": "loud"], .info),
        ])
    func environmentLevel(environment: [String: String], expected: Logger.Level) {
        #expect(Diagnostics.level(from: environment) == expected)
    }
}
