import Tensor
import Testing

@testable import Offline

/// Brute-force k nearest (indices sorted by distance, ties by index).
private func bruteForce(_ points: [Float], _ queries: [Float], dimension d: Int, k: Int) -> [[Float]] {
    let n = points.count / d
    return (0..<queries.count / d).map { q in
        let distances = (0..<n).map { i in
            (0..<d).reduce(Float(0)) { s, j in
                let diff = points[i * d + j] - queries[q * d + j]
                return s + diff * diff
            }
        }
        return Array(distances.sorted().prefix(k))
    }
}

private func uniform(_ count: Int, seed: UInt64) -> [Float] {
    var rng = Xoshiro256StarStar(seed: seed)
    return (0..<count).map { _ in rng.nextFloat() * 2 - 1 }
}

@Test("KD-tree nearest neighbour equals brute force on random data", arguments: [(2, 1), (5, 4), (10, 16), (13, 3)])
func kdTreeMatchesBruteForce(dimension: Int, leafSize: Int) throws {
    let points = uniform(600 * dimension, seed: 1)
    let queries = uniform(60 * dimension, seed: 2)
    let tree = try KDTree(points: points, dimension: dimension, leafSize: leafSize)
    let result = try tree.nearest(queries, k: 1)
    let expected = bruteForce(points, queries, dimension: dimension, k: 1)
    for q in 0..<60 {
        #expect(result.squaredDistances[q] == expected[q][0])
        let i = result.indices[q]
        let recomputed = (0..<dimension).reduce(Float(0)) { s, j in
            let diff = points[i * dimension + j] - queries[q * dimension + j]
            return s + diff * diff
        }
        #expect(recomputed == expected[q][0])
    }
}

@Test("KD-tree k-NN distances equal brute force and are ascending")
func kdTreeKNearest() throws {
    let d = 6
    let points = uniform(500 * d, seed: 3)
    let queries = uniform(20 * d, seed: 4)
    let result = try KDTree(points: points, dimension: d).nearest(queries, k: 7)
    let expected = bruteForce(points, queries, dimension: d, k: 7)
    for q in 0..<20 {
        #expect(Array(result.squaredDistances[q * 7..<(q + 1) * 7]) == expected[q])
    }
}

@Test("KD-tree multi-threaded queries equal single-threaded ones")
func kdTreeThreadsAgree() throws {
    let d = 4
    let tree = try KDTree(points: uniform(2000 * d, seed: 5), dimension: d)
    let queries = uniform(300 * d, seed: 6)
    #expect(try tree.nearest(queries, k: 2, threads: 3) == tree.nearest(queries, k: 2, threads: 1))
}

@Test("KD-tree handles many duplicate points")
func kdTreeDuplicates() throws {
    let points = [Float](repeating: 0.5, count: 300 * 3) + [1, 1, 1]
    let tree = try KDTree(points: points, dimension: 3, leafSize: 4)
    let result = try tree.nearest([0.9, 0.9, 0.9, 0.5, 0.5, 0.5], k: 1)
    #expect(result.indices[0] == 300)
    #expect(result.squaredDistances[1] == 0)
}

@Test("KD-tree finds each of its own points at distance zero")
func kdTreeSelfQuery() throws {
    let points = uniform(400 * 3, seed: 7)
    let result = try KDTree(points: points, dimension: 3, leafSize: 5).nearest(points, k: 1)
    #expect(result.squaredDistances.allSatisfy { $0 == 0 })
    #expect(result.indices == Array(0..<400))
}

@Test("KD-tree rejects NaN points, ragged arrays and bad k")
func kdTreeErrors() throws {
    #expect(throws: DatasetError.self) { try KDTree(points: [1, .nan], dimension: 2) }
    #expect(throws: DatasetError.self) { try KDTree(points: [1, 2, 3], dimension: 2) }
    #expect(throws: DatasetError.self) { try KDTree(points: [], dimension: 2) }
    let tree = try KDTree(points: [1, 2, 3, 4], dimension: 2)
    #expect(throws: DatasetError.self) { try tree.nearest([1, 2], k: 3) }
    #expect(throws: DatasetError.self) { try tree.nearest([1, 2, 3], k: 1) }
}
