import Dispatch

/// The result of a batched k-nearest-neighbour query: for each query, `k` neighbours nearest first.
public struct NeighborResult: Sendable, Equatable {
    /// Neighbours per query.
    public var k: Int
    /// `queries × k` caller indices of the neighbours, nearest first.
    public var indices: [Int]
    /// `queries × k` squared Euclidean distances, ascending per query.
    public var squaredDistances: [Float]
}

extension KDTree {
    /// The exact `k` nearest neighbours of each query row (ties broken arbitrarily).
    /// - Parameters:
    ///   - queries: `m × dimension` row-major values.
    ///   - k: neighbours per query, `1...count`.
    ///   - threads: worker threads (≥ 1); queries are split into contiguous chunks across them.
    /// - Throws: ``DatasetError`` for a query length that is not a multiple of `dimension` or a bad `k`.
    /// - Complexity: O(m · log n) expected for low-dimensional, well-spread data; O(m · n) worst case.
    public func nearest(_ queries: [Float], k: Int = 1, threads: Int = 1) throws(DatasetError) -> NeighborResult {
        guard queries.count % dimension == 0 else {
            throw DatasetError(
                .shape, "KDTree query: \(queries.count) values is not a multiple of dimension \(dimension)")
        }
        guard k >= 1, k <= count else {
            throw DatasetError(
                .invalidArgument, "KDTree query: k = \(k) must be in 1...\(count) (the number of points)")
        }
        let m = queries.count / dimension
        var outIndices = [Int](repeating: 0, count: m * k)
        var outDistances = [Float](repeating: 0, count: m * k)
        let workers = max(1, min(threads, m / 64 + 1))
        outIndices.withUnsafeMutableBufferPointer { indexBuffer in
            outDistances.withUnsafeMutableBufferPointer { distanceBuffer in
                let indexBase = UnsafeSendable(indexBuffer)
                let distanceBase = UnsafeSendable(distanceBuffer)
                let run: @Sendable (Int) -> Void = { worker in
                    let lower = m * worker / workers
                    let upper = m * (worker + 1) / workers
                    self.search(
                        queries, range: lower..<upper, k: k, indices: indexBase.value, distances: distanceBase.value)
                }
                if workers == 1 { run(0) } else { DispatchQueue.concurrentPerform(iterations: workers, execute: run) }
            }
        }
        return NeighborResult(k: k, indices: outIndices, squaredDistances: outDistances)
    }

    /// Searches queries in `range`, writing rows of `indices`/`distances`.
    func search(
        _ queries: [Float], range: Range<Int>, k: Int, indices outIndices: UnsafeMutableBufferPointer<Int>,
        distances outDistances: UnsafeMutableBufferPointer<Float>
    ) {
        let d = dimension
        var offsets = [Float](repeating: 0, count: d)
        var bestDistances = [Float](repeating: .infinity, count: k)
        var bestPositions = [Int32](repeating: -1, count: k)
        queries.withUnsafeBufferPointer { q in
            points.withUnsafeBufferPointer { p in
                splitDimensions.withUnsafeBufferPointer { splitDimension in
                    splitValues.withUnsafeBufferPointer { splitValue in
                        starts.withUnsafeBufferPointer { start in
                            ends.withUnsafeBufferPointer { end in
                                rightChildren.withUnsafeBufferPointer { right in
                                    let context = SearchContext(
                                        points: p, splitDimensions: splitDimension, splitValues: splitValue,
                                        starts: start, ends: end, rightChildren: right, dimension: d, k: k)
                                    for query in range {
                                        let key = UnsafeBufferPointer(rebasing: q[query * d..<(query + 1) * d])
                                        for j in 0..<d { offsets[j] = 0 }
                                        for j in 0..<k {
                                            bestDistances[j] = .infinity
                                            bestPositions[j] = -1
                                        }
                                        offsets.withUnsafeMutableBufferPointer { off in
                                            bestDistances.withUnsafeMutableBufferPointer { bd in
                                                bestPositions.withUnsafeMutableBufferPointer { bp in
                                                    context.visit(
                                                        node: 0, key: key, cellDistance: 0, offsets: off,
                                                        bestDistances: bd, bestPositions: bp)
                                                }
                                            }
                                        }
                                        for j in 0..<k {
                                            outIndices[query * k + j] = Int(indices[Int(bestPositions[j])])
                                            outDistances[query * k + j] = bestDistances[j]
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Raw buffers shared across worker threads; each worker writes a disjoint range of rows.
struct UnsafeSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

/// The tree's arrays as raw buffers for one thread's search.
struct SearchContext {
    let points: UnsafeBufferPointer<Float>
    let splitDimensions: UnsafeBufferPointer<Int32>
    let splitValues: UnsafeBufferPointer<Float>
    let starts: UnsafeBufferPointer<Int32>
    let ends: UnsafeBufferPointer<Int32>
    let rightChildren: UnsafeBufferPointer<Int32>
    let dimension: Int
    let k: Int

    /// Visits `node` whose cell is at squared distance `cellDistance` from `key`; `offsets[j]` is the per-dimension
    /// offset from the key to the cell along `j` that `cellDistance` sums.
    func visit(
        node: Int, key: UnsafeBufferPointer<Float>, cellDistance: Float, offsets: UnsafeMutableBufferPointer<Float>,
        bestDistances: UnsafeMutableBufferPointer<Float>, bestPositions: UnsafeMutableBufferPointer<Int32>
    ) {
        let axis = Int(splitDimensions[node])
        if axis < 0 {
            let d = dimension
            for position in Int(starts[node])..<Int(ends[node]) {
                let base = position * d
                var distance: Float = 0
                for j in 0..<d {
                    let diff = points[base + j] - key[j]
                    distance += diff * diff
                }
                if distance < bestDistances[k - 1] {
                    // Insert into the sorted best list.
                    var slot = k - 1
                    while slot > 0 && bestDistances[slot - 1] > distance {
                        bestDistances[slot] = bestDistances[slot - 1]
                        bestPositions[slot] = bestPositions[slot - 1]
                        slot -= 1
                    }
                    bestDistances[slot] = distance
                    bestPositions[slot] = Int32(position)
                }
            }
            return
        }
        let difference = key[axis] - splitValues[node]
        let left = node + 1
        let right = Int(rightChildren[node])
        let (near, far) = difference <= 0 ? (left, right) : (right, left)
        visit(
            node: near, key: key, cellDistance: cellDistance, offsets: offsets, bestDistances: bestDistances,
            bestPositions: bestPositions)
        let previous = offsets[axis]
        let farDistance = cellDistance - previous * previous + difference * difference
        if farDistance < bestDistances[k - 1] {
            offsets[axis] = difference
            visit(
                node: far, key: key, cellDistance: farDistance, offsets: offsets, bestDistances: bestDistances,
                bestPositions: bestPositions)
            offsets[axis] = previous
        }
    }
}
