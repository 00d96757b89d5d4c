/// An exact nearest-neighbour index over `count` points of dimension `dimension` (Float, squared Euclidean
/// distance), built once and queried in batches — PRDC's dataset-constraint search over (β·normalised state, action).
///
/// Construction splits each node at the median of its widest dimension until at most `leafSize` points remain;
/// nodes and points live in flat arrays in depth-first order, so a leaf's points are contiguous. Queries descend
/// to the query's leaf first and prune a subtree when the squared distance from the query to the subtree's cell
/// (kept incrementally per dimension) is not smaller than the current k-th best.
public struct KDTree: Sendable {
    /// Entries per point.
    public let dimension: Int
    /// The number of points.
    public let count: Int
    /// Maximum points in a leaf.
    public let leafSize: Int
    /// The points reordered into tree order, row-major.
    let points: [Float]
    /// `indices[i]` is the caller's index of tree-order point `i`.
    let indices: [Int32]
    /// Per node: the split dimension, or −1 for a leaf.
    let splitDimensions: [Int32]
    /// Per node: the split value (points left of the split have value ≤ it).
    let splitValues: [Float]
    /// Per node: first tree-order point.
    let starts: [Int32]
    /// Per node: one past the last tree-order point.
    let ends: [Int32]
    /// Per node: the right child (the left child is the next node).
    let rightChildren: [Int32]

    /// Builds the tree.
    /// - Parameters:
    ///   - points: `n × dimension` row-major values, all finite.
    ///   - dimension: entries per point (> 0).
    ///   - leafSize: maximum points per leaf (> 0); 16 balances build time and query speed at dimension ≈ 10.
    /// - Throws: ``DatasetError`` for an empty set, a length that is not a multiple of `dimension`, more than
    ///   2³¹ − 1 points, or a NaN/∞ value.
    /// - Complexity: O(n · dimension · log n).
    public init(points: [Float], dimension: Int, leafSize: Int = 16) throws(DatasetError) {
        guard dimension > 0, leafSize > 0 else {
            throw DatasetError(
                .invalidArgument, "KDTree needs dimension > 0 and leafSize > 0 (got \(dimension), \(leafSize))")
        }
        guard !points.isEmpty, points.count % dimension == 0 else {
            throw DatasetError(
                .shape, "KDTree: \(points.count) values is not a non-empty multiple of dimension \(dimension)")
        }
        let n = points.count / dimension
        guard n < Int(Int32.max) else { throw DatasetError(.invalidArgument, "KDTree: at most 2³¹ − 1 points") }
        if let bad = points.firstIndex(where: { !$0.isFinite }) {
            throw DatasetError(.nonFinite, "KDTree: point \(bad / dimension) has value \(points[bad]); remove NaN/∞")
        }
        var builder = KDTreeBuilder(points: points, dimension: dimension, leafSize: leafSize)
        builder.build()
        self.dimension = dimension
        self.count = n
        self.leafSize = leafSize
        self.points = builder.points
        self.indices = builder.indices
        self.splitDimensions = builder.splitDimensions
        self.splitValues = builder.splitValues
        self.starts = builder.starts
        self.ends = builder.ends
        self.rightChildren = builder.rightChildren
    }

    /// The number of nodes (inner and leaf).
    public var nodeCount: Int { splitDimensions.count }

    /// The point with caller index `index` (a row of the original `points`).
    public func point(_ index: Int) -> [Float] {
        guard let position = indices.firstIndex(of: Int32(index)) else { return [] }
        return Array(points[position * dimension..<(position + 1) * dimension])
    }
}

/// Builds a ``KDTree``'s flat arrays, permuting point rows in place (contiguous rows keep selection cache-friendly).
struct KDTreeBuilder {
    var points: [Float]
    var indices: [Int32]
    var splitDimensions: [Int32] = []
    var splitValues: [Float] = []
    var starts: [Int32] = []
    var ends: [Int32] = []
    var rightChildren: [Int32] = []
    let dimension: Int
    let leafSize: Int

    init(points: [Float], dimension: Int, leafSize: Int) {
        self.points = points
        self.dimension = dimension
        self.leafSize = leafSize
        let n = points.count / dimension
        indices = (0..<Int32(n)).map { $0 }
        let estimate = 2 * max(1, n / max(1, leafSize / 2))
        splitDimensions.reserveCapacity(estimate)
        splitValues.reserveCapacity(estimate)
        starts.reserveCapacity(estimate)
        ends.reserveCapacity(estimate)
        rightChildren.reserveCapacity(estimate)
    }

    mutating func build() {
        // Depth-first (pre-order) with an explicit stack: (low, high, parent whose right child this is, or −1).
        var stack: [(Int, Int, Int)] = [(0, points.count / dimension, -1)]
        while let (low, high, parent) = stack.popLast() {
            let node = splitDimensions.count
            if parent >= 0 { rightChildren[parent] = Int32(node) }
            starts.append(Int32(low))
            ends.append(Int32(high))
            rightChildren.append(-1)
            if high - low <= leafSize {
                splitDimensions.append(-1)
                splitValues.append(0)
                continue
            }
            let axis = widestDimension(low, high)
            // Left gets ⌈size/2⌉ points, right the rest; both non-empty for size ≥ 2 (so leafSize 1 terminates).
            let middle = low + (high - low - 1) / 2
            select(middle, low, high, axis)
            splitDimensions.append(Int32(axis))
            splitValues.append(points[middle * dimension + axis])
            // Left = [low, middle] holds values ≤ split; right = (middle, high) holds values ≥ split.
            stack.append((middle + 1, high, node))
            stack.append((low, middle + 1, -1))
        }
    }

    /// The dimension with the largest range over rows `low..<high`.
    func widestDimension(_ low: Int, _ high: Int) -> Int {
        let d = dimension
        return points.withUnsafeBufferPointer { p in
            var lo = [Float](repeating: .infinity, count: d)
            var hi = [Float](repeating: -.infinity, count: d)
            for row in low..<high {
                let base = row * d
                for j in 0..<d {
                    let x = p[base + j]
                    if x < lo[j] { lo[j] = x }
                    if x > hi[j] { hi[j] = x }
                }
            }
            var best = 0
            for j in 1..<max(1, d) where hi[j] - lo[j] > hi[best] - lo[best] { best = j }
            return best
        }
    }

    /// Quickselect: afterwards row `k` holds the value it would have in sorted order along `axis`, rows before it
    /// are ≤ and rows after are ≥.
    mutating func select(_ k: Int, _ lowBound: Int, _ highBound: Int, _ axis: Int) {
        let d = dimension
        points.withUnsafeMutableBufferPointer { p in
            indices.withUnsafeMutableBufferPointer { idx in
                func swapRows(_ a: Int, _ b: Int) {
                    guard a != b else { return }
                    idx.swapAt(a, b)
                    let ba = a * d
                    let bb = b * d
                    for j in 0..<d { p.swapAt(ba + j, bb + j) }
                }
                var low = lowBound
                var high = highBound - 1
                while low < high {
                    // Median of three as pivot, moved to `high`.
                    let mid = low + (high - low) / 2
                    if p[mid * d + axis] < p[low * d + axis] { swapRows(mid, low) }
                    if p[high * d + axis] < p[low * d + axis] { swapRows(high, low) }
                    if p[mid * d + axis] < p[high * d + axis] { swapRows(mid, high) }
                    let pivot = p[high * d + axis]
                    var i = low - 1
                    var j = high
                    // Hoare-style partition around `pivot`.
                    while true {
                        repeat { i += 1 } while p[i * d + axis] < pivot
                        repeat { j -= 1 } while j > low && p[j * d + axis] > pivot
                        if i >= j { break }
                        swapRows(i, j)
                    }
                    swapRows(i, high)
                    if i == k { return }
                    if k < i { high = i - 1 } else { low = i + 1 }
                }
            }
        }
    }
}
