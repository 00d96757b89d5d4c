/// Tokens of a tabular trajectory, as the reproducibility study of "Explaining RL Decisions with Trajectories"
/// writes them: `[START, s₀, a₀, r₀, s₁, a₁, r₁, …, s_T, END, PAD…]` (the closing pseudo-step contributes its state
/// only), padded with `3 · (maxLength + 3 − steps)` PAD tokens so every sequence has `3 · maxLength + 9` tokens.
///
/// Ids: PAD 0, START 1, END 2, state `3 + s`, action `3 + S + a`, reward `3 + S + A + k` with k the index of the
/// reward in ``rewardValues`` (study: +1, −1, −0.1, 0).
public struct TrajectoryTokenizer: Sendable, Equatable {
    /// Number of states S.
    public var stateCount: Int
    /// Number of actions A.
    public var actionCount: Int
    /// The reward vocabulary (study: [1, −1, −0.1, 0]).
    public var rewardValues: [Double]
    /// Longest trajectory in steps, without the closing pseudo-step (study: 10).
    public var maxLength: Int

    /// PAD, START and END.
    public static let pad = 0, start = 1, end = 2

    /// A tokenizer.
    public init(stateCount: Int, actionCount: Int, rewardValues: [Double] = [1, -1, -0.1, 0], maxLength: Int) {
        self.stateCount = stateCount
        self.actionCount = actionCount
        self.rewardValues = rewardValues
        self.maxLength = maxLength
    }

    /// Number of distinct tokens.
    public var vocabularySize: Int { 3 + stateCount + actionCount + rewardValues.count }

    /// Tokens per encoded trajectory.
    public var sequenceLength: Int { 3 * maxLength + 9 }

    /// The tokens of `steps` (real steps followed by the closing pseudo-step).
    /// - Throws: ``DatasetError`` for an empty trajectory, one longer than `maxLength + 1` steps, or an id or
    ///   reward outside the vocabulary.
    public func encode(_ steps: [TabularStep]) throws(DatasetError) -> [Int] {
        guard !steps.isEmpty, steps.count <= maxLength + 1 else {
            throw DatasetError(
                .invalidArgument,
                "tokenizer: a trajectory needs 1…\(maxLength + 1) steps (closing step included), got \(steps.count)")
        }
        var tokens = [Self.start]
        for step in steps {
            guard (0..<stateCount).contains(step.state), (0..<actionCount).contains(step.action) else {
                throw DatasetError(
                    .outOfSpace, "tokenizer: step \(step) is outside S = \(stateCount), A = \(actionCount)")
            }
            guard let k = rewardValues.firstIndex(where: { abs($0 - step.reward) < 1e-9 }) else {
                throw DatasetError(.outOfSpace, "tokenizer: reward \(step.reward) is not one of \(rewardValues)")
            }
            tokens += [3 + step.state, 3 + stateCount + step.action, 3 + stateCount + actionCount + k]
        }
        tokens.removeLast(2)
        tokens.append(Self.end)
        tokens += [Int](repeating: Self.pad, count: 3 * (maxLength + 3 - steps.count))
        return tokens
    }
}
