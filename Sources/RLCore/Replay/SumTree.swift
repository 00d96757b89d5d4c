/// A binary sum tree (and min tree) over `capacity` non-negative priorities: O(log n) update, O(log n)
/// search by prefix sum, O(1) total and minimum. The storage behind proportional prioritized replay.
public struct SumTree: Equatable, Sendable {
    /// Number of leaves (priorities) the tree holds.
    public let capacity: Int
    /// Leaves start at `size` in the heap layout; `size` is `capacity` rounded up to a power of two.
    let size: Int
    var sums: [Double]
    var minima: [Double]

    /// A tree of `capacity` zero priorities.
    /// - Parameter capacity: number of leaves, at least 1.
    public init(capacity: Int) {
        self.capacity = max(1, capacity)
        var size = 1
        while size < self.capacity { size <<= 1 }
        self.size = size
        sums = Array(repeating: 0, count: 2 * size)
        minima = Array(repeating: .infinity, count: 2 * size)
    }

    /// Σ of all priorities.
    public var total: Double { sums[1] }
    /// The smallest priority set so far (`+∞` while none is set).
    public var minimum: Double { minima[1] }

    /// The priority of leaf `index`.
    public subscript(index: Int) -> Double { sums[size + index] }

    /// Sets leaf `index` to `priority` and repairs the path to the root.
    /// - Complexity: O(log capacity).
    public mutating func update(_ index: Int, priority: Double) {
        precondition(index >= 0 && index < capacity, "SumTree: index \(index) outside 0..<\(capacity)")
        var node = size + index
        sums[node] = priority
        minima[node] = priority
        node >>= 1
        while node >= 1 {
            sums[node] = sums[2 * node] + sums[2 * node + 1]
            minima[node] = Swift.min(minima[2 * node], minima[2 * node + 1])
            node >>= 1
        }
    }

    /// The leaf whose cumulative-sum interval contains `prefix` (in `[0, total)`), i.e. the smallest `i` with
    /// Σ_{k ≤ i} p_k > `prefix`; values at or beyond `total` give the last leaf with a positive priority.
    /// - Complexity: O(log capacity).
    public func find(prefix: Double) -> Int {
        var node = 1
        var remaining = prefix
        while node < size {
            let left = 2 * node
            if remaining < sums[left] || sums[left + 1] <= 0 {
                node = left
            } else {
                remaining -= sums[left]
                node = left + 1
            }
        }
        return Swift.min(node - size, capacity - 1)
    }
}
