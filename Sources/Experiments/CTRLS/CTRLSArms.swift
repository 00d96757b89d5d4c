import Foundation
import Language
import Tensor

/// The compared arms: (a) the frozen coded LM sampling its own codes at temperature 1 (no controller); (b) a
/// controller trained without ε-greedy and without entropy bonus; (c) the CTRLS controller with ε-greedy
/// 0.1 → 0.01 and entropy bonus α = 0.01. Every trained controller is evaluated with ε = 0.
enum CTRLSArm: String, CaseIterable, Codable, Sendable {
    case frozen = "(a) frozen LM, own codes"
    case plain = "(b) controller, no ε, no entropy"
    case ctrls = "(c) CTRLS: ε 0.1→0.01, entropy 0.01"

    var exploration: ExplorationSchedule {
        switch self {
        case .frozen, .plain: .none
        case .ctrls: (try? ExplorationSchedule(start: 0.1, end: 0.01)) ?? .none
        }
    }

    var entropyCoefficient: Double { self == .ctrls ? 0.01 : 0 }

    /// Trains a fresh controller over `base` (for the trained arms) and evaluates; returns the evaluation and the
    /// training-reward curve (mean reward per step).
    func run(
        base: LlamaModel, budget: CTRLSBudget, training: some TaskGenerator, heldOut: [TaskProblem],
        verifier: any Verifier, seed: UInt64
    ) throws -> (evaluation: CTRLSEvaluation, rewards: [Double]) {
        let root = Xoshiro256StarStar(seed: seed)
        var initRNG = root.derived("init"), rolloutRNG = root.derived("rollout"), evalRNG = root.derived("eval")
        guard self != .frozen else {
            let evaluation = try CTRLSEvaluation.run(
                base, problems: heldOut, samples: budget.evaluationSamples, maxNewTokens: budget.maxCompletionLength,
                verifier: verifier, using: &evalRNG)
            return (evaluation, [])
        }
        let tokenizer = SyntheticTask.tokenizer
        let codes = try StepControlCodes.coded(encode: { try tokenizer.encode($0) })
        let model = try SteeredLanguageModel(frozen: base, codes: codes, width: budget.controllerWidth, using: &initRNG)
        let config = budget.config(entropyCoefficient: entropyCoefficient)
        let trainer = try RLVRTrainer(
            model: model, config: config,
            rewardFunctions: [
                WeightedReward(name: "accuracy", verifier: RewardSchemeVerifier(base: verifier, scheme: config.rewards))
            ],
            encode: { try tokenizer.encode($0) }, decode: { tokenizer.decode($0) },
            stopTokens: [CharacterTokenizer.endOfSequence], padToken: CharacterTokenizer.padding, using: &initRNG)
        var rewards: [Double] = []
        for step in 0..<budget.steps {
            model.epsilon = exploration.epsilon(step: step, of: budget.steps)
            let metrics = try trainer.step(task: training, using: &rolloutRNG)
            if let loss = metrics[RLVRMetricNames.policyLoss], !loss.isFinite {
                throw ReproductionError.invalidSettings(
                    "ctrls: the policy loss became \(loss); lower the learning rate")
            }
            rewards.append(metrics[RLVRMetricNames.reward] ?? .nan)
        }
        model.epsilon = 0
        let evaluation = try CTRLSEvaluation.run(
            model, problems: heldOut, samples: budget.evaluationSamples, maxNewTokens: budget.maxCompletionLength,
            verifier: verifier, using: &evalRNG)
        return (evaluation, rewards)
    }
}
