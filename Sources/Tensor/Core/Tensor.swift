/// A dense, contiguous, row-major n-dimensional array of `Float` (default) or `Double`, recorded on a gradient
/// tape when it takes part in a differentiated computation (see ``valueAndGrad(_:_:)``).
///
/// Tensors are reference objects so that a module's parameters can be updated in place by optimizers and
/// recognised by identity on the tape; every op returns a new tensor and never mutates its inputs. Storage is a
/// copy-on-write array, so reshapes and detached copies share memory until written.
///
/// Shape errors in ops (e.g. `matmul` of incompatible shapes) are programming errors and stop the program with a
/// message naming both shapes, like an out-of-range array index. Data that comes from users or files is validated
/// by throwing APIs before it becomes a tensor.
public final class Tensor: @unchecked Sendable {
    /// Sizes of each dimension; `[]` for a scalar.
    public let shape: [Int]
    /// The elements, row-major.
    public internal(set) var storage: TensorStorage

    /// The tape this tensor was recorded on, if any (nil for constants).
    var tape: Tape?
    /// Position on `tape` (valid only when `tape` is non-nil).
    var tapeIndex: Int = -1

    /// Creates a tensor from storage and a shape whose product matches the element count.
    public init(storage: TensorStorage, shape: [Int]) {
        precondition(
            shape.allSatisfy { $0 >= 0 } && shape.reduce(1, *) == storage.count,
            "Tensor: shape \(shape) does not match \(storage.count) elements")
        self.shape = shape
        self.storage = storage
        _ = AllocatorTuning.applied
    }

    /// The element type.
    public var dtype: DType { storage.dtype }
    /// Number of dimensions.
    public var rank: Int { shape.count }
    /// Number of elements.
    public var count: Int { storage.count }

    /// Elements as `Float` (converted if the tensor holds `Double`).
    public var floats: [Float] { Float.unwrap(storage) }
    /// Elements as `Double` (converted if the tensor holds `Float`).
    public var doubles: [Double] { Double.unwrap(storage) }

    /// The single element of a one-element tensor, as `Float`.
    public func item() -> Float {
        precondition(count == 1, "item(): tensor of shape \(shape) has \(count) elements, expected 1")
        switch storage {
        case .float32(let a): return a[0]
        case .float64(let a): return Float(a[0])
        }
    }

    /// The single element of a one-element tensor, as `Double`.
    public func doubleItem() -> Double {
        precondition(count == 1, "doubleItem(): tensor of shape \(shape) has \(count) elements, expected 1")
        switch storage {
        case .float32(let a): return Double(a[0])
        case .float64(let a): return a[0]
        }
    }

    /// Size of dimension `axis` (negative counts from the end).
    public func size(_ axis: Int) -> Int { shape[normalizedAxis(axis, rank: rank)] }

    /// Whether this tensor is being recorded for differentiation.
    public var isTracked: Bool { tape?.isRecording == true }

    /// Elements as `[T]`.
    @inline(__always)
    func array<T: TensorScalar>(_: T.Type = T.self) -> [T] { T.unwrap(storage) }

    /// Read-only access to the `Float` elements without copying. Converts if the tensor holds `Double`.
    public func withFloats<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        switch storage {
        case .float32(let a): return try a.withUnsafeBufferPointer(body)
        case .float64(let a): return try a.map { Float($0) }.withUnsafeBufferPointer(body)
        }
    }

    /// In-place mutation of the elements (used by optimizers and checkpoint loading). Works for either dtype
    /// through `T`; `T` must match ``dtype``.
    public func mutate<T: TensorScalar, R>(
        as type: T.Type = T.self, _ body: (inout UnsafeMutableBufferPointer<T>) throws -> R
    ) rethrows -> R {
        precondition(T.dtype == dtype, "mutate: tensor holds \(dtype), asked for \(T.dtype)")
        var values = T.unwrap(storage)
        storage = .float32([])  // drop the second reference so the array is uniquely owned (no copy)
        defer { storage = T.wrap(values) }
        return try values.withUnsafeMutableBufferPointer { try body(&$0) }
    }

    /// Replaces the elements with `values` (same count), keeping identity (so modules and optimizers see it).
    public func assign(_ values: Tensor) {
        precondition(values.shape == shape, "assign: shape \(values.shape) does not match \(shape)")
        storage = dtype == .float32 ? .float32(values.floats) : .float64(values.doubles)
    }
}

/// Maps a possibly negative axis into `0..<rank`.
@inline(__always)
func normalizedAxis(_ axis: Int, rank: Int) -> Int {
    let a = axis < 0 ? axis + rank : axis
    precondition(a >= 0 && a < max(rank, 1), "axis \(axis) out of range for rank \(rank)")
    return a
}

extension Tensor: CustomStringConvertible {
    public var description: String {
        let values = doubles.prefix(16).map { String(format: "%.5g", $0) }.joined(separator: ", ")
        return "Tensor(\(shape), \(dtype): [\(values)\(count > 16 ? ", …" : "")])"
    }
}
