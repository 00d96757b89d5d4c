import Environments

/// Converts between learner actions in [−1, 1] and a Box's `[low, high]` (SB3 `scale_action` / `unscale_action`).
struct ActionScaling: Sendable {
    let low: [Float]
    let high: [Float]

    /// Box bounds, or nil for a discrete space.
    init?(space: Space) {
        guard case let .box(box) = space else { return nil }
        low = box.low.map(Float.init)
        high = box.high.map(Float.init)
    }

    /// Learner units → environment units (row-major, `low.count` per row).
    func toEnvironment(_ actions: [Float]) -> [Float] {
        let width = low.count
        var out = actions
        for i in out.indices {
            let j = i % width
            let a = Swift.min(Swift.max(out[i], -1), 1)
            out[i] = low[j] + (a + 1) * 0.5 * (high[j] - low[j])
        }
        return out
    }
}
