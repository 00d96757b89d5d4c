/// A lookup table of learned vectors, one row per token id (PyTorch `nn.Embedding`; parameter `weight
/// [vocabularySize, dimension]`, Hugging Face `wte` / `embed_tokens`).
public final class Embedding: Module {
    /// The table, `[vocabularySize, dimension]`.
    public let weight: Tensor

    /// - Parameters:
    ///   - vocabularySize: number of rows (token ids `0..<vocabularySize`).
    ///   - dimension: length of each vector.
    ///   - initializer: default N(0, 1) as PyTorch (GPT-2 and Qwen2 use N(0, 0.02²)).
    ///   - dtype: element type.
    ///   - rng: generator for the initial values.
    public init<G: RandomNumberGenerator>(
        vocabularySize: Int, dimension: Int, initializer: Initializer = .normal(std: 1),
        dtype: DType = .float32, using rng: inout G
    ) {
        weight = initializer.make([vocabularySize, dimension], dtype: dtype, using: &rng)
    }

    /// Wraps an existing table `[vocabularySize, dimension]` (e.g. loaded from a checkpoint).
    public init(weight: Tensor) {
        precondition(weight.rank == 2, "Embedding: weight must be [vocabularySize, dimension], got \(weight.shape)")
        self.weight = weight
    }

    /// Number of rows.
    public var vocabularySize: Int { weight.shape[0] }
    /// Vector length.
    public var dimension: Int { weight.shape[1] }

    /// The vectors of `ids`, shaped `shape + [dimension]` (default `[ids.count, dimension]`). Gradients accumulate
    /// into the rows used (repeated ids add up).
    ///
    /// Ids must lie in `0..<vocabularySize` (validate tokenizer output before it reaches the model; an out-of-range
    /// id is a programming error and stops with a message, like an array index).
    /// - Complexity: O(ids.count · dimension).
    public func callAsFunction(_ ids: [Int], shape: [Int]? = nil) -> Tensor {
        let rows = weight.indexSelect(ids, axis: 0)
        guard let shape else { return rows }
        precondition(shape.reduce(1, *) == ids.count, "Embedding: shape \(shape) does not hold \(ids.count) ids")
        return rows.reshaped(shape + [dimension])
    }
}
