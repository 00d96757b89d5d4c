import Foundation
import Tensor

/// k-means (Lloyd) with k-means++ seeding, and X-means (Pelleg & Moore 2000) on top of it, as pyclustering's
/// `xmeans` runs them for the attribution study: start from 2 k-means++ centres, then alternate "improve
/// parameters" (k-means to convergence) and "improve structure" (split each cluster in two by a local 2-means and
/// keep the split when the children's Bayesian information criterion beats the parent's), up to `maxClusters`.
///
/// BIC (pyclustering's form, spherical Gaussians with one shared variance σ² = Σ‖x − μ‖² / (N − K)):
/// `Σ_k [n_k ln n_k − n_k ln N − n_k/2 · ln 2π − n_k·d/2 · ln σ² − (n_k − K)/2] − p/2 · ln N`,
/// with `p = (K − 1) + d·K + 1` free parameters.
public enum XMeans {
    /// Points are rows of `d` numbers.
    public typealias Points = [[Double]]

    /// Squared Euclidean distance.
    static func distance2(_ a: [Double], _ b: [Double]) -> Double {
        var s = 0.0
        for i in a.indices { s += (a[i] - b[i]) * (a[i] - b[i]) }
        return s
    }

    /// k-means++ seeding: the first centre uniformly, each next one with probability ∝ squared distance to the
    /// nearest chosen centre.
    public static func kMeansPlusPlus(_ points: Points, k: Int, rng: inout Xoshiro256StarStar) -> Points {
        guard !points.isEmpty, k > 0 else { return [] }
        var centres = [points[Int(rng.next(upperBound: UInt64(points.count)))]]
        while centres.count < min(k, points.count) {
            let weights = points.map { p in centres.map { distance2(p, $0) }.min() ?? 0 }
            let total = weights.reduce(0, +)
            guard total > 0 else { break }
            var u = rng.nextDouble() * total
            var chosen = points.count - 1
            for (i, w) in weights.enumerated() {
                u -= w
                if u <= 0 {
                    chosen = i
                    break
                }
            }
            centres.append(points[chosen])
        }
        return centres
    }

    /// The index of each point's nearest centre (ties to the lower index).
    public static func assign(_ points: Points, centres: Points) -> [Int] {
        points.map { p in
            var best = 0
            var bestDistance = Double.infinity
            for (j, c) in centres.enumerated() {
                let d = distance2(p, c)
                if d < bestDistance {
                    bestDistance = d
                    best = j
                }
            }
            return best
        }
    }

    /// Lloyd iterations from `centres` until assignments stop changing (or 100 rounds); empty clusters keep
    /// their centre. Returns the centres and labels.
    public static func kMeans(_ points: Points, centres start: Points) -> (centres: Points, labels: [Int]) {
        var centres = start
        var labels = assign(points, centres: centres)
        for _ in 0..<100 {
            for j in centres.indices {
                let members = points.indices.filter { labels[$0] == j }
                guard !members.isEmpty else { continue }
                var mean = [Double](repeating: 0, count: centres[j].count)
                for i in members { for t in mean.indices { mean[t] += points[i][t] } }
                centres[j] = mean.map { $0 / Double(members.count) }
            }
            let next = assign(points, centres: centres)
            if next == labels { break }
            labels = next
        }
        return (centres, labels)
    }

    /// pyclustering's BIC of `clusters` (point indices) around `centres` (larger is better).
    public static func bic(_ points: Points, clusters: [[Int]], centres: Points) -> Double {
        let dimension = Double(points.first?.count ?? 0)
        let n = Double(clusters.reduce(0) { $0 + $1.count })
        let k = Double(clusters.count)
        var sigma2 = 0.0
        for (j, members) in clusters.enumerated() { for i in members { sigma2 += distance2(points[i], centres[j]) } }
        guard n > k else { return -.infinity }
        sigma2 /= n - k
        let p = (k - 1) + dimension * k + 1
        var score = 0.0
        let logSigma = sigma2 > 0 ? Foundation.log(sigma2) : 0
        for members in clusters where !members.isEmpty {
            let nk = Double(members.count)
            score += nk * Foundation.log(nk) - nk * Foundation.log(n) - nk * 0.5 * Foundation.log(2 * Double.pi)
                - nk * dimension * 0.5 * logSigma - (nk - k) * 0.5
        }
        return score - p * 0.5 * Foundation.log(n)
    }

    /// X-means clusters (lists of point indices, in centre order) of `points`.
    /// - Parameters:
    ///   - initialClusters: k-means++ centres to start from (study: 2).
    ///   - maxClusters: the most clusters allowed (study: 10).
    ///   - rng: seeds k-means++ (initial centres and each split).
    public static func cluster(
        _ points: Points, initialClusters: Int = 2, maxClusters: Int = 10, rng: inout Xoshiro256StarStar
    ) -> (clusters: [[Int]], centres: Points) {
        guard points.count > 1 else { return ([Array(points.indices)], points) }
        var centres = kMeansPlusPlus(points, k: initialClusters, rng: &rng)
        while true {
            let (fitted, labels) = kMeans(points, centres: centres)
            centres = fitted
            let clusters = centres.indices.map { j in points.indices.filter { labels[$0] == j } }
            guard centres.count < maxClusters else { return (clusters, centres) }
            var next: Points = []
            for (j, members) in clusters.enumerated() {
                let local = members.map { points[$0] }
                guard local.count >= 3 else {
                    next.append(centres[j])
                    continue
                }
                let (children, childLabels) = kMeans(local, centres: kMeansPlusPlus(local, k: 2, rng: &rng))
                let childClusters = children.indices.map { c in local.indices.filter { childLabels[$0] == c } }
                let parent = bic(local, clusters: [Array(local.indices)], centres: [centres[j]])
                let split = bic(local, clusters: childClusters, centres: children)
                if children.count == 2, childClusters.allSatisfy({ !$0.isEmpty }), split > parent {
                    next += children
                } else {
                    next.append(centres[j])
                }
            }
            if next.count > maxClusters { next = Array(next.prefix(maxClusters)) }
            if next.count == centres.count { return (clusters, centres) }
            centres = next
        }
    }
}
