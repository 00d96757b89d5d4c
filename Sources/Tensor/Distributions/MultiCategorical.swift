/// Independent categorical distributions over the blocks of one logits row, for `MultiDiscrete` action spaces
/// (SB3 `MultiCategoricalDistribution`): logits `[B, ΣKᵢ]` are split into blocks of sizes `[K₁, K₂, …]`; an action
/// is one class per block; log-probabilities and entropies add over the blocks.
public struct MultiCategorical: EntropyDistribution, Sendable {
    /// One categorical per block, each over `[B, Kᵢ]`.
    public let components: [Categorical]

    /// - Parameters:
    ///   - logits: `[B, ΣKᵢ]`.
    ///   - sizes: the block sizes `Kᵢ` (the `nvec` of the action space).
    ///   - mask: optional 0/1 tensor shaped like `logits`, 1 where a class is allowed.
    public init(logits: Tensor, sizes: [Int], mask: Tensor? = nil) {
        precondition(
            logits.rank == 2 && sizes.reduce(0, +) == logits.shape[1] && sizes.allSatisfy { $0 > 0 },
            "MultiCategorical: logits \(logits.shape) must be [B, \(sizes.reduce(0, +))] for sizes \(sizes)")
        let blocks = logits.split(sizes: sizes, axis: 1)
        let masks = mask.map { $0.split(sizes: sizes, axis: 1) }
        components = blocks.enumerated().map { i, block in Categorical(logits: block, mask: masks?[i]) }
    }

    /// Number of rows B.
    public var batchSize: Int { components.first?.logProbabilities.shape[0] ?? 0 }

    /// Σᵢ log pᵢ(aᵢ) per row, for actions laid out row-major `[B, blocks]`.
    public func logProb(_ actions: [Int]) -> Tensor {
        let n = components.count, rows = batchSize
        precondition(
            actions.count == rows * n, "MultiCategorical.logProb: \(actions.count) actions for [\(rows), \(n)]")
        let terms = components.enumerated().map { i, c in c.logProb((0..<rows).map { actions[$0 * n + i] }) }
        return terms.dropFirst().reduce(terms[0], +)
    }

    /// Σᵢ Hᵢ per row.
    public func entropy() -> Tensor {
        let terms = components.map { $0.entropy() }
        return terms.dropFirst().reduce(terms[0], +)
    }

    /// One class per block and row, row-major `[B, blocks]`.
    public func sample<G: RandomNumberGenerator>(using rng: inout G) -> [Int] {
        interleave(components.map { $0.sample(using: &rng) })
    }

    /// The most likely class per block and row, row-major `[B, blocks]`.
    public var mode: [Int] { interleave(components.map(\.mode)) }

    private func interleave(_ columns: [[Int]]) -> [Int] {
        let rows = batchSize
        var out = [Int](repeating: 0, count: rows * columns.count)
        for (i, column) in columns.enumerated() { for r in 0..<rows { out[r * columns.count + i] = column[r] } }
        return out
    }
}
