import Foundation
import Testing
@testable import Tensor

/// `Fixtures/torch_layers.json`, written by `Scripts/fixtures/torch_layers.py` (PyTorch reference outputs).
struct TorchLayersFixture {
    struct MissingEntry: Error, CustomStringConvertible {
        var description: String
    }

    private let root: [String: Any]

    static func load() throws -> TorchLayersFixture {
        guard let url = Bundle.module.url(forResource: "torch_layers", withExtension: "json", subdirectory: "Fixtures")
        else { throw MissingEntry(description: "Fixtures/torch_layers.json is not in the test bundle") }
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
        guard let root = object as? [String: Any] else {
            throw MissingEntry(description: "fixture root is not an object")
        }
        return TorchLayersFixture(root: root)
    }

    private func entry(_ name: String, _ key: String) throws -> Any {
        guard let group = root[name] as? [String: Any], let value = group[key] else {
            throw MissingEntry(description: "fixture has no `\(name).\(key)`; rerun Scripts/fixtures/torch_layers.py")
        }
        return value
    }

    /// A stored tensor as `float64` (or converted to `dtype`).
    func tensor(_ name: String, _ key: String, dtype: DType = .float64) throws -> Tensor {
        guard let packed = try entry(name, key) as? [String: Any], let shape = packed["shape"] as? [Int],
            let values = packed["values"] as? [Double]
        else { throw MissingEntry(description: "`\(name).\(key)` is not a packed tensor") }
        return Tensor(values, shape: shape).cast(dtype)
    }

    /// A stored number.
    func number(_ name: String, _ key: String) throws -> Double {
        guard let value = try entry(name, key) as? Double else {
            throw MissingEntry(description: "`\(name).\(key)` is not a number")
        }
        return value
    }
}

/// Largest absolute difference between two tensors of the same shape.
func maxDifference(_ a: Tensor, _ b: Tensor) -> Double {
    #expect(a.shape == b.shape, "shape \(a.shape) vs \(b.shape)")
    return zip(a.doubles, b.doubles).map { Swift.abs($0 - $1) }.max() ?? 0
}
