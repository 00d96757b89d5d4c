import Environments

/// The maximum-likelihood model of a ``TabularOfflineDataset``: counts `N(s, a)`, mean rewards `r̂(s, a)` and
/// next-state frequencies `P̂(s' | s, a)` (terminal steps count toward `P̂` but not its continuing part).
/// Unseen pairs have `r̂ = 0` and no next-state mass, so a planner values them at 0.
public struct EmpiricalModel: Equatable, Sendable {
    /// `N(s, a)`, indexed `s · |A| + a`.
    public let counts: [Int]
    /// `r̂`, `P̂` and the continuing mass as a ``TabularMDP`` (uniform initial distribution).
    public let model: TabularMDP

    /// Counts the dataset.
    /// - Complexity: O(N + S²A).
    public init(_ dataset: TabularOfflineDataset) {
        let a = dataset.actionCount
        var counts = [Int](repeating: 0, count: dataset.stateCount * a)
        for t in dataset.transitions { counts[t.state * a + t.action] += 1 }
        var model = TabularMDP(stateCount: dataset.stateCount, actionCount: a)
        for t in dataset.transitions {
            model.addTransition(
                state: t.state, action: t.action, nextState: t.nextState,
                probability: 1 / Double(counts[t.state * a + t.action]), reward: t.reward, terminated: t.terminated)
        }
        self.counts = counts
        self.model = model
    }

    /// Number of states.
    public var stateCount: Int { model.stateCount }
    /// Number of actions.
    public var actionCount: Int { model.actionCount }

    /// `N(s, a)`.
    public func count(_ state: Int, _ action: Int) -> Int { counts[state * actionCount + action] }

    /// `r̂(s, a)` (0 when unseen).
    public func meanReward(_ state: Int, _ action: Int) -> Double { model.reward(state, action) }

    /// The first action maximising `score(s, a)` in every state.
    public func argmax(_ score: (Int, Int) -> Double) -> [Int] {
        (0..<stateCount).map { state in
            var best = 0
            var bestScore = score(state, 0)
            for action in 1..<actionCount {
                let value = score(state, action)
                if value > bestScore {
                    best = action
                    bestScore = value
                }
            }
            return best
        }
    }
}
