import Algorithms
import RLCore
import Tensor

/// The TD3 hyper-parameters shared by TD3+BC, PRDC and A2PR (Fujimoto et al. 2018; defaults of all three papers):
/// the `td3` section of their configs (`--set td3.policyNoise=0.1`, `--set td3.actorHidden=[64,64]`).
public struct TD3CoreSettings: Codable, Equatable, Sendable {
    /// γ, discount (0.99).
    public var gamma: Double
    /// τ, Polyak coefficient of the target networks (0.005).
    public var tau: Double
    /// σ̃, std of the target policy smoothing noise in [−1, 1] action units (0.2).
    public var policyNoise: Double
    /// c, clip of the smoothing noise (0.5).
    public var noiseClip: Double
    /// d, critic updates per actor and target update (2).
    public var policyFrequency: Int
    /// Actor learning rate (Adam, 3e-4).
    public var actorLearningRate: Double
    /// Critic learning rate (Adam, 3e-4).
    public var criticLearningRate: Double
    /// Actor hidden widths.
    public var actorHidden: [Int]
    /// Critic hidden widths.
    public var criticHidden: [Int]

    /// TD3's defaults (γ 0.99, τ 0.005, σ̃ 0.2, c 0.5, d 2, learning rates 3e-4) with the given widths.
    public init(
        gamma: Double = 0.99, tau: Double = 0.005, policyNoise: Double = 0.2, noiseClip: Double = 0.5,
        policyFrequency: Int = 2, actorLearningRate: Double = 3e-4, criticLearningRate: Double = 3e-4,
        actorHidden: [Int] = [256, 256], criticHidden: [Int] = [256, 256]
    ) {
        self.gamma = gamma
        self.tau = tau
        self.policyNoise = policyNoise
        self.noiseClip = noiseClip
        self.policyFrequency = policyFrequency
        self.actorLearningRate = actorLearningRate
        self.criticLearningRate = criticLearningRate
        self.actorHidden = actorHidden
        self.criticHidden = criticHidden
    }

    /// Sets the actor's and the critics' hidden widths to `widths`.
    public mutating func setHiddenSizes(_ widths: [Int]) {
        actorHidden = widths
        criticHidden = widths
    }

    func validate(_ name: String) throws(OfflineAlgorithmError) {
        guard gamma >= 0, gamma <= 1, tau > 0, tau <= 1, policyFrequency > 0, policyNoise >= 0, noiseClip >= 0,
            actorLearningRate > 0, criticLearningRate > 0
        else {
            throw OfflineAlgorithmError(
                "\(name): need γ ∈ [0, 1], τ ∈ (0, 1], policyFrequency > 0, noise ≥ 0 and positive learning rates "
                    + "(got γ \(gamma), τ \(tau), d \(policyFrequency), σ̃ \(policyNoise), c \(noiseClip))")
        }
        guard !actorHidden.isEmpty, !criticHidden.isEmpty, (actorHidden + criticHidden).allSatisfy({ $0 > 0 }) else {
            throw OfflineAlgorithmError("\(name): hidden widths must be non-empty and positive")
        }
    }
}

/// TD3's networks and critic step, shared by the TD3-based offline methods: deterministic tanh actor μ_φ and its
/// target, twin critics and their targets, one Adam each. The method supplies only its actor loss.
public final class TD3Core {
    /// The hyper-parameters.
    public let settings: TD3CoreSettings
    /// μ_φ(s) ∈ [−1, 1]^A: ReLU MLP with tanh output.
    public let actor: MLP
    /// μ_φ′.
    public let actorTarget: MLP
    /// Q_θ1, Q_θ2.
    public let critic: TwinCritic
    /// Q_θ′1, Q_θ′2.
    public let criticTarget: TwinCritic
    /// Actor optimizer.
    public let actorOptimizer: Adam
    /// Critic optimizer.
    public let criticOptimizer: Adam
    /// Target-noise draws.
    var rng: Xoshiro256StarStar

    /// Networks initialised from `seed` (stream `"networks"`; noise from `"noise"`).
    public init(settings: TD3CoreSettings, problem: OfflineProblem, seed: UInt64) throws(OfflineAlgorithmError) {
        try settings.validate("td3")
        self.settings = settings
        let o = problem.observationDimension, a = problem.actionDimension
        var init_ = Xoshiro256StarStar(seed: seed).derived("networks")
        actor = MLP([o] + settings.actorHidden + [a], activation: .relu, outputActivation: .tanh, using: &init_)
        actorTarget = MLP([o] + settings.actorHidden + [a], activation: .relu, outputActivation: .tanh, using: &init_)
        critic = TwinCritic(observationSize: o, actionSize: a, hidden: settings.criticHidden, using: &init_)
        criticTarget = TwinCritic(observationSize: o, actionSize: a, hidden: settings.criticHidden, using: &init_)
        try? actorTarget.copyParameters(from: actor)
        try? criticTarget.copyParameters(from: critic)
        actorOptimizer = Adam(learningRate: settings.actorLearningRate)
        criticOptimizer = Adam(learningRate: settings.criticLearningRate)
        rng = Xoshiro256StarStar(seed: seed).derived("noise")
    }

    /// Checkpoint prefixes.
    public var modules: [(name: String, module: Module)] {
        [("actor", actor), ("actor_target", actorTarget), ("critic", critic), ("critic_target", criticTarget)]
    }

    /// Checkpoint prefixes of the optimizers.
    public var optimizers: [(name: String, optimizer: any Optimizer)] {
        [("actor", actorOptimizer), ("critic", criticOptimizer)]
    }

    /// The batch as tensors.
    public struct Batch {
        /// s `[B, O]`.
        public var observations: Tensor
        /// a `[B, A]`.
        public var actions: Tensor
        /// r `[B]`.
        public var rewards: Tensor
        /// s′ `[B, O]`.
        public var nextObservations: Tensor
        /// γ(1 − d) `[B]`.
        public var bootstrap: Tensor

        /// Tensors of `batch`, bootstrap γ(1 − terminal).
        public init(_ batch: TransitionBatch, observationDimension o: Int, actionDimension a: Int, gamma: Double) {
            let b = batch.count
            observations = Tensor(batch.observations, shape: [b, o])
            actions = Tensor(batch.actions, shape: [b, a])
            rewards = Tensor(batch.rewards, shape: [b])
            nextObservations = Tensor(batch.nextObservations, shape: [b, o])
            bootstrap = Tensor(batch.terminals.map { Float(gamma) * (1 - $0) }, shape: [b])
        }
    }

    /// y = r + γ(1 − d) min_j Q_θ′j(s′, clip(μ_φ′(s′) + clip(ε, −c, c), −1, 1)), ε ~ N(0, σ̃²), detached.
    public func tdTarget(_ batch: Batch) -> Tensor {
        withNoGrad {
            let noise = Tensor.normal(batch.actions.shape, using: &rng)
            let next = TD3Loss.smoothedTargetActions(
                actorTarget(batch.nextObservations), noise: noise, sigma: settings.policyNoise,
                clip: settings.noiseClip)
            return TD3Loss.target(
                rewards: batch.rewards, bootstrap: batch.bootstrap,
                nextMinQ: criticTarget.minimumQ(batch.nextObservations, next)
            ).detached()
        }
    }

    /// One critic step on Σ_j MSE(Q_θj(s, a), y). Returns the loss and mean Q1.
    @discardableResult
    public func updateCritic(_ batch: Batch, target: Tensor) -> (loss: Double, q1Mean: Double) {
        var q1Mean = 0.0
        let (loss, gradients) = valueAndGrad(critic) { critic in
            let (q1, q2) = critic.both(batch.observations, batch.actions)
            q1Mean = Double(q1.mean().item())
            return TD3Loss.criticLoss(q1: q1, q2: q2, target: target)
        }
        criticOptimizer.update(critic, gradients: gradients)
        return (Double(loss.item()), q1Mean)
    }

    /// One actor step on `loss(actor)`, then the Polyak updates of both targets.
    @discardableResult
    public func updateActor(_ loss: (MLP) -> Tensor) -> Double {
        let (value, gradients) = valueAndGrad(actor, loss)
        actorOptimizer.update(actor, gradients: gradients)
        try? criticTarget.softUpdate(from: critic, tau: settings.tau)
        try? actorTarget.softUpdate(from: actor, tau: settings.tau)
        return Double(value.item())
    }

    /// μ_φ(s) for normalised states, without gradients.
    public func act(_ observations: [Float], count: Int) -> [Float] {
        withNoGrad { actor(Tensor(observations, shape: [count, observations.count / max(count, 1)])).floats }
    }
}

/// The behaviour-regularised actor objective of TD3+BC (Fujimoto & Gu 2021, eq. 3) and PRDC (eq. 5):
/// `L = −λ · mean Q1(s, π(s)) + mean ‖π(s) − â‖²` with `λ = α / mean|Q1(s, π(s))|` (detached). TD3+BC takes
/// â = the dataset action a; PRDC the nearest dataset action. `mean ‖·‖²` is PyTorch's `mse_loss` (mean over
/// batch *and* action entries), as both official codes.
public enum BehaviorRegularizedLoss {
    /// λ = α / mean|Q| (detached).
    public static func lambda(alpha: Double, q: Tensor) -> Double {
        alpha / Double(abs(q.detached()).mean().item())
    }

    /// The actor loss and λ.
    public static func actorLoss(q: Tensor, policyActions: Tensor, targetActions: Tensor, alpha: Double)
        -> (loss: Tensor, lambda: Double)
    {
        let l = lambda(alpha: alpha, q: q)
        return (-(q.mean() * l) + mseLoss(policyActions, targetActions), l)
    }
}
