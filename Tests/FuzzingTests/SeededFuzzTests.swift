import Foundation
import Fuzzing
import Testing

/// A short seeded pass of every fuzz target: a trap here kills the test process and leaves
/// `fuzz-crash-<format>-<seed>-<i>.bin` in the temporary folder; rerun it with `swiftrl-fuzz <format> --replay`.
@Suite(.serialized) struct SeededFuzzTests {
    /// Every format × 200 inputs (15 formats, 16 with the HDF5 trait): ≈ 90 s in a debug build on two busy cores.
    static let inputsPerFormat = 200

    @Test(arguments: FuzzTargets.all.map(\.name))
    func readerSurvivesMutatedInputs(format: String) throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "swiftrl-fuzz-tests-\(ProcessInfo.processInfo.processIdentifier)")
        let runner = try FuzzRunner(
            target: try FuzzTargets.named(format), seed: 20_261_207, scratch: scratch, hangSeconds: 120)
        try runner.checkSeeds()
        let report = runner.run(inputs: Self.inputsPerFormat, seconds: nil)
        #expect(report.inputs == (Self.inputsPerFormat))
        #expect(report.rejected > 0, "no mutated \(format) input was rejected; the mutator is not reaching the reader")
        let left = try FileManager.default.contentsOfDirectory(atPath: scratch.path).filter { $0.hasPrefix("fuzz-") }
        #expect(left.isEmpty)
    }

    @Test func inputsAreReproducibleFromSeedAndIndex() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("swiftrl-fuzz-repro")
        let target = try FuzzTargets.named("npy")
        let a = try FuzzRunner(target: target, seed: 3, scratch: scratch)
        let b = try FuzzRunner(target: target, seed: 3, scratch: scratch)
        #expect((0..<50).allSatisfy { a.input($0) == b.input($0) })
        #expect(a.input(1) != a.input(2))
        let parts = a.input(7)
        #expect(try FuzzInputFile.decode(FuzzInputFile.encode(parts), path: "x") == parts)
    }
}
