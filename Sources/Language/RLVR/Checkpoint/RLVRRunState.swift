import Tensor

/// Everything of an RLVR run besides tensors that a resumed run needs to continue exactly where the uninterrupted
/// run would be: the step, the random streams (prompts and sampling, held-out evaluation), the trainer's counters
/// and prompt beliefs, and what the run produced so far. Saved as `trainer_state.json` in each checkpoint.
public struct RLVRRunState: Codable, Equatable, Sendable {
    /// Trainer steps done.
    public var step: Int
    /// The `"rollout"` stream (prompt draws, sampling, minibatch shuffles): the data sampler's position.
    public var rolloutGenerator: Xoshiro256StarStar
    /// The `"eval"` stream of held-out evaluations.
    public var evaluationGenerator: Xoshiro256StarStar
    /// The trainer's next rollout-group id.
    public var nextGroupID: Int
    /// The trainer's Beta beliefs per prompt (MoPPS / InSight selection).
    public var beliefs: [String: BetaBelief]
    /// SIREN's anchor entropy, once set.
    public var sirenAnchor: Double?
    /// Trainer metrics of every step so far (index = step − 1).
    public var metrics: [[String: Double]]
    /// Held-out evaluations so far.
    public var evaluations: [RLVREvaluationRecord]

    /// A state.
    public init(
        step: Int, rolloutGenerator: Xoshiro256StarStar, evaluationGenerator: Xoshiro256StarStar, nextGroupID: Int,
        beliefs: [String: BetaBelief], sirenAnchor: Double?, metrics: [[String: Double]],
        evaluations: [RLVREvaluationRecord]
    ) {
        self.step = step
        self.rolloutGenerator = rolloutGenerator
        self.evaluationGenerator = evaluationGenerator
        self.nextGroupID = nextGroupID
        self.beliefs = beliefs
        self.sirenAnchor = sirenAnchor
        self.metrics = metrics
        self.evaluations = evaluations
    }
}

/// One held-out evaluation of an RLVR run and the step it was taken at (0 = before training).
public struct RLVREvaluationRecord: Codable, Equatable, Sendable {
    /// The step.
    public var step: Int
    /// The report.
    public var report: EvaluationReport

    /// A record.
    public init(step: Int, report: EvaluationReport) {
        self.step = step
        self.report = report
    }
}

/// A checkpoint of an RLVR run in memory, handed to ``RLVRRunner``'s `onCheckpoint`: the live policy (save its
/// weights, e.g. as a Hugging Face directory with ``RLVRCheckpoint``), the trainer's tensors (optimizer moments,
/// value head) and the ``RLVRRunState``.
public struct RLVRSnapshot {
    /// The policy being trained (its weights are the checkpoint's weights until the next step).
    public var model: any CausalLanguageModel
    /// Optimizer moments (`optimizer.<key>`) and value-head weights (`value_head.<path>`).
    public var tensors: [String: Tensor]
    /// Step, random streams and counters.
    public var state: RLVRRunState
}

/// Where a resumed ``RLVRRunner`` run continues from: the trainer tensors and state of a checkpoint (the policy
/// weights are already in the model passed to `run`).
public struct RLVRResumePoint {
    /// Optimizer moments and value-head weights, as in ``RLVRSnapshot/tensors``.
    public var tensors: [String: Tensor]
    /// The saved state.
    public var state: RLVRRunState

    /// A resume point.
    public init(tensors: [String: Tensor], state: RLVRRunState) {
        self.tensors = tensors
        self.state = state
    }
}

extension RLVRTrainer {
    /// The trainer's tensors for a checkpoint: the optimizer state under `optimizer.` and the value head's weights
    /// under `value_head.` (the policy is saved separately).
    public func checkpointTensors() -> [String: Tensor] {
        var out: [String: Tensor] = [:]
        for (key, tensor) in optimizer.stateTensors() { out["optimizer.\(key)"] = tensor }
        if let valueHead {
            for (path, tensor) in valueHead.namedParameters() { out["value_head.\(path)"] = tensor.detached() }
        }
        return out
    }

    /// Restores what ``checkpointTensors()`` saved and the counters of `state`.
    /// - Throws: ``RLVRInputError`` when a tensor is missing or does not fit (a checkpoint of another config).
    public func restore(tensors: [String: Tensor], state: RLVRRunState) throws(RLVRInputError) {
        if let valueHead {
            for (path, parameter) in valueHead.namedParameters() {
                guard let stored = tensors["value_head.\(path)"], stored.shape == parameter.shape else {
                    throw RLVRInputError(
                        "checkpoint: value_head.\(path) is missing or mis-shaped; was it written with another "
                            + "advantage estimator? Resume with the run's own config")
                }
                parameter.assign(stored.cast(parameter.dtype))
            }
        }
        var moments: [String: Tensor] = [:]
        for (name, tensor) in tensors where name.hasPrefix("optimizer.") {
            moments[String(name.dropFirst(10))] = tensor
        }
        if !moments.isEmpty {
            do { try optimizer.loadState(moments) } catch {
                throw RLVRInputError("checkpoint: optimizer state does not fit the model (\(error.description))")
            }
        }
        nextGroupID = state.nextGroupID
        beliefs = state.beliefs
        sirenAnchor = state.sirenAnchor
    }
}
