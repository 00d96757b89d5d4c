import Tensor

/// φ(h): a GRU over a history window (``HistoryWindowLayout``), oldest row first; the representation is the last
/// hidden state (Hong, Dragan & Levine 2024 condition value functions on φ(h_t)).
///
/// With a history layout, padding rows (mask 0) leave the state unchanged: h ← m · GRU(x, h) + (1 − m) · h, so a
/// window that starts before the episode encodes like the episode's own prefix. Without one (`steps` 1, `masked`
/// false) the whole observation is one GRU step from h = 0.
public final class HistoryEncoder: Module {
    /// The recurrent cell (PyTorch `nn.GRUCell` layout).
    public let cell: GRUCell
    /// k, rows per window.
    public let steps: Int
    /// Entries per row.
    public let stepWidth: Int
    /// Whether each row's last entry is a mask that gates the update.
    public let masked: Bool

    /// An encoder for windows of `steps` rows of `stepWidth` entries.
    /// - Parameters:
    ///   - width: GRU hidden units (the latent size).
    ///   - dtype: element type (float64 for gradient checks).
    ///   - rng: the parameters start U(±1/√width) as in PyTorch.
    public init(
        steps: Int, stepWidth: Int, width: Int, masked: Bool, dtype: DType = .float32,
        using rng: inout Xoshiro256StarStar
    ) {
        cell = GRUCell(inputSize: stepWidth, hiddenSize: width, dtype: dtype, using: &rng)
        self.steps = steps
        self.stepWidth = stepWidth
        self.masked = masked
    }

    /// The latent size.
    public var width: Int { cell.hiddenSize }

    /// φ of `windows [B, steps · stepWidth]`, `[B, width]`.
    public func callAsFunction(_ windows: Tensor) -> Tensor {
        var h = Tensor.zeros([windows.shape[0], width], dtype: windows.dtype)
        for s in 0..<steps {
            let row = windows.slice(axis: 1, s * stepWidth..<(s + 1) * stepWidth)
            let next = cell(row, h)
            if masked {
                let mask = windows.slice(axis: 1, (s + 1) * stepWidth - 1..<(s + 1) * stepWidth)
                h = mask * next + (1 - mask) * h
            } else {
                h = next
            }
        }
        return h
    }
}
