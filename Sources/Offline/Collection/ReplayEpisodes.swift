import Environments
import Foundation
import RLCore

/// Turns the replay buffer saved in an off-policy training checkpoint (SAC, TD3) into episodes: D4RL's
/// "medium-replay" recipe is the replay buffer of the run that produced the medium policy.
///
/// Transitions are read in chronological order (oldest first, unrolling the ring when it wrapped); an episode ends
/// after a terminated transition or where a transition's next state is not the following transition's state (the
/// runner drops the autoreset step, so consecutive episodes never share a state). The last, unfinished episode is
/// kept and marked truncated. Box actions are mapped from the learner's `[−1, 1]` units back to the action box;
/// Discrete actions (DQN) stay indices.
public enum ReplayEpisodes {
    /// The replay buffer of `checkpoint` as episodes.
    /// - Throws: ``CollectionError`` when the checkpoint has no replay buffer, several environments, normalised
    ///   observations or rewards, n-step returns, or a non-Box action space.
    public static func episodes(from checkpoint: TrainingCheckpoint) throws(CollectionError) -> [OfflineEpisode] {
        let sidecar: Sidecar
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do { sidecar = try decoder.decode(Sidecar.self, from: checkpoint.sidecar) } catch {
            throw CollectionError(
                "the checkpoint has no replay-buffer state (\(error)); medium-replay needs an off-policy run (sac, td3)")
        }
        let environment = sidecar.environment
        guard environment.numEnvs == 1 else {
            throw CollectionError(
                "the run used \(environment.numEnvs) environments; medium-replay needs a run with numEnvs 1 so the "
                    + "replay buffer holds whole episodes in order")
        }
        guard !environment.normalizeObservations, !environment.normalizeRewards else {
            throw CollectionError(
                "the run normalised observations or rewards, so its replay buffer does not hold raw values; "
                    + "train with env.normalizeObservations=false and env.normalizeRewards=false")
        }
        let space: BoxSpace?
        switch sidecar.header.actionSpace {
        case .box(let box): space = box
        case .discrete: space = nil
        default:
            throw CollectionError("the run's action space is neither Box nor Discrete; offline datasets need one of them")
        }
        let tensors = checkpoint.tensors
        guard let observations = tensors["replay.observations"]?.floats,
            let next = tensors["replay.next_observations"]?.floats, let actions = tensors["replay.actions"]?.floats,
            let rewards = tensors["replay.rewards"]?.floats, let terminated = tensors["replay.terminated"]?.floats,
            let discounts = tensors["replay.discounts"]?.floats
        else { throw CollectionError("the checkpoint lacks `replay.*` tensors; it is not an off-policy run") }
        let n = sidecar.state.replay.count
        guard n > 0, rewards.count == n else { throw CollectionError("the checkpoint's replay buffer is empty") }
        if let first = discounts.first, discounts.contains(where: { abs($0 - first) > 1e-6 }) {
            throw CollectionError("the replay buffer holds n-step returns (nSteps > 1); medium-replay needs nSteps 1")
        }
        let o = observations.count / n, a = actions.count / n
        let order: [Int] = n == sidecar.state.replay.totalAdded || sidecar.state.replay.position == 0
            ? Array(0..<n) : Array(sidecar.state.replay.position..<n) + Array(0..<sidecar.state.replay.position)
        var episodes: [OfflineEpisode] = []
        var current = OfflineEpisode(observations: [], actions: [], rewards: [], terminations: [], truncations: [])
        for (position, slot) in order.enumerated() {
            if current.length == 0 { current.observations = Array(observations[slot * o..<(slot + 1) * o]) }
            current.observations += next[slot * o..<(slot + 1) * o]
            for j in 0..<a {
                guard let space else {
                    current.actions.append(actions[slot * a + j].rounded())
                    continue
                }
                let x = min(max(actions[slot * a + j], -1), 1)
                current.actions.append(Float(space.low[j] + Double(x + 1) * 0.5 * (space.high[j] - space.low[j])))
            }
            current.rewards.append(rewards[slot])
            let isTerminal = terminated[slot] != 0
            let following = position + 1 < order.count ? order[position + 1] : nil
            let continues = following.map { f in
                !isTerminal && next[slot * o..<(slot + 1) * o].elementsEqual(observations[f * o..<(f + 1) * o])
            } ?? false
            current.terminations.append(isTerminal)
            current.truncations.append(!isTerminal && !continues)
            if !continues {
                episodes.append(current)
                current = OfflineEpisode(observations: [], actions: [], rewards: [], terminations: [], truncations: [])
            }
        }
        return episodes
    }

    private struct Sidecar: Decodable {
        var header: CheckpointHeader
        var environment: EnvironmentConfig
        var state: State
        struct State: Decodable { var replay: ReplayBufferState }
    }
}
