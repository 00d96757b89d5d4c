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

/// Unfolds `[B, C, L]` into rows `[B, L_out, C·k]`: `cols[b, t, c·k + j] = x[b, c, t·s + j·d − p]` (0 outside), one
/// row per output position, so the convolution is one `[B·L_out, C·k] × [C·k, out]` product. The backward pass
/// (col2im) adds each entry back to the input element it was read from.
struct Im2ColKernel<T: TensorScalar> {
    let batch: Int, channels: Int, length: Int
    let geometry: Convolution1DGeometry
    var outLength: Int { geometry.outputLength(length) }

    /// Writes every entry of the rows (zeros for padding), sequentially.
    func unfold(_ x: UnsafePointer<T>) -> [T] {
        let k = geometry.kernelSize, lo = outLength, width = channels * k
        let (stride, dilation, padding) = (geometry.stride, geometry.dilation, geometry.padding)
        return [T](unsafeUninitializedCapacity: batch * lo * width) { out, initialized in
            guard let dst = out.baseAddress else { return }
            for b in 0..<batch {
                for t in 0..<lo {
                    let row = dst + (b * lo + t) * width
                    let start = t * stride - padding
                    let interior = start >= 0 && start + (k - 1) * dilation < length
                    for c in 0..<channels {
                        let src = x + (b * channels + c) * length
                        if interior {
                            for j in 0..<k { row[c * k + j] = src[start + j * dilation] }
                        } else {
                            for j in 0..<k {
                                let i = start + j * dilation
                                row[c * k + j] = i >= 0 && i < length ? src[i] : 0
                            }
                        }
                    }
                }
            }
            initialized = batch * lo * width
        }
    }

    /// Adds every in-range entry back to its input element.
    func fold(_ cols: UnsafePointer<T>) -> [T] {
        let k = geometry.kernelSize, lo = outLength, width = channels * k
        let (stride, dilation, padding) = (geometry.stride, geometry.dilation, geometry.padding)
        var x = [T](repeating: 0, count: batch * channels * length)
        x.withUnsafeMutableBufferPointer { buffer in
            guard let dst = buffer.baseAddress else { return }
            for b in 0..<batch {
                for t in 0..<lo {
                    let row = cols + (b * lo + t) * width
                    let start = t * stride - padding
                    for c in 0..<channels {
                        let target = dst + (b * channels + c) * length
                        for j in 0..<k {
                            let i = start + j * dilation
                            if i >= 0 && i < length { target[i] += row[c * k + j] }
                        }
                    }
                }
            }
        }
        return x
    }
}

/// The im2col unfolding of a 1-D convolution input: `[B, C, L] → [B, L_out, C·kernelSize]`, so the convolution
/// is one `linear` of these rows with the weight `[out, C·kernelSize]`. Differentiable (col2im backward).
///
/// - Parameters:
///   - x: input `[B, C, L]`.
///   - geometry: kernel size, stride, padding, dilation.
/// - Returns: rows `[B, L_out, C·kernelSize]`.
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
    let out = Tensor(storage: T.wrap(cols), shape: [x.shape[0], lo, x.shape[1] * geometry.kernelSize])
    return recordOp(out, [x]) { [shape = x.shape] g in
        let gv: [T] = g.array()
        let dx = gv.withUnsafeBufferPointer { p in p.baseAddress.map { kernel.fold($0) } ?? [] }
        return [Tensor(storage: T.wrap(dx), shape: shape)]
    }
}
