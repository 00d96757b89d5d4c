import Environments

/// Visit counts and the empirical model of a finite-horizon problem: `n_h(s, a)`, mean rewards `r̂_h(s, a)` and
/// utilities `û_h(s, a)`, and next-state frequencies `P̂_h(s' | s, a) = n_h(s, a, s') / n_h(s, a)`; either one
/// table shared by every stage (stationary transitions, as in UCBVI) or one per stage.
///
/// Observed next states are kept in a successor list per `(h, s, a)`, so expectations under `P̂` cost
/// O(observed successors) rather than O(S).
public struct EpisodicModel: Sendable {
    /// S, A and H.
    public let stateCount: Int, actionCount: Int, horizon: Int
    /// Whether counts are kept per stage.
    public let stageDependent: Bool
    /// `n[k][s·A + a]`.
    public private(set) var counts: [[Double]]
    private var rewardSums: [[Double]]
    private var utilitySums: [[Double]]
    private var nextCounts: [[Double]]
    /// `successors[k][s·A + a]`: next states seen at least once, in order of first visit.
    public private(set) var successors: [[[Int32]]]

    /// An empty model.
    /// - Parameter stageDependent: keep one table per stage (for MDPs whose transitions depend on h).
    public init(stateCount: Int, actionCount: Int, horizon: Int, stageDependent: Bool) {
        self.stateCount = stateCount
        self.actionCount = actionCount
        self.horizon = horizon
        self.stageDependent = stageDependent
        let tables = stageDependent ? horizon : 1
        counts = Array(repeating: Array(repeating: 0, count: stateCount * actionCount), count: tables)
        rewardSums = counts
        utilitySums = counts
        nextCounts = Array(
            repeating: Array(repeating: 0, count: stateCount * actionCount * stateCount), count: tables)
        successors = Array(repeating: Array(repeating: [], count: stateCount * actionCount), count: tables)
    }

    /// The table used at stage h.
    @inline(__always) public func table(_ stage: Int) -> Int { stageDependent ? stage : 0 }

    /// Records one transition at stage `h`.
    public mutating func observe(stage: Int, state: Int, action: Int, reward: Double, utility: Double = 0, next: Int) {
        let k = table(stage), pair = state * actionCount + action
        counts[k][pair] += 1
        rewardSums[k][pair] += reward
        utilitySums[k][pair] += utility
        if nextCounts[k][pair * stateCount + next] == 0 { successors[k][pair].append(Int32(next)) }
        nextCounts[k][pair * stateCount + next] += 1
    }

    /// `n_h(s, a)`.
    @inline(__always) public func count(stage: Int, pair: Int) -> Double { counts[table(stage)][pair] }

    /// `r̂_h(s, a)` (0 when unvisited).
    @inline(__always) public func meanReward(stage: Int, pair: Int) -> Double {
        let k = table(stage), n = counts[k][pair]
        return n > 0 ? rewardSums[k][pair] / n : 0
    }

    /// `û_h(s, a)` (0 when unvisited).
    public func meanUtility(stage: Int, pair: Int) -> Double {
        let k = table(stage), n = counts[k][pair]
        return n > 0 ? utilitySums[k][pair] / n : 0
    }

    /// `(Σ P̂ v, Σ P̂ v²)` at `(h, s, a)` (zeros when unvisited).
    @inline(__always) public func moments(stage: Int, pair: Int, of values: [Double])
        -> (mean: Double, square: Double)
    {
        let k = table(stage), n = counts[k][pair]
        guard n > 0 else { return (0, 0) }
        var first = 0.0, second = 0.0
        let base = pair * stateCount
        for next in successors[k][pair] {
            let weight = nextCounts[k][base + Int(next)], v = values[Int(next)]
            first += weight * v
            second += weight * v * v
        }
        return (first / n, second / n)
    }

    /// `P̂_h(s' | s, a)`.
    public func probability(stage: Int, pair: Int, next: Int) -> Double {
        let k = table(stage), n = counts[k][pair]
        return n > 0 ? nextCounts[k][pair * stateCount + next] / n : 0
    }
}
