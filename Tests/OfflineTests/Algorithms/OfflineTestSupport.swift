import Environments
import Foundation
import Tensor

@testable import Offline

/// Sets every parameter of an MLP: `weights[i]` row-major `[out, in]`, `biases[i]`.
func setMLP(_ mlp: MLP, weights: [[Float]], biases: [[Float]]) {
    for (i, layer) in mlp.layers.enumerated() {
        layer.weight.assign(Tensor(weights[i], shape: layer.weight.shape))
        layer.bias?.assign(Tensor(biases[i], shape: [biases[i].count]))
    }
}

/// A one-step ("contextual bandit") dataset: s ~ U[−1, 1]², r = 1 − (a − f(s))² with f(s) = 0.8·s₀, every
/// episode terminates after one step. `expertFraction` of the episodes take a = f(s) (+ small noise), the rest
/// a ~ U[−1, 1].
func banditDataset(episodes: Int, expertFraction: Double, seed: UInt64) throws -> OfflineDataset {
    var rng = Xoshiro256StarStar(seed: seed)
    var list: [OfflineEpisode] = []
    for _ in 0..<episodes {
        let s = [rng.nextFloat() * 2 - 1, rng.nextFloat() * 2 - 1]
        let expert = rng.nextDouble() < expertFraction
        let a = expert ? max(-1, min(1, banditOptimum(s) + 0.05 * Float(rng.normal()))) : rng.nextFloat() * 2 - 1
        let r = banditReward(s, a)
        list.append(
            OfflineEpisode(
                observations: s + [0, 0], actions: [a], rewards: [r], terminations: [true], truncations: [false]))
    }
    return try OfflineDataset(episodes: list, observationDimension: 2, actionDimension: 1)
}

func banditOptimum(_ s: [Float]) -> Float { 0.8 * s[0] }

func banditReward(_ s: [Float], _ a: Float) -> Float {
    let d = a - banditOptimum(s)
    return 1 - d * d
}

/// Mean reward of `act` on 200 fresh states (learner units = raw units here: no normalisation in these tests).
func banditScore(_ act: ([Float], Int) -> [Float]) -> Float {
    var rng = Xoshiro256StarStar(seed: 999)
    let states = (0..<400).map { _ in rng.nextFloat() * 2 - 1 }
    let actions = act(states, 200)
    return (0..<200).map { banditReward([states[2 * $0], states[2 * $0 + 1]], actions[$0]) }.reduce(0, +) / 200
}

/// Mean reward of uniformly random actions on the bandit (E[1 − (a − f)²] with a ~ U[−1, 1]).
func banditRandomScore() -> Float {
    var rng = Xoshiro256StarStar(seed: 998)
    return banditScore { _, n in (0..<n).map { _ in rng.nextFloat() * 2 - 1 } }
}

/// Runs `steps` updates of `algorithm` on batches from `dataset`.
func train<A: OfflineAlgorithm>(_ algorithm: A, on dataset: OfflineDataset, steps: Int, batch: Int = 64) throws {
    try algorithm.prepare(data: dataset)
    var rng = Xoshiro256StarStar(seed: 5)
    for _ in 0..<steps { _ = try algorithm.update(dataset.sample(batchSize: batch, using: &rng)) }
}

/// A small dataset of Pendulum-v1 transitions with uniformly random actions (for trainer plumbing tests).
func randomPendulumDataset(episodes: Int, length: Int, seed: UInt64) throws -> OfflineDataset {
    var env = try EnvironmentRegistry.standard.makeVector("Pendulum-v1", count: 1)
    try env.reset(seed: seed)
    var rng = Xoshiro256StarStar(seed: seed)
    var list: [OfflineEpisode] = []
    for _ in 0..<episodes {
        var obs = env.observations
        var actions: [Float] = [], rewards: [Float] = []
        for _ in 0..<length {
            let a = rng.nextFloat() * 4 - 2
            try env.step(flatActions: [a])
            actions.append(a)
            rewards.append(Float(env.rewards[0]))
            obs += env.observations
        }
        list.append(
            OfflineEpisode(
                observations: obs, actions: actions, rewards: rewards,
                terminations: Array(repeating: false, count: length),
                truncations: Array(repeating: false, count: length - 1) + [true]))
        try env.reset(seed: seed &+ UInt64(list.count))
    }
    return try OfflineDataset(episodes: list, observationDimension: 3, actionDimension: 1)
}
