import Foundation
import Language
import Tensor

/// "Self-Compression of Chain-of-Thought via Multi-Agent RL" (SCMA, arXiv:2601.21919) on a verbose addition base:
/// the tiny Qwen2-style model is SFT'd on worked solutions that repeat earlier lines 0–2 times after each line
/// (redundant chunks) and on 20 % direct answers. Accuracy-only GRPO, a uniform length penalty `λ·|y|/L_max` and
/// SCMA's importance-weighted penalty `λ·Σ uᵢ|sᵢ|/L_max` (chunks = lines; oracle scorer: repeats are 1, the rest 5)
/// at each λ, then SCMA with the policy itself as the scorer trained on the team reward (``SelfCompression``).
/// Only correct answers are penalised.
///
/// What we used: the paper's penalty, role prompts and agent rewards were not reachable (abstract and summaries
/// only); the penalty form `uᵢ = (5 − wᵢ)/4`, λ values, the segmentation rule (lines, not a segmentation agent)
/// and the scorer's counterfactual team reward are ours and documented on ``SelfCompression`` and ``LengthPenalty``.
///
/// Units: stage 0 `base-model` (pretrains and caches the base model, evaluates it), then one unit per
/// arm × λ × seed.
public struct SCMAReproduction: UnitReproduction {
    /// A fixed budget instead of ``SCMABudget/make(quick:)`` (tests run a tiny one).
    var budget: SCMABudget?

    /// The reproduction with the standard quick or full budget.
    public init() {}

    init(budget: SCMABudget?) { self.budget = budget }

    public var id: String { "scma" }
    public var paper: String { "\"Self-Compression of CoT via Multi-Agent RL\" (SCMA, arXiv:2601.21919)" }
    public var claim: String {
        "An importance-weighted length penalty removes redundant reasoning chunks while keeping accuracy, where a "
            + "uniform penalty cuts essential reasoning. Verdict at the largest λ: shown if (1) SCMA (oracle scorer) "
            + "keeps accuracy (final held-out accuracy ≥ accuracy-only GRPO's − 0.03), (2) it removes redundancy "
            + "(redundant chunks per completion ≤ half of GRPO's) and (3) its accuracy exceeds the uniform penalty's "
            + "by more than the standard error of the difference (one seed: by more than 0); partly shown if one or "
            + "two hold; otherwise not shown. The learned-scorer arm is reported."
    }
    public var defaultSeeds: Int { 3 }

    /// One evaluated model: the base model or one (arm, λ, seed) run.
    public struct Record: Codable, Sendable {
        var label: String, lambda: Double, seed: UInt64
        var accuracy: Double, length: Double, redundant: Double, essential: Double, directShare: Double
        var trainPenalty: Double
    }

    /// Runs with `budget` (tests).
    func run(_ context: ReproductionContext, budget: SCMABudget) throws -> ReproductionReport {
        try SCMAReproduction(budget: budget).run(context)
    }

    func budget(_ context: ReproductionContext) throws -> SCMABudget {
        try budget ?? SCMABudget.make(quick: context.quick)
    }

    static func key(_ label: String, _ lambda: Double, _ seed: UInt64) -> String {
        ReproductionUnit.keyFragment(label) + String(format: "-l%g-s%llu", lambda, seed)
    }

    /// `base-model` (stage 0), then every arm × λ × seed, seed-major.
    /// - Throws: ``ReproductionError/invalidSettings(_:)`` without seeds.
    public func units(_ context: ReproductionContext) throws -> [ReproductionUnit] {
        guard context.seeds >= 1 else { throw ReproductionError.invalidSettings("scma needs at least one seed") }
        let arms = try arms(try budget(context))
        return [ReproductionUnit(key: "base-model", arm: "", seed: nil, stage: 0)]
            + context.seedList.flatMap { seed in
                arms.map {
                    ReproductionUnit(
                        key: Self.key($0.0, $0.1, seed), arm: String(format: "%@, λ %g", $0.0, $0.1), seed: seed)
                }
            }
    }

    /// The base model's evaluation (stage 0) or one arm × λ × seed's run and evaluation.
    /// - Throws: an unknown unit, or pretraining, training and evaluation errors.
    public func runUnit(_ unit: ReproductionUnit, _ context: ReproductionContext) throws -> Record {
        let budget = try budget(context)
        let base = try LitePPOBaseModel.obtain(
            task: budget.task, sft: budget.sft, directory: context.directory, log: context.log)
        let generator = try budget.task.makeGenerator()
        let split = HeldOutSplit()
        var heldRNG = Xoshiro256StarStar(seed: 20_260_121)
        let heldOut = split.restrict(generator, heldOut: true).problems(count: budget.heldOutProblems, using: &heldRNG)
        let training = split.restrict(generator, heldOut: false)
        guard let seed = unit.seed else {
            let baseRecord = try evaluate(base, label: "base", lambda: 0, seed: 0, budget: budget, heldOut: heldOut,
                                          verifier: generator.verifier, penalty: .nan)
            context.log(String(format: "base: accuracy %.3f, length %.1f, redundant chunks %.2f", baseRecord.accuracy,
                               baseRecord.length, baseRecord.redundant))
            return baseRecord
        }
        guard let arm = try arms(budget).first(where: { Self.key($0.0, $0.1, seed) == unit.key }) else {
            throw unknown(unit, context)
        }
        let (label, lambda, config) = arm
        let runStart = Stopwatch.now()
        let model = try base.cloned()
        let synthesizer: (any TrajectorySynthesizer)? =
            config.lengthPenalty.weighting == .importance
            ? try config.compression.synthesizer(penalty: config.lengthPenalty, task: budget.task) : nil
        let tokenizer = SyntheticTask.tokenizer
        let runner = RLVRRunner(
            encode: { try tokenizer.encode($0) }, decode: { tokenizer.decode($0) },
            stopTokens: [CharacterTokenizer.endOfSequence], padToken: CharacterTokenizer.padding,
            steps: budget.steps, evaluateEvery: 0,
            evaluator: RLVREvaluator(
                samples: 1, ks: [1], generation: GenerationConfig(maxNewTokens: budget.maxCompletionLength)))
        let outcome = try runner.run(
            model: model, config: config, task: training, heldOut: Array(heldOut.prefix(4)), seed: seed,
            synthesizer: synthesizer)
        let penalties = outcome.metrics.compactMap { $0["scma/penalty"] }
        let record = try evaluate(
            model, label: label, lambda: lambda, seed: seed, budget: budget, heldOut: heldOut,
            verifier: generator.verifier,
            penalty: penalties.isEmpty ? .nan : penalties.reduce(0, +) / Double(penalties.count))
        context.log(
            String(
                format: "%@ seed %llu: accuracy %.3f, length %.1f, redundant %.2f, essential %.2f (%.0f s)",
                label, seed, record.accuracy, record.length, record.redundant, record.essential,
                Stopwatch.now() - runStart))
        return record
    }

    /// The table, plot and verdict from the base evaluation and every run.
    /// - Throws: ``ReproductionUnitError/missingUnits(reproduction:keys:)``.
    public func report(_ results: [String: Record], _ context: ReproductionContext) throws -> ReproductionReport {
        let ordered = try ordered(results, units(context))
        guard let base = ordered.first else {
            throw ReproductionUnitError.missingUnits(reproduction: id, keys: ["base-model"])
        }
        return report(Array(ordered.dropFirst()), base: base, budget: try budget(context), context: context, seconds: 0)
    }

    static let grpo = "GRPO (accuracy only)", uniform = "uniform penalty", scma = "SCMA, oracle scorer",
        learned = "SCMA, policy as scorer"

    private func arms(_ budget: SCMABudget) throws -> [(String, Double, RLVRConfig)] {
        let grpo = budget.configure(RLVRConfig(advantage: .grpo, objective: RLVRObjective(aggregation: .tokenMean)))
        var out: [(String, Double, RLVRConfig)] = [(Self.grpo, 0, grpo)]
        for lambda in budget.lambdas {
            var uniform = grpo, scma = budget.configure(.scma)
            uniform.lengthPenalty = LengthPenalty(weighting: .uniform, lambda: lambda)
            scma.lengthPenalty.lambda = lambda
            out.append((Self.uniform, lambda, uniform))
            out.append((Self.scma, lambda, scma))
        }
        var learned = budget.configure(.scma)
        learned.lengthPenalty.lambda = budget.policyScorerLambda
        learned.compression.scorer = .policy
        out.append((Self.learned, budget.policyScorerLambda, learned))
        return out
    }

    /// Held-out accuracy, length (tokens) and chunk counts from `samples` transcripts per problem.
    private func evaluate<M: CausalLanguageModel>(
        _ model: M, label: String, lambda: Double, seed: UInt64, budget: SCMABudget, heldOut: [TaskProblem],
        verifier: any Verifier, penalty: Double
    ) throws -> Record {
        let tokenizer = SyntheticTask.tokenizer
        var rng = Xoshiro256StarStar(seed: 20_260_122 &+ seed)
        let transcripts = try Transcript.sample(
            model: model, problems: heldOut, count: budget.samples, verifier: verifier, segmenter: StepSegmenter.workedSolution,
            generation: GenerationConfig(
                maxNewTokens: budget.maxCompletionLength, temperature: 1, stopTokens: [CharacterTokenizer.endOfSequence],
                padToken: CharacterTokenizer.padding),
            encode: { try tokenizer.encode($0) }, decode: { tokenizer.decode($0) }, using: &rng)
        let n = Double(max(transcripts.count, 1))
        var redundant = 0.0, essential = 0.0, direct = 0.0
        for t in transcripts {
            let ratings = RepeatedChunkScorer().importance(of: t.steps, problem: TaskProblem(prompt: t.prompt, groundTruth: t.groundTruth))
            redundant += Double(ratings.filter { $0 == 1 }.count)
            essential += Double(ratings.filter { $0 == 5 }.count - (t.steps.last?.hasPrefix("Answer") == true ? 1 : 0))
            if t.steps.count <= 1 { direct += 1 }
        }
        return Record(
            label: label, lambda: lambda, seed: seed,
            accuracy: Double(transcripts.filter(\.correct).count) / n,
            length: transcripts.reduce(0.0) { $0 + Double($1.completion.count + 1) } / n,
            redundant: redundant / n, essential: essential / n, directShare: direct / n, trainPenalty: penalty)
    }

    private func report(
        _ records: [Record], base: Record, budget: SCMABudget, context: ReproductionContext, seconds: Double
    ) -> ReproductionReport {
        func summary(_ label: String, _ lambda: Double, _ v: (Record) -> Double) -> SeedSummary {
            SeedSummary(records.filter { $0.label == label && $0.lambda == lambda }.map(v))
        }
        var table = ResultTable(
            title: "Held-out addition (\(budget.heldOutProblems) problems × \(budget.samples) samples) after "
                + "\(budget.steps) steps, G \(budget.groupSize), \(budget.promptsPerStep) prompts per step "
                + "(mean ± std over seeds); length in tokens, chunks per completion",
            columns: ["arm", "λ", "accuracy", "length", "redundant chunks", "essential lines", "direct answers"])
        table.rows.append([
            "base model", "", String(format: "%.3f", base.accuracy), String(format: "%.1f", base.length),
            String(format: "%.2f", base.redundant), String(format: "%.2f", base.essential),
            String(format: "%.2f", base.directShare),
        ])
        var keys: [(String, Double)] = []
        for r in records where !keys.contains(where: { $0.0 == r.label && $0.1 == r.lambda }) { keys.append((r.label, r.lambda)) }
        for (label, lambda) in keys {
            table.rows.append([
                label, String(format: "%g", lambda), summary(label, lambda) { $0.accuracy }.formatted(digits: 3),
                summary(label, lambda) { $0.length }.formatted(digits: 1),
                summary(label, lambda) { $0.redundant }.formatted(digits: 2),
                summary(label, lambda) { $0.essential }.formatted(digits: 2),
                summary(label, lambda) { $0.directShare }.formatted(digits: 2),
            ])
        }
        let top = budget.lambdas.max() ?? 0
        let grpo = summary(Self.grpo, 0) { $0.accuracy }, scma = summary(Self.scma, top) { $0.accuracy }
        let uniform = summary(Self.uniform, top) { $0.accuracy }
        let grpoRedundant = summary(Self.grpo, 0) { $0.redundant }.mean
        let scmaRedundant = summary(Self.scma, top) { $0.redundant }.mean
        let n = Double(max(scma.count, 1))
        let error = ((scma.standardDeviation * scma.standardDeviation + uniform.standardDeviation
            * uniform.standardDeviation) / n).squareRoot()
        let c1 = scma.mean >= grpo.mean - 0.03, c2 = scmaRedundant <= 0.5 * grpoRedundant
        let c3 = scma.mean - uniform.mean > error
        let held = [c1, c2, c3].filter { $0 }.count
        let verdict: ClaimVerdict = held == 3 ? .shown : (held > 0 ? .partlyShown : .notShown)
        let mark = { (ok: Bool) in ok ? "(holds)" : "(fails)" }
        let explanation = String(
            format: "At λ %g: (1) SCMA accuracy %.3f vs GRPO %.3f %@; (2) redundant chunks %.2f vs GRPO's %.2f %@; "
                + "(3) SCMA %.3f vs uniform %.3f (lengths %.1f vs %.1f tokens), gap %.3f against a standard error of "
                + "%.3f %@. Policy as scorer: accuracy %.3f, redundant chunks %.2f, length %.1f.",
            top, scma.mean, grpo.mean, mark(c1), scmaRedundant, grpoRedundant, mark(c2), scma.mean, uniform.mean,
            summary(Self.scma, top) { $0.length }.mean, summary(Self.uniform, top) { $0.length }.mean,
            scma.mean - uniform.mean, error, mark(c3), summary(Self.learned, budget.policyScorerLambda) { $0.accuracy }.mean,
            summary(Self.learned, budget.policyScorerLambda) { $0.redundant }.mean,
            summary(Self.learned, budget.policyScorerLambda) { $0.length }.mean)
        // one line per penalty through (length, accuracy) at λ = 0 (GRPO) and every λ of the sweep
        let points = [Self.uniform, Self.scma].map { label in
            let xy = ([(Self.grpo, 0.0)] + budget.lambdas.map { (label, $0) }).map { key in
                (summary(key.0, key.1) { $0.length }.mean, summary(key.0, key.1) { $0.accuracy }.mean)
            }.sorted { $0.0 < $1.0 }
            return CurvePlot.Series(label: label, run: "λ sweep", steps: xy.map(\.0), values: xy.map(\.1))
        }
        let plot = CurvePlot(
            name: "accuracy-vs-length", title: "Accuracy against mean length as λ varies", xLabel: "mean length (tokens)",
            yLabel: "held-out accuracy", series: points)
        return ReproductionReport(
            id: id, paper: paper, claim: claim, quick: context.quick, seeds: context.seedList, tables: [table],
            plots: [plot], verdict: verdict, verdictExplanation: explanation, seconds: seconds)
    }
}
