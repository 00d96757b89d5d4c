import Foundation
import Tensor

/// CTRLS's step policy over a frozen language model (reconstruction of arXiv:2507.08182): a small controller
/// reads the latent state s_t, the frozen LM's final hidden state at a step-start token (a causal summary of the
/// prompt and the steps so far), and chooses one of K control codes; the frozen LM then writes the step
/// conditioned on that code.
///
/// It is an ordinary ``CausalLanguageModel``, so the one ``RLVRTrainer`` trains it unchanged: at a trigger
/// position (``StepControlCodes/triggers(row:decoding:)``) the next-token logits are the log of the ε-greedy code
/// distribution `(1 − ε)·softmax(f(s_t)) + ε/K` on the code tokens and −10⁹ elsewhere; at every other position
/// they are the frozen LM's. ``parameters()`` are only the controller's, and ``lossMask(prompt:completion:)``
/// keeps only the code tokens in the loss, so the policy loss, the entropy bonus (the entropy of the code
/// distribution) and any KL act on controller decisions alone.
///
/// Hidden states are `[frozen hidden, trigger indicator]` (``hiddenSize`` = d + 1); the indicator comes from
/// the ids passed in, so cached generation equals a full forward pass. Saving as a model directory
/// (``ModelDirectoryWriter``) and ``cloned()`` are unsupported and throw: `save(to:)` (``Module``) writes the
/// controller's weights alone (`hidden.*`, `head.*`) and `load(from:)` reads them back onto a model wrapping the
/// same frozen LM.
public final class SteeredLanguageModel: Module, LossMaskingLanguageModel {
    /// The controller's hidden layer, d → width (tanh).
    public let hidden: Linear
    /// The controller's output layer, width → K code logits (zero-initialised: uniform codes at the start).
    public let head: Linear
    /// ε of ε-greedy exploration over the codes, in [0, 1] (values outside are clamped); 0 for evaluation. Set by
    /// an ``ExplorationSchedule``.
    public var epsilon: Double = 0
    private let _frozen: any CausalLanguageModel
    private let _codes: StepControlCodes
    /// `[V, K]` one-hot: code k's log-probability lands on its token id.
    private let _scatter: Tensor
    /// `[V]`: 0 on code tokens, −10⁹ elsewhere.
    private let _offCodes: Tensor

    /// Wraps `frozen` (never updated) with a freshly initialised controller.
    /// - Parameters:
    ///   - frozen: the coded base model.
    ///   - codes: the code tokens and step triggers.
    ///   - width: controller hidden width (default 64).
    ///   - rng: initialises the hidden layer.
    /// - Throws: ``LanguageModelError`` when a code token is outside the vocabulary or `width < 1`.
    public init<G: RandomNumberGenerator>(
        frozen: any CausalLanguageModel, codes: StepControlCodes, width: Int = 64, using rng: inout G
    ) throws(LanguageModelError) {
        let v = frozen.vocabularySize
        guard width >= 1 else { throw LanguageModelError("SteeredLanguageModel: width must be ≥ 1; got \(width)") }
        guard (codes.codes + codes.separators + [codes.promptEnd]).allSatisfy({ (0..<v).contains($0) }) else {
            throw LanguageModelError("SteeredLanguageModel: code or trigger ids outside the vocabulary 0..<\(v)")
        }
        _frozen = frozen
        _codes = codes
        hidden = Linear(frozen.hiddenSize, width, using: &rng)
        head = Linear(width, codes.count, initializer: .zeros, biasInitializer: .zeros, using: &rng)
        var scatter = [Float](repeating: 0, count: v * codes.count)
        var off = [Float](repeating: -1e9, count: v)
        for (k, id) in codes.codes.enumerated() {
            scatter[id * codes.count + k] = 1
            off[id] = 0
        }
        _scatter = Tensor(scatter, shape: [v, codes.count])
        _offCodes = Tensor(off, shape: [v])
        super.init()
    }

    /// The frozen language model.
    public var frozen: any CausalLanguageModel { _frozen }
    /// The code tokens and triggers.
    public var codes: StepControlCodes { _codes }

    public var vocabularySize: Int { _frozen.vocabularySize }
    public var contextLength: Int { _frozen.contextLength }
    public var hiddenSize: Int { _frozen.hiddenSize + 1 }
    public var layerCount: Int { _frozen.layerCount }

    public func hiddenStates(
        ids: [Int], batch: Int, length: Int, keyMask: [Bool]?, positions: [Int]?, cache: inout LanguageModelCache?
    ) -> Tensor {
        let decoding = (cache?.length ?? 0) > 0
        let h = _frozen.hiddenStates(
            ids: ids, batch: batch, length: length, keyMask: keyMask, positions: positions, cache: &cache)
        var flags = [Float](repeating: 0, count: batch * length)
        for b in 0..<batch {
            let row = ids[(b * length)..<((b + 1) * length)]
            for (t, on) in _codes.triggers(row: row, decoding: decoding).enumerated() where on {
                flags[b * length + t] = 1
            }
        }
        return concat([h, Tensor(flags, shape: [batch, length, 1]).cast(h.dtype)], axis: 2)
    }

    public func outputLogits(_ hidden: Tensor) -> Tensor {
        let last = hidden.rank - 1
        let parts = hidden.split(sizes: [_frozen.hiddenSize, 1], axis: last)
        let (state, indicator) = (parts[0], parts[1])
        let frozenLogits = _frozen.outputLogits(state)
        let codeLogits = linear(codeLogProbabilities(state), weight: _scatter.cast(state.dtype))
            + _offCodes.cast(state.dtype)
        return indicator * codeLogits + (1 - indicator) * frozenLogits
    }

    /// log π(code | s_t) `[..., K]` of latent states `[..., d]` under the current ε:
    /// `log((1 − ε)·softmax(f(s)) + ε/K)` (exactly `logSoftmax(f(s))` when ε = 0).
    public func codeLogProbabilities(_ state: Tensor) -> Tensor {
        let z = head(tanh(hidden(state)))
        let e = min(max(epsilon, 0), 1)
        guard e > 0 else { return logSoftmax(z, axis: -1) }
        return log((1 - e) * softmax(z, axis: -1) + e / Double(_codes.count))
    }

    /// 1 on completion tokens chosen at a trigger (the codes), 0 on the frozen LM's tokens.
    public func lossMask(prompt: [Int], completion: [Int]) -> [Double] {
        let flags = _codes.triggers(row: prompt + completion, decoding: false)
        return completion.indices.map { j in flags[prompt.count - 1 + j] ? 1 : 0 }
    }
}
