import Tensor

extension CausalLanguageModel {
    /// Completes a batch of prompts with a key/value cache: one prefill pass over the left-padded prompts, then
    /// one token per row per step, until every row has produced a stop token or `maxNewTokens` tokens (or the
    /// context is full). Runs without recording gradients.
    ///
    /// Sampling is reproducible: the same model, prompts, config and generator state give the same completions.
    /// Each unfinished row draws one uniform per step (none when greedy).
    ///
    /// - Parameters:
    ///   - prompts: token ids per prompt, each non-empty, within the vocabulary.
    ///   - config: length, temperature, top-k, top-p and stop tokens.
    ///   - rng: the generator for sampling.
    /// - Returns: the completions with per-token log-probabilities and entropies.
    /// - Throws: ``GenerationError`` for invalid settings, empty prompts or ids outside the vocabulary.
    /// - Complexity: one forward pass over the prompts plus one single-token pass per new token, O(B · L) cache.
    public func generate<G: RandomNumberGenerator>(
        prompts: [[Int]], config: GenerationConfig, using rng: inout G
    ) throws(GenerationError) -> GenerationResult {
        try config.validate()
        let batch = prompts.count
        guard batch > 0 else { return GenerationResult(tokens: [], logProbabilities: [], entropies: [], finishReasons: []) }
        for (i, prompt) in prompts.enumerated() {
            guard !prompt.isEmpty else { throw GenerationError("prompt \(i) is empty; give at least one token (e.g. BOS)") }
            if let bad = prompt.first(where: { $0 < 0 || $0 >= vocabularySize }) {
                throw GenerationError("prompt \(i) has token id \(bad) outside the vocabulary 0..<\(vocabularySize)")
            }
        }
        guard (0..<vocabularySize).contains(config.padToken) else {
            throw GenerationError("padToken \(config.padToken) is outside the vocabulary 0..<\(vocabularySize)")
        }
        let promptLength = prompts.map(\.count).max() ?? 0
        guard promptLength < contextLength else {
            throw GenerationError("a prompt has \(promptLength) tokens but the model's context is \(contextLength)")
        }
        let steps = min(config.maxNewTokens, contextLength - promptLength)
        let sampler = TokenSampler(config: config)
        let stops = Set(config.stopTokens)

        // left-pad: row b's real tokens end at promptLength − 1; positions count real tokens only
        var ids: [Int] = [], mask: [Bool] = [], positions: [Int] = []
        var nextPosition = [Int](repeating: 0, count: batch)
        for (b, prompt) in prompts.enumerated() {
            let pad = promptLength - prompt.count
            ids += Array(repeating: config.padToken, count: pad) + prompt
            mask += Array(repeating: false, count: pad) + Array(repeating: true, count: prompt.count)
            positions += Array(repeating: 0, count: pad) + Array(0..<prompt.count)
            nextPosition[b] = prompt.count
        }
        var result = GenerationResult(
            tokens: Array(repeating: [], count: batch), logProbabilities: Array(repeating: [], count: batch),
            entropies: Array(repeating: [], count: batch), finishReasons: Array(repeating: .length, count: batch))
        guard steps > 0 else { return result }

        var cache = makeCache(capacity: promptLength + steps)
        var finished = [Bool](repeating: false, count: batch)
        var inputLength = promptLength
        for step in 0..<steps {
            let logits: Tensor = withNoGrad {
                var optional: LanguageModelCache? = cache
                cache = LanguageModelCache(layerCount: 0)
                let hidden = hiddenStates(
                    ids: ids, batch: batch, length: inputLength, keyMask: mask, positions: positions,
                    cache: &optional)
                cache = optional ?? cache
                let last = inputLength == 1 ? hidden : hidden.slice(axis: 1, (inputLength - 1)..<inputLength)
                return outputLogits(last)
            }
            var chosen = [Int](repeating: config.padToken, count: batch)
            logits.withFloats { all in
                let v = vocabularySize
                for b in 0..<batch where !finished[b] {
                    let row = UnsafeBufferPointer(rebasing: all[(b * v)..<((b + 1) * v)])
                    let s = sampler.sample(row, using: &rng)
                    chosen[b] = s.token
                    result.tokens[b].append(s.token)
                    result.logProbabilities[b].append(s.logProbability)
                    result.entropies[b].append(s.entropy)
                    if stops.contains(s.token) {
                        finished[b] = true
                        result.finishReasons[b] = .stop
                    }
                }
            }
            if finished.allSatisfy({ $0 }) || step == steps - 1 { break }
            ids = chosen
            positions = nextPosition
            for b in 0..<batch { nextPosition[b] += 1 }
            // the new column of the key mask: real for every row (finished rows' outputs are ignored)
            var grown: [Bool] = []
            grown.reserveCapacity(mask.count + batch)
            let width = mask.count / batch
            for b in 0..<batch { grown += mask[(b * width)..<((b + 1) * width)] + [true] }
            mask = grown
            inputLength = 1
        }
        return result
    }
}
