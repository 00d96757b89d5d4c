/// Geometry of a 1-D convolution window (PyTorch `conv1d` semantics: zero padding on both sides).
public struct Convolution1DGeometry: Equatable, Sendable {
    public var kernelSize: Int
    public var stride: Int
    public var padding: Int
    public var dilation: Int

    public init(kernelSize: Int, stride: Int = 1, padding: Int = 0, dilation: Int = 1) {
        self.kernelSize = kernelSize
        self.stride = stride
        self.padding = padding
        self.dilation = dilation
    }

    /// Output length for an input of `length`: ⌊(L + 2p − d(k − 1) − 1)/s⌋ + 1 (may be ≤ 0 for too-short inputs).
    public func outputLength(_ length: Int) -> Int {
        (length + 2 * padding - dilation * (kernelSize - 1) - 1) / stride + 1
    }
}

/// Unfolds `[B, C, L]` into columns `[B, C·k, L_out]`: `cols[b, c·k + j, t] = x[b, c, t·s + j·d − p]` (0 outside).
/// The backward pass (col2im) adds each column entry back to the input element it was read from.
struct Im2ColKernel<T: TensorScalar> {
    let batch: Int, channels: Int, length: Int
    let geometry: Convolution1DGeometry
    var outLength: Int { geometry.outputLength(length) }

    /// Calls `body(colIndex, inputIndex)` for every in-range column entry.
    @inline(__always)
    func forEachEntry(_ body: (Int, Int) -> Void) {
        let k = geometry.kernelSize, lo = outLength
        for b in 0..<batch {
            for c in 0..<channels {
                let inRow = (b * channels + c) * length
                for j in 0..<k {
                    let colRow = ((b * channels + c) * k + j) * lo
                    let shift = j * geometry.dilation - geometry.padding
                    for t in 0..<lo {
                        let i = t * geometry.stride + shift
                        if i >= 0 && i < length { body(colRow + t, inRow + i) }
                    }
                }
            }
        }
    }

    func unfold(_ x: UnsafePointer<T>) -> [T] {
        var cols = [T](repeating: 0, count: batch * channels * geometry.kernelSize * outLength)
        cols.withUnsafeMutableBufferPointer { pc in forEachEntry { ci, xi in pc[ci] = x[xi] } }
        return cols
    }

    func fold(_ cols: UnsafePointer<T>) -> [T] {
        var x = [T](repeating: 0, count: batch * channels * length)
        x.withUnsafeMutableBufferPointer { px in forEachEntry { ci, xi in px[xi] += cols[ci] } }
        return x
    }
}

/// The im2col unfolding of a 1-D convolution input: `[B, C, L] → [B, C·kernelSize, L_out]`, so the convolution
/// is one `matmul` of the weight `[out, C·kernelSize]` with these columns. Differentiable (col2im backward).
///
/// - Parameters:
///   - x: input `[B, C, L]`.
///   - geometry: kernel size, stride, padding, dilation.
/// - Returns: columns `[B, C·kernelSize, L_out]`.
/// - Complexity: O(B·C·kernelSize·L_out).
public func im2col1D(_ x: Tensor, geometry: Convolution1DGeometry) -> Tensor {
    precondition(x.rank == 3, "im2col1D: input must be [batch, channels, length], got \(x.shape)")
    precondition(
        geometry.kernelSize > 0 && geometry.stride > 0 && geometry.dilation > 0 && geometry.padding >= 0,
        "im2col1D: invalid geometry \(geometry)")
    let lo = geometry.outputLength(x.shape[2])
    precondition(lo > 0, "im2col1D: input length \(x.shape[2]) is too short for \(geometry)")
    switch x.dtype {
    case .float32: return im2colTyped(Float.self, x, geometry, lo)
    case .float64: return im2colTyped(Double.self, x, geometry, lo)
    }
}

private func im2colTyped<T: TensorScalar>(_: T.Type, _ x: Tensor, _ geometry: Convolution1DGeometry, _ lo: Int)
    -> Tensor
{
    let kernel = Im2ColKernel<T>(batch: x.shape[0], channels: x.shape[1], length: x.shape[2], geometry: geometry)
    let xv: [T] = x.array()
    let cols = xv.withUnsafeBufferPointer { p in p.baseAddress.map { kernel.unfold($0) } ?? [] }
    let out = Tensor(storage: T.wrap(cols), shape: [x.shape[0], x.shape[1] * geometry.kernelSize, lo])
    return recordOp(out, [x]) { [shape = x.shape] g in
        let gv: [T] = g.array()
        let dx = gv.withUnsafeBufferPointer { p in p.baseAddress.map { kernel.fold($0) } ?? [] }
        return [Tensor(storage: T.wrap(dx), shape: shape)]
    }
}
