import Tensor

extension RLVRTrainer {
    /// The candidates a step samples groups for, by ``RLVRConfig/selection`` (see ``PromptSelection``).
    /// - Returns: the chosen problems and `selection/*` metrics.
    /// - Throws: tokenizer or generation errors (SELF's greedy decode).
    func select<G: RandomNumberGenerator>(
        _ candidates: [TaskProblem], using rng: inout G
    ) throws -> (problems: [TaskProblem], metrics: [String: Double]) {
        let selection = config.selection
        switch selection.method {
        case .uniform:
            return (candidates, [:])
        case .greedyFail:
            let solved = try greedilySolved(candidates)
            var kept: [TaskProblem] = []
            for (problem, isSolved) in zip(candidates, solved)
            where !isSolved || (selection.mixFraction > 0 && rng.nextDouble() < selection.mixFraction) {
                kept.append(problem)
            }
            let fraction = Double(solved.filter { $0 }.count) / Double(max(candidates.count, 1))
            let metrics = [
                RLVRMetricNames.greedySolvedFraction: fraction, RLVRMetricNames.greedyDecodes: Double(candidates.count),
            ]
            return (kept, metrics)
        case .mopps, .insight, .expectedDifficulty, .inverseEvidence:
            let count = min(config.promptsPerStep, candidates.count)
            var pool = Array(candidates.indices)
            let scored = selection.candidateMultiplier == 0 ? pool.count : min(pool.count, selection.candidateMultiplier * count)
            for i in 0..<scored { pool.swapAt(i, i + rng.int(below: pool.count - i)) }
            pool = Array(pool.prefix(scored))
            let beliefsNow = pool.map { beliefs[candidates[$0].prompt] ?? selection.prior }
            let scores = selection.scores(beliefsNow, rollouts: config.groupSize, using: &rng)
            // highest score first; ties broken by position in the (random) candidate subset
            let ranked = pool.indices.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
            let chosen = Array(ranked.prefix(count))
            let meanScore = chosen.map { scores[$0] }.reduce(0, +) / Double(max(chosen.count, 1))
            let meanBelief = chosen.map { beliefsNow[$0].mean }.reduce(0, +) / Double(max(chosen.count, 1))
            return (
                chosen.map { candidates[pool[$0]] },
                [RLVRMetricNames.selectionScore: meanScore, RLVRMetricNames.selectionMeanBelief: meanBelief]
            )
        }
    }

    /// Updates the Beta beliefs of the prompts in `batch` (rows grouped by `problems`, `groupSize` each) with their
    /// first reward function's correctness.
    func observe(_ batch: RolloutBatch, problems: [TaskProblem]) {
        guard config.selection.usesBeliefs else { return }
        let g = config.groupSize, selection = config.selection
        for (i, problem) in problems.enumerated() where (i + 1) * g <= batch.count {
            let successes = batch.correct[(i * g)..<((i + 1) * g)].filter { $0 }.count
            var belief = beliefs[problem.prompt] ?? selection.prior
            belief.update(successes: successes, trials: g, decay: selection.decay, prior: selection.prior)
            beliefs[problem.prompt] = belief
        }
    }

    /// Whether the first reward function judges each problem's greedy completion correct.
    func greedilySolved(_ problems: [TaskProblem]) throws -> [Bool] {
        guard !problems.isEmpty else { return [] }
        let prompts = try problems.map { try encodePrompt($0.prompt) }
        let greedy = GenerationConfig(
            maxNewTokens: config.maxCompletionLength, temperature: 0, stopTokens: stopTokenIDs, padToken: padTokenValue)
        var unused = SplitMix64(seed: 0)
        let result = try model.generate(prompts: prompts, config: greedy, using: &unused)
        let judge = rewardFunctions[0].verifier
        return zip(problems, result.tokens).map { problem, tokens in
            judge.verify(prompt: problem.prompt, completion: decodeCompletion(tokens), groundTruth: problem.groundTruth)
                .correct
        }
    }
}
