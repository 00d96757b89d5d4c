import Foundation
import Testing
@testable import Tensor

/// Interop with the reference Python implementation (`Scripts/fixtures/safetensors_interop.py`).
@Suite("Safetensors interop with Python")
struct SafetensorsInteropTests {
    /// `Fixtures/safetensors_python.json`: what the Python writer stored.
    struct Expected: Decodable {
        struct Tensor: Decodable {
            var dtype: String
            var shape: [Int]
            var floats: [Double]?
            var integers: [Int64]?

            enum CodingKeys: String, CodingKey { case dtype, shape, values }

            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: CodingKeys.self)
                dtype = try container.decode(String.self, forKey: .dtype)
                shape = try container.decode([Int].self, forKey: .shape)
                if ["F32", "F64", "F16", "BF16"].contains(dtype) {
                    floats = try container.decode([Double].self, forKey: .values)
                } else {
                    integers = try container.decode([Int64].self, forKey: .values)
                }
            }
        }

        var metadata: [String: String]
        var tensors: [String: Tensor]
    }

    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The tensors `safetensors_interop.py --check` expects (its `swift_tensors()`).
    static func swiftArchive() throws -> SafetensorsArchive {
        var archive = SafetensorsArchive(metadata: ["format": "swiftrl"])
        archive["actor.layers.0.weight"] = try SafetensorsEntry(
            shape: [2, 3], floats: [0.25, -1.5, 3.0, 1e-3, 1e10, -0.0])
        archive["actor.layers.0.bias"] = try SafetensorsEntry(shape: [2], floats: [0.1, -0.2])
        archive["critic.gamma"] = try SafetensorsEntry(shape: [1], doubles: [0.99])
        archive["global_step"] = try SafetensorsEntry(shape: [], int64s: [123_456_789_012])
        archive["name with \"quotes\" and é"] = try SafetensorsEntry(shape: [3], int64s: [1, 2, 3])
        return archive
    }

    private func fixture(_ name: String, _ ext: String) throws -> URL {
        try #require(
            Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Fixtures"),
            "Fixtures/\(name).\(ext) is missing; run Scripts/fixtures/safetensors_interop.py")
    }

    @Test("A file written by Python's safetensors reads back with the same dtypes, shapes, values and metadata")
    func readsPythonFile() throws {
        let archive = try SafetensorsArchive.read(from: try fixture("safetensors_python", "safetensors"))
        let expected = try JSONDecoder().decode(
            Expected.self, from: Data(contentsOf: try fixture("safetensors_python", "json")))
        #expect(archive.metadata == expected.metadata)
        #expect(archive.names == expected.tensors.keys.sorted())
        for (name, want) in expected.tensors {
            let entry = try #require(archive[name], "missing \(name)")
            #expect(entry.dtype.rawValue == want.dtype, "\(name)")
            #expect(entry.shape == want.shape, "\(name)")
            if let floats = want.floats {
                #expect(try entry.doubles() == floats, "\(name)")
            } else {
                #expect(try entry.int64s() == want.integers, "\(name)")
            }
        }
    }

    @Test("Re-serialising the Python file with one metadata key gives Python's bytes for the tensor section")
    func dataLayoutMatchesPython() throws {
        let url = try fixture("safetensors_python", "safetensors")
        let original = try Data(contentsOf: url)
        let archive = try SafetensorsArchive.read(from: url)
        let rewritten = archive.serialized()
        // Metadata key order in Python's header is hash order, so compare only the tensor bytes (the file tails).
        let tensorBytes = archive.entries.values.reduce(0) { $0 + $1.data.count }
        #expect(original.suffix(tensorBytes) == rewritten.suffix(tensorBytes))
    }

    @Test(
        "A file written by Swift passes Python's reader and equals Python's own bytes",
        .enabled(if: ProcessInfo.processInfo.environment["SWIFTRL_PYTHON"] != nil))
    func pythonReadsSwiftFile() throws {
        let python = try #require(ProcessInfo.processInfo.environment["SWIFTRL_PYTHON"])
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("swiftrl-st-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("swift.safetensors")
        try Self.swiftArchive().write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [
            Self.repositoryRoot.appendingPathComponent("Scripts/fixtures/safetensors_interop.py").path, "--check",
            file.path,
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
    }
}
