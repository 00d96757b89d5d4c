import Tensor

/// Per-token log-probabilities, entropies and hidden states of completions under a ``CausalLanguageModel``,
/// computed in one full forward pass over `[left-padded prompt | right-padded completion]` rows.
struct SequenceScorer {
    /// Temperature the logits are divided by (the sampling temperature).
    var temperature: Double
    /// The token fed at padding positions.
    var padToken: Int

    struct Output {
        /// `[B, T]` log π(completion token), differentiable unless computed under no-grad.
        var logProbs: Tensor
        /// `[B, T]` entropy of the next-token distribution.
        var entropy: Tensor
        /// `[B, T, hidden]` final hidden states at the positions that predict each completion token.
        var hidden: Tensor
        /// `[B, T, V]` log π(·|s_t) at every completion position (differentiable like `logProbs`).
        var logProbabilities: Tensor
    }

    func score<M: CausalLanguageModel>(model: M, prompts: [[Int]], completions: [[Int]], width: Int) -> Output {
        let batch = prompts.count
        let promptLength = prompts.map(\.count).max() ?? 1
        let length = promptLength + width
        var ids: [Int] = [], keyMask: [Bool] = [], positions: [Int] = [], targets: [Int] = []
        for (prompt, completion) in zip(prompts, completions) {
            let pad = promptLength - prompt.count
            let tail = width - completion.count
            ids +=
                Array(repeating: padToken, count: pad) + prompt + completion + Array(repeating: padToken, count: tail)
            keyMask += Array(repeating: false, count: pad) + Array(repeating: true, count: prompt.count + width)
            positions += Array(repeating: 0, count: pad) + Array(0..<(prompt.count + width))
            targets += completion + Array(repeating: padToken, count: tail)
        }
        var noCache: LanguageModelCache? = nil
        let hiddenAll = model.hiddenStates(
            ids: ids, batch: batch, length: length, keyMask: keyMask, positions: positions, cache: &noCache)
        // position promptLength − 1 + t predicts completion token t
        let hidden = hiddenAll.slice(axis: 1, (promptLength - 1)..<(promptLength - 1 + width))
        var logits = model.outputLogits(hidden)
        if temperature != 1 { logits = logits / temperature }
        let logSoftmaxed = logSoftmax(logits, axis: -1)
        let logProbs = logSoftmaxed.gather(indices: targets, axis: 2).reshaped([batch, width])
        let entropy = 0 - (exp(logSoftmaxed) * logSoftmaxed).sum(axis: 2)
        return Output(logProbs: logProbs, entropy: entropy, hidden: hidden, logProbabilities: logSoftmaxed)
    }
}
