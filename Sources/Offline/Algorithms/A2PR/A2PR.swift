import Algorithms
import RLCore
import Tensor
import Tracking

/// A2PR's hyper-parameters (Liu et al. 2024, "Adaptive Advantage-Guided Policy Regularization for Offline
/// Reinforcement Learning", ICML, arXiv:2405.19909; official code `ltlhuuu/A2PR`).
public struct A2PRConfig: Codable, Equatable, Sendable {
    /// α, weight of the Q term through λ = α / mean|Q1| (code default 2.5; halfcheetah 40).
    public var alpha = 2.5
    /// m, the behaviour-constraint weight `mask` (CLI default 0.5; class default 1.0, hopper 0.4, walker 1.0).
    public var mask = 0.5
    /// w, weight of the advantage-filtered VAE reconstruction `vae_weight` (1.0; walker 1.5).
    public var vaeWeight = 1.0
    /// The TD3 section: γ 0.99 (hopper 0.995), τ 0.005, σ̃ 0.2, c 0.5, d 2, learning rates 3e-4, actor 3 × 256
    /// and critics 4 × 256 (the code's depths; the value network uses the critics' widths).
    public var td3 = TD3CoreSettings(actorHidden: [256, 256, 256], criticHidden: [256, 256, 256, 256])
    /// State-value learning rate (3e-4).
    public var valueLearningRate = 3e-4
    /// VAE learning rate (PyTorch Adam default 1e-3, as the code).
    public var vaeLearningRate = 1e-3
    /// VAE hidden widths (BCQ: 750-750); the latent size is 2·|A|.
    public var vaeHidden = [750, 750]

    /// The official code's defaults.
    public init() {}
}

/// A2PR (Liu et al. 2024): TD3 + a state-value net V + an advantage-filtered conditional VAE; the actor is
/// regularised toward whichever of {VAE reconstruction of π(s), dataset action} has the higher advantage, and
/// only where an advantage is positive (adaptive BC).
///
/// Per step (batch s, a, r, s′), as the official code:
/// 1. critic: TD3 target y = r + γ(1−d)·min Q′(s′, ã′), MSE on both heads;
/// 2. value: V(s) evaluated once (pre-update), target min(y, r + γ(1−d)·min Q(s′, ã′)) with the online critic;
/// 3. VAE: `mean(w·1[Q1(s,a) > V(s)]·(â(s,a) − a)²) + ½·KL`;
/// 4. every d steps, actor: `−λ·mean Q1(s,π) + mean((π − ã)²·m·(1[A(s,â_π) ≥ 0] + 1[A(s,a) > 0]))`, â_π = VAE
///    reconstruction of (s, π(s)) (gradient flows through it), A(s,x) = Q1(s,x) − V(s), ã = â_π if A(s,â_π) ≥
///    A(s,a) else a; then Polyak updates of critic and actor targets.
public final class A2PR: OfflineAlgorithm {
    public static let name = "a2pr"
    public let config: A2PRConfig
    public let problem: OfflineProblem
    public var updateCount = 0
    /// Actor, critics, targets and their optimizers.
    public let core: TD3Core
    /// V_ψ(s).
    public let value: ValueNetwork
    /// The advantage-filtered VAE.
    public let vae: ConditionalVAE
    let valueOptimizer: Adam
    let vaeOptimizer: Adam
    private var rng: Xoshiro256StarStar

    public init(config: A2PRConfig, problem: OfflineProblem, seed: UInt64) throws {
        guard config.alpha >= 0, config.mask >= 0, config.vaeWeight >= 0, config.valueLearningRate > 0,
            config.vaeLearningRate > 0, !config.vaeHidden.isEmpty
        else {
            throw OfflineAlgorithmError("a2pr: α, mask and vaeWeight must be ≥ 0, learning rates > 0, vaeHidden non-empty")
        }
        self.config = config
        self.problem = problem
        core = try TD3Core(settings: config.td3, problem: problem, seed: seed)
        var init_ = Xoshiro256StarStar(seed: seed).derived("a2pr-networks")
        value = ValueNetwork(observationSize: problem.observationDimension, hidden: config.td3.criticHidden, using: &init_)
        vae = ConditionalVAE(
            observationSize: problem.observationDimension, actionSize: problem.actionDimension,
            hidden: config.vaeHidden, latent: 2 * problem.actionDimension, using: &init_)
        valueOptimizer = Adam(learningRate: config.valueLearningRate)
        vaeOptimizer = Adam(learningRate: config.vaeLearningRate)
        rng = Xoshiro256StarStar(seed: seed).derived("a2pr-noise")
    }

    public var modules: [(name: String, module: Module)] { core.modules + [("value", value), ("vae", vae)] }
    public var generators: [Xoshiro256StarStar] {
        get { [core.rng, rng] }
        set {
            guard newValue.count == 2 else { return }
            core.rng = newValue[0]
            rng = newValue[1]
        }
    }
    public var optimizers: [(name: String, optimizer: any Optimizer)] {
        core.optimizers + [("value", valueOptimizer), ("vae", vaeOptimizer)]
    }

    /// The VAE loss `mean(w·1[Q1(s,a) > V(s)]·(â − a)²) + ½·KL` (indicator per sample, mean over all entries).
    public static func vaeLoss(
        reconstruction: Tensor, actions: Tensor, mean: Tensor, std: Tensor, positiveAdvantage: Tensor, weight: Double
    ) -> Tensor {
        let recon = ((reconstruction - actions).square() * (positiveAdvantage * weight).unsqueezed(axis: 1)).mean()
        return recon + ConditionalVAE.klDivergence(mean: mean, std: std) * 0.5
    }

    /// The adaptive behaviour-cloning term: `mean((π − ã)²·m·(1[A_π ≥ 0] + 1[A_a > 0]))` with ã = â_π where
    /// A_π ≥ A_a, else a. Also returns the fraction of VAE targets and of unconstrained samples.
    public static func adaptiveBCLoss(
        policyActions pi: Tensor, vaeActions: Tensor, datasetActions: Tensor, advantageVAE: Tensor,
        advantageDataset: Tensor, mask: Double
    ) -> (loss: Tensor, vaeFraction: Double, unconstrainedFraction: Double) {
        let useVAE = advantageVAE.greaterEqual(advantageDataset).detached()
        let target = vaeActions * useVAE.unsqueezed(axis: 1) + datasetActions * (1 - useVAE).unsqueezed(axis: 1)
        let weight = (advantageVAE.greaterEqual(Tensor.zeros(like: advantageVAE))
            + advantageDataset.greater(Tensor.zeros(like: advantageDataset))).detached() * mask
        let loss = ((pi - target).square() * weight.unsqueezed(axis: 1)).mean()
        let w = weight.floats
        return (
            loss, Double(useVAE.mean().item()),
            Double(w.filter { $0 == 0 }.count) / Double(max(w.count, 1))
        )
    }

    public func update(_ batch: TransitionBatch) throws -> [Metric] {
        let b = TD3Core.Batch(
            batch, observationDimension: problem.observationDimension, actionDimension: problem.actionDimension,
            gamma: config.td3.gamma)
        // 1. critic (TD3), keeping the smoothed next action for the value target.
        let (target, nextActions) = withNoGrad {
            let noise = Tensor.normal(b.actions.shape, using: &rng)
            let next = TD3Loss.smoothedTargetActions(
                core.actorTarget(b.nextObservations), noise: noise, sigma: config.td3.policyNoise, clip: config.td3.noiseClip)
            let y = TD3Loss.target(
                rewards: b.rewards, bootstrap: b.bootstrap, nextMinQ: core.criticTarget.minimumQ(b.nextObservations, next))
            return (y.detached(), next.detached())
        }
        let (criticLoss, q1Mean) = core.updateCritic(b, target: target)
        // 2. value toward min(y, r + γ(1−d)·min Q_online(s′, ã′)); V(s) is read before its update (as the code).
        let valueTarget = withNoGrad {
            minimum(target, TD3Loss.target(
                rewards: b.rewards, bootstrap: b.bootstrap,
                nextMinQ: core.critic.minimumQ(b.nextObservations, nextActions))).detached()
        }
        let valueBefore = withNoGrad { value(b.observations).detached() }
        let (valueLoss, valueGradients) = valueAndGrad(value) { v in mseLoss(v(b.observations), valueTarget) }
        valueOptimizer.update(value, gradients: valueGradients)
        // 3. advantage-filtered VAE.
        let qData = withNoGrad { core.critic.q1(b.observations, b.actions).detached() }
        let positive = qData.greater(valueBefore).detached()
        var noise = rng
        let (vaeLoss, vaeGradients) = valueAndGrad(vae) { vae in
            let (reconstruction, mean, std) = vae.reconstruct(b.observations, b.actions, using: &noise)
            return Self.vaeLoss(
                reconstruction: reconstruction, actions: b.actions, mean: mean, std: std, positiveAdvantage: positive,
                weight: config.vaeWeight)
        }
        rng = noise
        vaeOptimizer.update(vae, gradients: vaeGradients)
        updateCount += 1
        var metrics = [
            Metric(MetricTag.qfLoss, criticLoss), Metric(MetricTag.qf1Values, q1Mean),
            Metric(OfflineMetricTag.valueLoss, Double(valueLoss.item())),
            Metric(OfflineMetricTag.vaeLoss, Double(vaeLoss.item())),
        ]
        guard updateCount % config.td3.policyFrequency == 0 else { return metrics }
        // 4. actor with adaptive advantage-guided BC.
        var lambda = 0.0, bc = 0.0, vaeFraction = 0.0, unconstrained = 0.0
        let critic = core.critic, vae = self.vae
        let advantageData = qData - valueBefore
        var actorNoise = rng
        let actorLoss = core.updateActor { actor in
            let pi = actor(b.observations)
            let q = critic.q1(b.observations, pi)
            let l = BehaviorRegularizedLoss.lambda(alpha: config.alpha, q: q)
            let (vaeActions, _, _) = vae.reconstruct(b.observations, pi, using: &actorNoise)
            let advantageVAE = withNoGrad { (critic.q1(b.observations, vaeActions.detached()) - valueBefore).detached() }
            let (bcLoss, fraction, free) = Self.adaptiveBCLoss(
                policyActions: pi, vaeActions: vaeActions, datasetActions: b.actions, advantageVAE: advantageVAE,
                advantageDataset: advantageData, mask: config.mask)
            lambda = l
            bc = Double(bcLoss.item())
            vaeFraction = fraction
            unconstrained = free
            return -(q.mean() * l) + bcLoss
        }
        rng = actorNoise
        metrics += [
            Metric(MetricTag.actorLoss, actorLoss), Metric(OfflineMetricTag.bcLoss, bc),
            Metric(OfflineMetricTag.lambda, lambda), Metric(OfflineMetricTag.vaeTargetFraction, vaeFraction),
            Metric(OfflineMetricTag.unconstrainedFraction, unconstrained),
        ]
        return metrics
    }

    public func act(_ observations: [Float], count: Int) -> [Float] { core.act(observations, count: count) }
}
