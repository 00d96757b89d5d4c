import Tensor

extension CausalLanguageModel {
    /// An independent copy with the same architecture and weights (e.g. the frozen reference policy of KL
    /// regularisation). Supported for ``GPT2Model``, ``LlamaModel`` and ``StrategyPolicy``.
    /// - Throws: ``LanguageModelError`` for another model type.
    public func cloned() throws(LanguageModelError) -> Self {
        let copy: (any CausalLanguageModel)?
        if let gpt2 = self as? GPT2Model {
            var rng = SplitMix64(seed: 0)
            let fresh = try GPT2Model(configuration: gpt2.configuration, using: &rng)
            copy = fresh
        } else if let llama = self as? LlamaModel {
            var rng = SplitMix64(seed: 0)
            copy = try LlamaModel(configuration: llama.configuration, using: &rng)
        } else if let policy = self as? StrategyPolicy {
            copy = policy.copy()
        } else {
            copy = nil
        }
        guard let copy, let typed = copy as? Self else {
            throw LanguageModelError("cloned(): \(type(of: self)) cannot be copied; only GPT2Model, LlamaModel and StrategyPolicy")
        }
        do { try typed.copyParameters(from: self) } catch {
            throw LanguageModelError("cloned(): \(error.description)")
        }
        return typed
    }
}
