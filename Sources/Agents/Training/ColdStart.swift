import Foundation
import Tensor

extension LogLinearPolicy {
    /// Cold start (RLVMR's supervised warm-up on expert trajectories, here for the log-linear policy): one
    /// behaviour-cloning ascent step w ← w + η·mean_t ∇ log π(expert output_t | context_t) over every turn of
    /// `demonstrations` whose output is among the policy's candidates (same text, or same tag and command).
    /// - Returns: the number of turns used.
    @discardableResult
    public mutating func imitate<Decision>(_ demonstrations: [AgentRollout<Decision>], learningRate: Double) -> Int {
        var gradient = [Double](repeating: 0, count: weights.count)
        var records: [LogLinearDecision] = []
        for rollout in demonstrations {
            var prefix = Transcript(prompt: rollout.transcript.prompt)
            for (t, turn) in rollout.transcript.turns.enumerated() where t < rollout.observations.count {
                let observation = rollout.observations[t]
                let candidates = candidates(observation, transcript: prefix)
                if let index = Self.demonstrated(turn.action, among: candidates) {
                    var record = decision(candidates, observation: observation, transcript: prefix)
                    record.chosen = index
                    records.append(record)
                }
                prefix.turns.append(turn)
            }
        }
        guard !records.isEmpty else { return 0 }
        for record in records { accumulate(record, advantage: 1, scale: 1 / Double(records.count), into: &gradient) }
        for index in gradient.indices where gradient[index] != 0 { weights[index] += learningRate * gradient[index] }
        return records.count
    }
}

extension LogLinearPolicy {
    /// The candidate a demonstration's output corresponds to: the same text, or else the same meta-reasoning tag
    /// and command (the policy's reasoning sentence is fixed per tag, the demonstrator's is free).
    static func demonstrated(_ output: String, among candidates: [String]) -> Int? {
        if let exact = candidates.firstIndex(of: output) { return exact }
        guard let parsed = try? MetaReasoningOutput.parse(output) else { return nil }
        let prefix = "<\(parsed.tag.rawValue)>"
        return candidates.firstIndex { candidate in
            candidate.hasPrefix(prefix) && MetaReasoningOutput.firstAction(in: candidate) == parsed.action
        }
    }
}

extension MiniALFWorld {
    /// The log-linear RLVMR agent of this world: tag × command candidates (``MetaReasoningProposer``), the tag as
    /// the first level of the two-level softmax, ``MiniALFWorldFeaturizer`` features hashed into `dimension` slots.
    public static func agentPolicy(dimension: Int = 1 << 12, hashSeed: UInt64 = 0) -> LogLinearPolicy {
        LogLinearPolicy(
            hasher: FeatureHasher(dimension: dimension, seed: hashSeed), featurizer: MiniALFWorldFeaturizer(),
            parser: ToolCallParser(tools: MetaReasoningTag.allCases.map(\.rawValue) + ["action"]),
            proposer: MetaReasoningProposer())
    }

    /// The expert's episode on every task (the cold-start demonstrations).
    public func expertDemonstrations(budget: AgentBudget) -> [AgentRollout<Int>] {
        tasks.map { task in
            var environment = environment(task: task.id)
            var rng = Xoshiro256StarStar(seed: seed).derived("minialfworld/demonstration/\(task.id)")
            return AgentEpisode.run(
                &environment, policy: MiniALFWorldExpert(task: task, seed: seed), seed: 0, budget: budget, using: &rng)
        }
    }
}
