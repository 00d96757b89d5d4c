/// What a reflection on a failed attempt concluded: restart from step ``pivotStep`` with ``hint`` in the prompt.
public struct Reflection: Equatable, Sendable {
    /// The first step to redo (0 = from the start); steps before it are the shared prefix a retry reuses.
    public var pivotStep: Int
    /// The guidance put into the retry prompt only (removed from the stored trajectory).
    public var hint: String
    /// Why the attempt failed, for transcripts (e.g. `step 2: 6 is not available`).
    public var reason: String

    /// Creates a reflection.
    public init(pivotStep: Int, hint: String, reason: String) {
        self.pivotStep = pivotStep
        self.hint = hint
        self.reason = reason
    }
}

/// R³L's reflector (arXiv:2601.03715 §3.1): reads a failed attempt step by step and says where it went wrong
/// and what to try instead. The paper asks the policy for a JSON reflection; a programmatic reflector (a
/// verifier that finds the pivot by search, ``CountdownReflector``) plays that role for verifiable tasks.
public protocol Reflector: Sendable {
    /// How completions are split into steps.
    var segmenter: any StepSplitter { get }
    /// The pivot and guidance for a failed attempt, or `nil` when there is nothing to retry.
    func reflect(on steps: StepSegmentation, problem: TaskProblem) -> Reflection?
    /// The prompt of the retry: the problem's prompt with the guidance.
    func retryPrompt(for problem: TaskProblem, hint: String) -> String
}

/// The knobs of R³L's reflect-then-retry (``ReflectThenRetry``); `--set retry.pivotalMasking=false` etc.
public struct RetrySettings: Codable, Equatable, Sendable {
    /// Whether failed attempts are retried (needs a ``Reflector``; the CLI picks one by task).
    public var isEnabled: Bool
    /// Share of the group sampled as first attempts; the rest of the group is filled by retries of failures
    /// (R³L: half of G).
    public var firstAttemptFraction: Double
    /// Pivotal credit assignment: the shared prefix (the steps before the pivot) is removed from the loss in both
    /// the original and the retry (R³L `_adjust_action_mask_for_retry`).
    public var pivotalMasking: Bool

    /// Creates the settings (off by default).
    public init(isEnabled: Bool = false, firstAttemptFraction: Double = 0.5, pivotalMasking: Bool = true) {
        self.isEnabled = isEnabled
        self.firstAttemptFraction = firstAttemptFraction
        self.pivotalMasking = pivotalMasking
    }

    /// First attempts per problem for a group of G: `round(G · fraction)`, at least 1.
    public func firstAttempts(groupSize: Int) -> Int {
        isEnabled ? min(groupSize, max(1, Int((Double(groupSize) * firstAttemptFraction).rounded()))) : groupSize
    }

    /// Checks the fraction.
    /// - Throws: ``RLVRInputError`` naming the field.
    public func validate() throws(RLVRInputError) {
        guard firstAttemptFraction > 0 && firstAttemptFraction <= 1 else {
            throw RLVRInputError(
                "retry.firstAttemptFraction must be in (0, 1] (R³L samples half the group first: 0.5); got \(firstAttemptFraction)")
        }
    }
}

/// R³L's reflect-then-retry (arXiv:2601.03715; `R3L_workflow.py`): each failed first attempt that the reflector
/// can diagnose is resampled from its pivot step with the hint in the prompt; the stored retry is the distilled
/// trajectory (original prompt, prefix + new suffix) marked off-policy with the hinted prompt's log-probs, in
/// the same group as the original. With pivotal masking the prefix is out of the loss in both.
public struct ReflectThenRetry: TrajectorySynthesizer {
    /// The diagnosis.
    public var reflector: any Reflector
    /// The knobs.
    public var settings: RetrySettings

    /// Creates the synthesizer.
    public init(reflector: any Reflector, settings: RetrySettings) {
        self.reflector = reflector
        self.settings = settings
    }

    public func firstAttempts(groupSize: Int) -> Int { settings.firstAttempts(groupSize: groupSize) }

    public func synthesize(
        _ batch: inout RolloutBatch, problems: inout [TaskProblem], context: SynthesisContext
    ) throws -> [String: Double] {
        guard settings.isEnabled else { return [:] }
        let first = batch.count
        var groupSize: [Int: Int] = [:]
        for id in batch.groupIDs { groupSize[id, default: 0] += 1 }
        // the retry budget per group: fill the group up to G (first attempts + retries = G)
        let budget = groupSize.mapValues { max(0, context.groupSize - $0) }
        var used: [Int: Int] = [:]
        var plans: [(row: Int, prefix: Int, pivot: Int, prompt: [Int], segmentation: StepSegmentation)] = []
        var failures = 0, unsegmented = 0
        for row in 0..<first where !batch.correct[row] {
            failures += 1
            let segmentation: StepSegmentation
            do {
                segmentation = try reflector.segmenter.segment(tokens: batch.completions[row], decode: context.decode)
            } catch {
                unsegmented += 1
                continue
            }
            guard let reflection = reflector.reflect(on: segmentation, problem: problems[row]) else { continue }
            guard reflection.pivotStep >= 0 && reflection.pivotStep <= segmentation.steps.count else {
                throw RLVRInputError(
                    "reflector returned pivot step \(reflection.pivotStep) for a completion of "
                        + "\(segmentation.steps.count) steps; a pivot must be in 0...\(segmentation.steps.count)")
            }
            let group = batch.groupIDs[row]
            guard used[group, default: 0] < budget[group, default: 0] else { continue }
            used[group, default: 0] += 1
            let prefix = try segmentation.prefixLength(steps: reflection.pivotStep)
            let prompt = try context.encode(reflector.retryPrompt(for: problems[row], hint: reflection.hint))
            plans.append((row, prefix, reflection.pivotStep, prompt + batch.completions[row].prefix(prefix), segmentation))
        }
        if failures > 0 && unsegmented == failures {
            throw RLVRInputError(
                "retry: the reflector's segmenter \(reflector.segmenter) found no step in any of the \(failures) "
                    + "failed completions; set a segmenter that matches the completions' format")
        }
        guard !plans.isEmpty else {
            return [
                "retry/retries": 0, "retry/failures": Double(failures),
                "retry/frac_reward_zero_std": DynamicSampling.zeroStdFraction(
                    rewards: batch.rewards, groupIDs: batch.groupIDs),
            ]
        }
        let room = plans.map { context.maxCompletionLength - $0.prefix }
        let generated = try context.generate(
            prompts: plans.map(\.prompt), maxNewTokens: max(1, room.max() ?? 1))
        var successes = 0
        var extra = RolloutBatch(prompts: [], completions: [], groupIDs: [], rewards: [], correct: [], truncated: [])
        for (k, plan) in plans.enumerated() {
            let suffixLength = min(generated.tokens[k].count, max(1, room[k]))
            let suffix = Array(generated.tokens[k].prefix(suffixLength))
            let completion = Array(batch.completions[plan.row].prefix(plan.prefix)) + suffix
            guard !completion.isEmpty else { continue }
            let scored = context.score(completion, problem: problems[plan.row])
            if scored.correct { successes += 1 }
            let originalBehaviour = batch.behaviourLogProbs[plan.row] ?? []
            let prefixBehaviour = (0..<plan.prefix).map { $0 < originalBehaviour.count ? originalBehaviour[$0] : 0 }
            let behaviour = prefixBehaviour + generated.logProbabilities[k].prefix(suffixLength)
            let mask: [Double]? =
                settings.pivotalMasking
                ? Array(repeating: 0, count: plan.prefix) + Array(repeating: 1, count: suffix.count) : nil
            let truncated = generated.finishReasons[k] == .length || suffixLength < generated.tokens[k].count
            extra = extra.appending(
                RolloutBatch(
                    prompts: [batch.prompts[plan.row]], completions: [completion],
                    groupIDs: [batch.groupIDs[plan.row]], rewards: [scored.reward], correct: [scored.correct],
                    truncated: [truncated], lossMasks: [mask], behaviourLogProbs: [behaviour], offPolicy: [true],
                    roles: ["retry"]))
            problems.append(problems[plan.row])
            if settings.pivotalMasking {
                let original = try plan.segmentation.maskingPrefix(steps: plan.pivot)
                let existing = batch.lossMasks[plan.row] ?? Array(repeating: 1, count: original.count)
                batch.lossMasks[plan.row] = zip(original, existing).map { $0 * $1 }
            }
        }
        batch = batch.appending(extra)
        return [
            "retry/retries": Double(extra.count), "retry/failures": Double(failures),
            "retry/frac_reward_zero_std": DynamicSampling.zeroStdFraction(rewards: batch.rewards, groupIDs: batch.groupIDs),
            "retry/success": extra.count > 0 ? Double(successes) / Double(extra.count) : 0,
        ]
    }
}
