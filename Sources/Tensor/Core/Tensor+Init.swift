extension Tensor {
    /// A `Float` tensor with the given elements and shape (default: one dimension).
    public convenience init(_ values: [Float], shape: [Int]? = nil) {
        self.init(storage: .float32(values), shape: shape ?? [values.count])
    }

    /// A `Double` tensor with the given elements and shape (default: one dimension).
    public convenience init(_ values: [Double], shape: [Int]? = nil) {
        self.init(storage: .float64(values), shape: shape ?? [values.count])
    }

    /// A scalar (rank-0) tensor.
    public convenience init(_ value: Float) { self.init(storage: .float32([value]), shape: []) }

    /// A scalar (rank-0) `Double` tensor.
    public convenience init(_ value: Double) { self.init(storage: .float64([value]), shape: []) }

    /// A tensor of `shape` filled with `value`.
    public convenience init(repeating value: Double, shape: [Int], dtype: DType = .float32) {
        let n = shape.reduce(1, *)
        switch dtype {
        case .float32: self.init(storage: .float32(Array(repeating: Float(value), count: n)), shape: shape)
        case .float64: self.init(storage: .float64(Array(repeating: value, count: n)), shape: shape)
        }
    }

    /// Zeros of `shape`.
    public static func zeros(_ shape: [Int], dtype: DType = .float32) -> Tensor {
        Tensor(repeating: 0, shape: shape, dtype: dtype)
    }

    /// Ones of `shape`.
    public static func ones(_ shape: [Int], dtype: DType = .float32) -> Tensor {
        Tensor(repeating: 1, shape: shape, dtype: dtype)
    }

    /// Zeros with the shape and dtype of `other`.
    public static func zeros(like other: Tensor) -> Tensor { zeros(other.shape, dtype: other.dtype) }

    /// `0, 1, …, n-1` (or `start..<end` by `step`) as a 1-D tensor.
    public static func arange(_ start: Double = 0, _ end: Double, step: Double = 1, dtype: DType = .float32) -> Tensor {
        precondition(step != 0, "arange: step must be non-zero")
        var values: [Double] = []
        var v = start
        while step > 0 ? v < end : v > end {
            values.append(v)
            v += step
        }
        return Tensor(values).cast(dtype)
    }

    /// The identity matrix `n × n`.
    public static func eye(_ n: Int, dtype: DType = .float32) -> Tensor {
        var values = [Double](repeating: 0, count: n * n)
        for i in 0..<n { values[i * n + i] = 1 }
        return Tensor(values, shape: [n, n]).cast(dtype)
    }

    /// This tensor converted to `dtype` (a differentiable cast; returns `self` if already `dtype`).
    public func cast(_ dtype: DType) -> Tensor {
        if dtype == self.dtype { return self }
        let out = Tensor(storage: dtype == .float32 ? .float32(floats) : .float64(doubles), shape: shape)
        let source = self.dtype
        return record(out, [self]) { g in [g.cast(source)] }
    }

    /// A copy of this tensor that is not recorded on any tape (gradients do not flow through it).
    public func detached() -> Tensor { Tensor(storage: storage, shape: shape) }
}

/// Returns `x` cut off from differentiation: a constant with the same values.
public func stopGradient(_ x: Tensor) -> Tensor { x.detached() }
