import Foundation

/// SCMA's self-compression (arXiv:2601.21919) as a synthesizer: each reasoning completion is split into chunks
/// (``StepSegmenter``; SCMA's segmentation agent — here a rule, since the tasks' chunks are lines), a scorer rates
/// every chunk 1…5, and the reasoning reward becomes `R_acc − λ·𝟙[correct]·Σ uᵢ|sᵢ|/L_max` with
/// `uᵢ = (5 − wᵢ)/4` (``LengthPenalty``), so only low-importance chunks cost length.
///
/// The scorer is an oracle (``ChunkScorer``) or the policy itself in a scoring role (the multi-agent variant):
/// for every chunk it answers the role's prompt (``RoleTemplate`` with `{chunk}` and `{context}`, the text before
/// the chunk) with one token, read as a digit 1…5 (anything else is 5, keep). Its first answer per chunk sets the
/// penalty; each answer is trained with the **team reward** of the compressed trace it implies (chunks rated ≤ 2
/// removed, the other chunks as the first answers): `1 + removed/|y|` if the compressed trace is still a
/// complete, correct solution (`complete`), else 0 — the team's goal, shortest correct reasoning, so rating an
/// essential chunk redundant costs the whole reward and rating everything essential earns no compression. The
/// scorer's answers to one chunk form a group, and they join the same update as the reasoning rows.
public struct SelfCompression: TrajectorySynthesizer {
    /// Who rates the chunks.
    public enum Scoring {
        /// A fixed scorer (the oracle roles).
        case oracle(any ChunkScorer)
        /// The policy in a scoring role.
        case policy(PolicyScoring)
    }

    /// The scoring role of the shared policy.
    public struct PolicyScoring {
        /// The role's prompt (needs `{chunk}`; `{context}` gets the completion text before the chunk).
        public var template: RoleTemplate
        /// Answers sampled per chunk (≥ 2 so that each chunk's answers have a baseline).
        public var samplesPerChunk: Int
        /// Whether a compressed trace is still a complete, correct solution of the problem.
        public var complete: @Sendable (TaskProblem, String) -> Bool

        /// Creates the role.
        /// - Throws: ``RLVRInputError`` for a template without `{chunk}` or fewer than 2 samples per chunk.
        public init(
            template: String = "rate {chunk} after {context}:", samplesPerChunk: Int = 2,
            complete: @escaping @Sendable (TaskProblem, String) -> Bool
        ) throws(RLVRInputError) {
            guard samplesPerChunk >= 2 else {
                throw RLVRInputError("scoring role: samplesPerChunk must be ≥ 2 (got \(samplesPerChunk))")
            }
            self.template = try RoleTemplate(name: "scorer", template: template, required: ["chunk"])
            self.samplesPerChunk = samplesPerChunk
            self.complete = complete
        }
    }

    /// How completions are split into chunks.
    public var segmenter: any StepSplitter
    /// The penalty (``LengthPenalty/Weighting/importance``).
    public var penalty: LengthPenalty
    /// The scorer.
    public var scoring: Scoring

    /// Creates the synthesizer.
    public init(segmenter: any StepSplitter = StepSegmenter.workedSolution, penalty: LengthPenalty, scoring: Scoring) {
        self.segmenter = segmenter
        self.penalty = penalty
        self.scoring = scoring
    }

    public func synthesize(
        _ batch: inout RolloutBatch, problems: inout [TaskProblem], context: SynthesisContext
    ) throws -> [String: Double] {
        let rows = batch.count
        var chunks: [[StepSegmentation.Step]] = Array(repeating: [], count: rows)
        var unsegmented = 0
        for row in 0..<rows where batch.roles[row].isEmpty {
            do {
                chunks[row] = try segmenter.segment(tokens: batch.completions[row], decode: context.decode).steps
            } catch {
                unsegmented += 1
            }
        }
        if unsegmented == rows && rows > 0 {
            throw RLVRInputError(
                "self-compression: the segmenter \(segmenter) found no chunk in any of the \(rows) completions; "
                    + "set a segmenter that matches the completions' format")
        }
        var importance = chunks.map { Array(repeating: 5, count: $0.count) }
        var metrics: [String: Double] = [:]
        switch scoring {
        case let .oracle(scorer):
            for row in 0..<rows where !chunks[row].isEmpty {
                importance[row] = scorer.importance(of: chunks[row].map(\.text), problem: problems[row])
            }
        case let .policy(role):
            metrics = try scoreWithPolicy(
                role, batch: &batch, problems: &problems, chunks: chunks, importance: &importance, context: context)
        }
        var penalties = 0.0, redundant = 0.0, total = 0.0
        for row in 0..<rows where !chunks[row].isEmpty {
            let cost = penalty.importancePenalty(
                chunkLengths: chunks[row].map(\.tokens.count), importance: importance[row],
                maxLength: context.maxCompletionLength, correct: batch.correct[row])
            batch.rewards[row] -= cost
            penalties += cost
            redundant += Double(importance[row].filter { $0 <= 2 }.count)
            total += 1
        }
        metrics["scma/penalty"] = total > 0 ? penalties / total : 0
        metrics["scma/low_importance_chunks"] = total > 0 ? redundant / total : 0
        return metrics
    }

    private func scoreWithPolicy(
        _ role: PolicyScoring, batch: inout RolloutBatch, problems: inout [TaskProblem],
        chunks: [[StepSegmentation.Step]], importance: inout [[Int]], context: SynthesisContext
    ) throws -> [String: Double] {
        var prompts: [[Int]] = [], owners: [(row: Int, chunk: Int)] = []
        for (row, steps) in chunks.enumerated() {
            let text = Array(context.decode(batch.completions[row]))
            for (k, step) in steps.enumerated() {
                let before = String(text[0..<min(step.characters.lowerBound, text.count)])
                let prompt = try context.encode(role.template.fill(["chunk": step.text, "context": before]))
                for _ in 0..<role.samplesPerChunk {
                    prompts.append(prompt)
                    owners.append((row, k))
                }
            }
        }
        guard !prompts.isEmpty else { return [:] }
        let answers = try context.generate(prompts: prompts, maxNewTokens: 1)
        let ratings = answers.tokens.map { Self.rating(context.decode($0)) }
        // the first answer per chunk is the team's decision
        for (i, owner) in owners.enumerated() where i % role.samplesPerChunk == 0 {
            importance[owner.row][owner.chunk] = ratings[i]
        }
        var extra = RolloutBatch(prompts: [], completions: [], groupIDs: [], rewards: [], correct: [], truncated: [])
        var groupOf: [Int: Int] = [:]  // first answer index → group
        var teamSum = 0.0
        for (i, owner) in owners.enumerated() {
            let first = i - i % role.samplesPerChunk
            if groupOf[first] == nil { groupOf[first] = context.newGroupID() }
            var decisions = importance[owner.row]
            decisions[owner.chunk] = ratings[i]
            let team = teamReward(
                chunks: chunks[owner.row], decisions: decisions, problem: problems[owner.row],
                complete: role.complete)
            teamSum += team
            let token = answers.tokens[i].isEmpty ? [0] : answers.tokens[i]
            extra = extra.appending(
                RolloutBatch(
                    prompts: [prompts[i]], completions: [token], groupIDs: [groupOf[first] ?? 0], rewards: [team],
                    correct: [team > 0], truncated: [false], behaviourLogProbs: [answers.logProbabilities[i]],
                    roles: [role.template.name]))
            problems.append(problems[owner.row])
        }
        batch = batch.appending(extra)
        return [
            "scma/scorer_rows": Double(extra.count), "scma/team_reward": teamSum / Double(max(extra.count, 1)),
            "scma/scorer_invalid": Double(
                answers.tokens.filter { Self.rating(context.decode($0)) == 5 && context.decode($0).first != "5" }.count)
                / Double(max(answers.tokens.count, 1)),
        ]
    }

    /// `1 + removed/|y|` when the trace without the chunks rated ≤ 2 is complete, else 0.
    func teamReward(
        chunks: [StepSegmentation.Step], decisions: [Int], problem: TaskProblem,
        complete: (TaskProblem, String) -> Bool
    ) -> Double {
        let kept = zip(chunks, decisions).filter { $0.1 > 2 }.map(\.0.text)
        let all = chunks.reduce(0) { $0 + $1.text.count }
        let compressed = kept.joined()
        guard complete(problem, compressed) else { return 0 }
        return 1 + Double(all - compressed.count) / Double(max(all, 1))
    }

    /// A scorer answer's rating: its first character as a digit 1…5, else 5 (keep).
    static func rating(_ text: String) -> Int {
        guard let first = text.first, let w = first.wholeNumberValue, (1...5).contains(w) else { return 5 }
        return w
    }
}
