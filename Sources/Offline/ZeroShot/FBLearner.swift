import Foundation
import RLCore
import Tensor

/// Metric tags of the forward–backward learners (the code's `train/…` names in SwiftRL's `losses/…` style).
public enum FBMetricTag {
    /// The successor-measure loss Σ_F [off-diagonal + diagonal].
    public static let fbLoss = "losses/fb_loss"
    /// The orthonormality loss of B (times its coefficient).
    public static let orthonormalityLoss = "losses/ortho_loss"
    /// The conservative penalty P (VC-FB / MC-FB).
    public static let conservativePenalty = "losses/conservative_penalty"
    /// α, the penalty's weight.
    public static let alpha = "losses/alpha"
    /// Mean of M = F₁(s, a, z)ᵀB(s′).
    public static let measure = "losses/M"
}

/// Forward–backward representations for discrete actions (Touati & Ollivier 2021; as coded in the zero-shot-rl
/// repository of Jeen et al. and described in the thesis arXiv:2508.16496 ch. 2–4), with the conservative
/// penalties of VC-FB / MC-FB and the GRU memory of FB-M.
///
/// One ``update(_:)``: draw z for each row (uniform on the sphere of radius √d, a fraction ``FBConfig/zMixRatio``
/// replaced by √d · normalize(B(s)) of permuted batch states), build the target measure
/// M̄ = min(F̄₁(s′, a′, z)ᵀB̄(s′), F̄₂(s′, a′, z)ᵀB̄(s′)) with a′ = π_z(s′) from the target networks, minimise
/// ``FBLoss/measureLoss(_:target:discounts:)`` for both heads + ``FBLoss/orthonormality(_:)`` + α · P, clamp the
/// gradients, step Adam, Polyak-average the targets. The policy is exact for discrete actions:
/// π_z(s) = argmax_a min(F₁(s, a, z)ᵀz, F₂(s, a, z)ᵀz) (the continuous code trains an actor on the same objective).
public final class FBLearner {
    /// The hyper-parameters.
    public let config: FBConfig
    /// The sizes.
    public let problem: OfflineProblem
    /// The penalty in use.
    public let mode: FBConservativeMode
    /// n.
    public let actionCount: Int
    /// Entries of one raw observation (the window's row observation for FB-M).
    public let rawDimension: Int
    /// F₁, F₂ (and φ).
    public let forward: FBForward
    /// Target F.
    public let forwardTarget: FBForward
    /// B.
    public let backward: FBBackward
    /// Target B.
    public let backwardTarget: FBBackward
    /// Adam over F (and φ).
    public let forwardOptimizer: Adam
    /// Adam over B (learning rate × ``FBConfig/backwardLearningRateCoefficient``).
    public let backwardOptimizer: Adam
    /// log α (Lagrange tuning).
    public let lagrange: FBLagrange
    /// Adam over log α (the code uses the critic's learning rate).
    public let alphaOptimizer: Adam
    /// Draws z and the mixing.
    public var random: Xoshiro256StarStar
    /// Updates so far.
    public var updateCount = 0
    /// Reward-labelled samples for ``rewardZ()``: next observations (learner inputs) with non-zero reward.
    var taskObservations: [Float] = []
    var taskRewards: [Float] = []
    var taskCount = 0
    var cachedTaskZ: (update: Int, z: [Float])?

    /// Fresh networks from the `"networks"` stream of `seed`.
    /// - Throws: ``OfflineAlgorithmError`` for invalid settings, a continuous problem, or memory without windows.
    public init(_ name: String, config: FBConfig, problem: OfflineProblem, mode: FBConservativeMode, seed: UInt64)
        throws
    {
        try config.validate(name)
        let n = try DiscreteQCore.actionCount(name, problem)
        var rng = Xoshiro256StarStar(seed: seed).derived("networks")
        let d = config.zDimension, dim = problem.observationDimension
        var raw = dim, offset: Int? = nil
        if let k = problem.historyLength {
            guard dim % k == 0, dim / k > n + 1 else {
                throw OfflineAlgorithmError(
                    "\(name): observations of \(dim) entries are not \(k) history rows; build the dataset with "
                        + "trainer.historyLength=\(k)")
            }
            raw = dim / k - n - 1
            offset = (k - 1) * (dim / k)
        }
        if config.memoryWidth > 0, problem.historyLength == nil {
            throw OfflineAlgorithmError(
                "\(name).memoryWidth (FB-M) needs history windows; set trainer.historyLength (e.g. 4)")
        }
        let window = problem.historyLength
        forward = FBForward(
            inputs: dim, actions: n, dimension: d, hidden: config.forwardHidden, memoryWidth: config.memoryWidth,
            window: window, using: &rng)
        forwardTarget = FBForward(
            inputs: dim, actions: n, dimension: d, hidden: config.forwardHidden, memoryWidth: config.memoryWidth,
            window: window, using: &rng)
        backward = FBBackward(
            rawDimension: raw, rowOffset: offset, dimension: d, hidden: config.backwardHidden, using: &rng)
        backwardTarget = FBBackward(
            rawDimension: raw, rowOffset: offset, dimension: d, hidden: config.backwardHidden, using: &rng)
        try forwardTarget.copyParameters(from: forward)
        try backwardTarget.copyParameters(from: backward)
        forwardOptimizer = Adam(learningRate: config.learningRate)
        backwardOptimizer = Adam(learningRate: config.learningRate * config.backwardLearningRateCoefficient)
        lagrange = FBLagrange()
        alphaOptimizer = Adam(learningRate: config.learningRate)
        random = Xoshiro256StarStar(seed: seed).derived("fb-z")
        self.config = config
        self.problem = problem
        self.mode = mode
        self.actionCount = n
        self.rawDimension = raw
    }

    /// The current α: fixed, or clamp(exp(log α), 0, 10⁶) with Lagrange tuning.
    public var alpha: Double {
        config.conservative.lagrange
            ? Swift.min(Swift.max(Foundation.exp(Double(lagrange.logAlpha.item())), 0), 1e6) : config.conservative.alpha
    }

    /// z for a batch whose states are `states` (`[B, D]` learner inputs): Gaussian on the sphere, a fraction
    /// ``FBConfig/zMixRatio`` replaced by √d · normalize(B(s_perm)).
    public func sampleZ(states: Tensor) -> [Float] {
        let b = states.shape[0], d = config.zDimension
        var zs = FBLoss.sampleZ(count: b, dimension: d, using: &random)
        var order = Array(0..<b)
        order.shuffle(using: &random)
        let mixed = (0..<b).filter { _ in random.nextDouble() < config.zMixRatio }
        guard !mixed.isEmpty else { return zs }
        let embeddings = withNoGrad { backward(states.indexSelect(mixed.map { order[$0] })).floats }
        for (row, i) in mixed.enumerated() {
            let z = FBLoss.sphere(Array(embeddings[row * d..<(row + 1) * d]))
            for k in 0..<d { zs[i * d + k] = z[k] }
        }
        return zs
    }

    /// π_z for `count` learner inputs and their z (`count × d`): argmax_a min(F₁ᵀz, F₂ᵀz).
    public func greedy(_ observations: [Float], count: Int, z: [Float]) -> [Int] {
        withNoGrad {
            let x = Tensor(observations, shape: [count, problem.observationDimension])
            let zt = Tensor(z, shape: [count, config.zDimension])
            let (f1, f2) = forward(x, z: zt)
            return minimum(FBLoss.values(f1, z: zt), FBLoss.values(f2, z: zt)).argmax(axis: 1)
        }
    }

    /// z_g = √d · normalize(B(goal)) for a raw goal observation.
    public func goalZ(_ goal: [Float]) -> [Float] {
        FBLoss.sphere(withNoGrad { backward.ofObservations(Tensor(goal, shape: [1, rawDimension])).floats })
    }

    /// z_r = √d · normalize(Σ r_i B(s_i) / N) from reward-labelled learner inputs (`rewards.count` rows).
    public func rewardZ(observations: [Float], rewards: [Float], total: Int? = nil) -> [Float] {
        let d = config.zDimension
        guard !rewards.isEmpty else { return [Float](repeating: 0, count: d) }
        let b = withNoGrad {
            backward(Tensor(observations, shape: [rewards.count, problem.observationDimension])).floats
        }
        let weighted = rewards.map { $0 * Float(rewards.count) / Float(max(total ?? rewards.count, 1)) }
        return FBLoss.inferZ(rewards: weighted, backward: b, dimension: d)
    }

    /// Keeps the dataset's rewarded next states for ``taskZ()`` (rows with r = 0 add nothing to Σ r_i B(s_i)).
    public func prepare(data: OfflineDataset) {
        let batch = data.batch(at: Array(0..<data.count))
        let dim = problem.observationDimension
        taskObservations = []
        taskRewards = []
        for i in 0..<batch.count where batch.rewards[i] != 0 {
            taskObservations += batch.nextObservations[i * dim..<(i + 1) * dim]
            taskRewards.append(batch.rewards[i])
        }
        taskCount = batch.count
        cachedTaskZ = nil
    }

    /// z of the dataset's own reward (``prepare(data:)``), recomputed after each update; zeros (every Q = 0, so
    /// action 0) when the dataset has no reward.
    public func taskZ() -> [Float] {
        if let cachedTaskZ, cachedTaskZ.update == updateCount { return cachedTaskZ.z }
        let z = rewardZ(observations: taskObservations, rewards: taskRewards, total: taskCount)
        cachedTaskZ = (updateCount, z)
        return z
    }

    /// One gradient step of F and B (and of log α with Lagrange tuning), then the Polyak step of the targets.
    /// - Throws: `ModuleStructureError` (not for networks built here).
    public func update(_ batch: TransitionBatch) throws -> [Metric] {
        let b = batch.count, dim = problem.observationDimension, d = config.zDimension
        let s = Tensor(batch.observations, shape: [b, dim])
        let next = Tensor(batch.nextObservations, shape: [b, dim])
        let actions = batch.actions.map { min(max(Int($0.rounded()), 0), actionCount - 1) }
        let zs = Tensor(sampleZ(states: s), shape: [b, d])
        let discounts = batch.terminals.map { Float(config.gamma) * (1 - $0) }
        let target: Tensor = withNoGrad {
            let (o1, o2) = forward(next, z: zs)
            let nextActions = minimum(FBLoss.values(o1, z: zs), FBLoss.values(o2, z: zs)).argmax(axis: 1)
            let (t1, t2) = forwardTarget(next, z: zs)
            let bNext = backwardTarget(next)
            return minimum(
                matmul(FBLoss.chosen(t1, actions: nextActions), bNext, transposeB: true),
                matmul(FBLoss.chosen(t2, actions: nextActions), bNext, transposeB: true)
            ).detached()
        }
        var fbValue = 0.0, orthoValue = 0.0, penaltyValue = 0.0, measureValue = 0.0
        let (total, gradients) = valueAndGrad([forward, backward]) { () -> Tensor in
            let (f1, f2) = forward(s, z: zs)
            let bNext = backward(next)
            var fb = Tensor(Float(0))
            for (index, f) in [f1, f2].enumerated() {
                let m = matmul(FBLoss.chosen(f, actions: actions), bNext, transposeB: true)
                if index == 0 { measureValue = Double(m.mean().item()) }
                let parts = FBLoss.measureLoss(m, target: target, discounts: discounts)
                fb = fb + parts.offDiagonal + parts.diagonal
            }
            fbValue = Double(fb.item())
            let ortho = FBLoss.orthonormality(bNext) * config.orthonormalityCoefficient
            orthoValue = Double(ortho.item())
            var loss = fb + ortho
            let penalty: Tensor?
            switch mode {
            case .none: penalty = nil
            case .value:
                penalty = FBLoss.valuePenalty(f1, z: zs, actions: actions)
                    + FBLoss.valuePenalty(f2, z: zs, actions: actions)
            case .measure:
                penalty = FBLoss.measurePenalty(f1, backward: bNext, actions: actions)
                    + FBLoss.measurePenalty(f2, backward: bNext, actions: actions)
            }
            if let penalty {
                penaltyValue = Double(penalty.item())
                if config.conservative.lagrange { stepAlpha(penalty: penaltyValue) }
                loss = loss + penalty * alpha
            }
            return loss
        }
        let clamped = gradients.map { g -> Gradients in
            guard config.gradientClamp > 0 else { return g }
            let c = config.gradientClamp
            return Gradients(paths: g.paths, tensors: g.tensors.map { clamp($0, min: -c, max: c) })
        }
        forwardOptimizer.update(forward, gradients: clamped[0])
        backwardOptimizer.update(backward, gradients: clamped[1])
        try forwardTarget.softUpdate(from: forward, tau: config.tau)
        try backwardTarget.softUpdate(from: backward, tau: config.tau)
        updateCount += 1
        var metrics = [
            Metric(FBMetricTag.fbLoss, fbValue), Metric(FBMetricTag.orthonormalityLoss, orthoValue),
            Metric(FBMetricTag.measure, measureValue),
        ]
        if mode != .none {
            metrics.append(Metric(FBMetricTag.conservativePenalty, penaltyValue))
            metrics.append(Metric(FBMetricTag.alpha, alpha))
            metrics.append(Metric(OfflineMetricTag.criticTotalLoss, Double(total.item())))
        }
        return metrics
    }

    /// One Adam step on log α with ∂L_α/∂log α = −½ · α · (P − τ) (the code steps α before using it).
    func stepAlpha(penalty: Double) {
        let g = FBLoss.logAlphaGradient(alpha: alpha, penalty: penalty, target: config.conservative.targetPenalty)
        alphaOptimizer.update(parameters: [lagrange.logAlpha], gradients: [Tensor([Float(g)], shape: [1])])
    }

    /// The networks with checkpoint prefixes.
    public var modules: [(name: String, module: Module)] {
        [("forward", forward), ("forward_target", forwardTarget), ("backward", backward),
         ("backward_target", backwardTarget), ("lagrange", lagrange)]
    }

    /// The optimizers with checkpoint prefixes.
    public var optimizers: [(name: String, optimizer: any Optimizer)] {
        [("forward", forwardOptimizer), ("backward", backwardOptimizer), ("alpha", alphaOptimizer)]
    }
}

/// The Lagrange multiplier's parameter log α (starts at 0, so α = 1, as the code's `critic_log_alpha`).
public final class FBLagrange: Module {
    /// log α, `[1]`.
    public let logAlpha = Tensor([Float(0)], shape: [1])
}
