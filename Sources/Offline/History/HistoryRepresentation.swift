import RLCore
import Tensor
import Tracking

/// The networks of a ``HistoryRepresentationConfig`` with an encoder: φ and its target copy, the bisimulation
/// heads, their Adam optimizers and the stream that draws the pair permutations.
public final class HistoryRepresentation {
    /// The settings.
    public let config: HistoryRepresentationConfig
    /// φ.
    public let encoder: HistoryEncoder
    /// φ's target copy (snapped with the Q target).
    public let targetEncoder: HistoryEncoder
    /// r̂ and P̂.
    public let heads: BisimulationHeads
    /// Adam over φ.
    public let encoderOptimizer: Adam
    /// Adam over the heads.
    public let headsOptimizer: Adam
    /// Draws the permutation that pairs rows.
    public var pairing: Xoshiro256StarStar

    /// Builds the networks from the `"representation"` stream of `seed`.
    /// - Throws: ``OfflineAlgorithmError`` for invalid settings, a window that does not divide the observation, or a
    ///   continuous problem.
    public init(
        _ name: String, config: HistoryRepresentationConfig, problem: OfflineProblem, learningRate: Double,
        seed: UInt64
    ) throws {
        try config.validate(name)
        guard let n = problem.actionCount else {
            throw OfflineAlgorithmError("\(name).representation needs a Discrete action space")
        }
        let k = problem.historyLength ?? 1
        guard problem.observationDimension % k == 0 else {
            throw OfflineAlgorithmError(
                "\(name): observations of \(problem.observationDimension) entries are not \(k) history rows; build "
                    + "the dataset with trainer.historyLength=\(k)")
        }
        var rng = Xoshiro256StarStar(seed: seed).derived("representation")
        let width = problem.observationDimension / k
        let masked = problem.historyLength != nil
        encoder = HistoryEncoder(steps: k, stepWidth: width, width: config.encoderWidth, masked: masked, using: &rng)
        targetEncoder = HistoryEncoder(
            steps: k, stepWidth: width, width: config.encoderWidth, masked: masked, using: &rng)
        try targetEncoder.copyParameters(from: encoder)
        heads = BisimulationHeads(
            latentSize: config.encoderWidth, actionCount: n, width: config.modelWidth, using: &rng)
        encoderOptimizer = Adam(learningRate: learningRate)
        headsOptimizer = Adam(learningRate: learningRate)
        pairing = Xoshiro256StarStar(seed: seed).derived("bisimulation-pairs")
        self.config = config
    }

    /// The modules with checkpoint prefixes.
    public var modules: [(name: String, module: Module)] {
        [("encoder", encoder), ("encoder_target", targetEncoder), ("bisimulation", heads)]
    }

    /// The optimizers with checkpoint prefixes.
    public var optimizers: [(name: String, optimizer: any Optimizer)] {
        [("encoder", encoderOptimizer), ("bisimulation", headsOptimizer)]
    }

    /// The auxiliary part of the loss for latents `z = φ(h)` of a batch: c_bisim · J(φ) plus the heads' model loss
    /// (on z when c_bisim > 0, as DBC trains encoder and models together; on sg(z) otherwise, so the encoder is
    /// shaped by the RL loss alone). Returns the loss and J's value.
    public func auxiliaryLoss(
        latents z: Tensor, actions: [Int], rewards: [Float], nextLatents: Tensor, gamma: Double
    ) -> (loss: Tensor, bisimulation: Double, model: Double) {
        let shaping = config.bisimulationWeight > 0
        let prediction = heads(shaping ? z : z.detached(), actions: actions)
        let model = BisimulationHeads.modelLoss(prediction, rewards: rewards, nextLatents: nextLatents)
        var order = Array(0..<actions.count)
        order.shuffle(using: &pairing)
        let reward = config.reward == .model ? withNoGrad { prediction.reward.floats } : rewards
        let targets = BisimulationLoss.targets(
            rewards: reward, means: prediction.mean, stds: prediction.std, permutation: order, gamma: gamma)
        let j = BisimulationLoss.loss(latents: shaping ? z : z.detached(), targets: targets, permutation: order)
        let value = Double(j.item())
        guard shaping else { return (model, value, Double(model.item())) }
        return (model + j * config.bisimulationWeight, value, Double(model.item()))
    }

    /// Snaps the target encoder to φ.
    public func snapTarget() throws { try targetEncoder.copyParameters(from: encoder) }
}

/// Metric tags of the history representation.
public enum HistoryMetricTag {
    /// J(φ), the bisimulation loss (reported with or without c_bisim > 0).
    public static let bisimulationLoss = "losses/bisimulation"
    /// The reward head's and latent dynamics' loss.
    public static let modelLoss = "losses/latent_model"
}
