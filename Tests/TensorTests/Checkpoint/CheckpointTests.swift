import Foundation
import Testing
@testable import Tensor

@Suite("Module checkpoints in safetensors")
struct CheckpointTests {
    func temporaryURL(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("swiftrl-ckpt-\(UUID().uuidString)-\(name)")
    }

    @Test("save then load restores every parameter and the metadata")
    func roundTrip() throws {
        var rng = TestRNG(1)
        let a = MLP([3, 8, 2], using: &rng), b = MLP([3, 8, 2], using: &rng)
        let url = temporaryURL("mlp.safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try a.save(to: url, metadata: ["algo": "test"])
        try b.load(from: url)
        #expect(a.parameters().map(\.floats) == b.parameters().map(\.floats))
        let (tensors, metadata) = try Checkpoint.load(from: url)
        #expect(metadata["algo"] == "test")
        #expect(Set(tensors.keys) == ["layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias"])
    }

    @Test("Double parameters round-trip exactly as F64")
    func doubles() throws {
        let t = Tensor([1.0 / 3, 2e-300], shape: [2])
        let url = temporaryURL("d.safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try Checkpoint.save(["x": t], to: url)
        #expect(try Checkpoint.load(from: url).tensors["x"]?.doubles == t.doubles)
    }

    @Test("a checkpoint of another architecture is a clear error")
    func mismatch() throws {
        var rng = TestRNG(2)
        let small = MLP([3, 8, 2], using: &rng), wide = MLP([3, 16, 2], using: &rng)
        let url = temporaryURL("small.safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try small.save(to: url)
        #expect(throws: CheckpointError.self) { try wide.load(from: url) }
        let deeper = MLP([3, 8, 8, 2], using: &rng)
        do {
            try deeper.load(from: url)
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("layers.1.weight") && error.description.contains("different architecture"))
        }
    }

    @Test("a truncated or missing file is an error, not a crash")
    func corrupt() throws {
        var rng = TestRNG(3)
        let m = MLP([2, 2], using: &rng)
        let url = temporaryURL("t.safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try m.save(to: url)
        let data = try Data(contentsOf: url)
        try data.prefix(data.count - 5).write(to: url)
        #expect(throws: CheckpointError.self) { try m.load(from: url) }
        #expect(throws: CheckpointError.self) { try m.load(from: temporaryURL("missing")) }
    }

    @Test("prefix and non-strict loading")
    func prefixed() throws {
        var rng = TestRNG(4)
        let m = MLP([2, 3], using: &rng)
        let state = Dictionary(uniqueKeysWithValues: m.stateDict().map { ("actor.\($0.key)", Tensor($0.value.floats.map { $0 + 1 }, shape: $0.value.shape)) })
        let before = m.parameters().map(\.floats)
        try m.loadStateDict(state.merging(["critic.x": Tensor([Float(0)])]) { a, _ in a }, prefix: "actor.")
        #expect(zip(m.parameters().map(\.floats), before).allSatisfy { after, old in zip(after, old).allSatisfy { $0 == $1 + 1 } })
        #expect(throws: ModuleStructureError.self) { try m.loadStateDict(["actor.extra": Tensor([Float(1)])].merging(state) { a, _ in a }, prefix: "actor.") }
    }
}
