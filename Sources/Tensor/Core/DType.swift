import RealModule

/// The element type of a ``Tensor``: `float32` for training, `float64` for gradient checks and tabular code.
public enum DType: String, Codable, Sendable, CaseIterable {
    case float32
    case float64

    /// Size of one element in bytes.
    public var byteSize: Int { self == .float32 ? 4 : 8 }
}

/// A floating-point scalar a ``Tensor`` can hold. Kernels are written once, generically, and specialised for
/// `Float` and `Double` inside this module.
public protocol TensorScalar: BinaryFloatingPoint, Real, SIMDScalar, Sendable, Codable {
    /// The dtype tag of this scalar type.
    static var dtype: DType { get }
    /// Wraps an array of this type as tensor storage.
    static func wrap(_ values: [Self]) -> TensorStorage
    /// Unwraps storage of this dtype, converting if it holds the other one.
    static func unwrap(_ storage: TensorStorage) -> [Self]
}

extension Float: TensorScalar {
    public static var dtype: DType { .float32 }
    public static func wrap(_ values: [Float]) -> TensorStorage { .float32(values) }
    public static func unwrap(_ storage: TensorStorage) -> [Float] {
        switch storage {
        case .float32(let a): return a
        case .float64(let a): return a.map { Float($0) }
        }
    }
}

extension Double: TensorScalar {
    public static var dtype: DType { .float64 }
    public static func wrap(_ values: [Double]) -> TensorStorage { .float64(values) }
    public static func unwrap(_ storage: TensorStorage) -> [Double] {
        switch storage {
        case .float32(let a): return a.map { Double($0) }
        case .float64(let a): return a
        }
    }
}

/// Contiguous row-major element storage of a ``Tensor``.
public enum TensorStorage: Sendable {
    case float32([Float])
    case float64([Double])

    /// The dtype of the stored elements.
    public var dtype: DType {
        switch self {
        case .float32: .float32
        case .float64: .float64
        }
    }

    /// Number of stored elements.
    public var count: Int {
        switch self {
        case .float32(let a): a.count
        case .float64(let a): a.count
        }
    }
}

/// A computation generic over the scalar type, dispatched on a tensor's dtype (Swift has no generic closures).
protocol ScalarGeneric {
    associatedtype Result
    func run<T: TensorScalar>(_ type: T.Type) -> Result
}

extension DType {
    /// Runs `body` specialised for this dtype's scalar type.
    @inline(__always)
    func dispatch<G: ScalarGeneric>(_ body: G) -> G.Result {
        switch self {
        case .float32: body.run(Float.self)
        case .float64: body.run(Double.self)
        }
    }
}
