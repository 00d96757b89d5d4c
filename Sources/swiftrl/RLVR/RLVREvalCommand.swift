import ArgumentParser
import Foundation
import Language
import Tensor

/// `swiftrl rlvr eval`: pass@k and friends on held-out problems.
struct RLVREvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Sample n completions per held-out problem; print pass@k (unbiased), avg@n, maj@k, length and entropies.",
        discussion: """
            With --dataset FILE the held-out problems are the same seeded split of FILE that `rlvr train` holds out
            (same --held-out-fraction and --split-seed), or all of --eval-dataset FILE; --problems caps their number.
            --model (and --reference) may name a run directory: the newest complete checkpoint in it is evaluated.
            """)

    @Option(help: "Model directory, or a run directory of `rlvr train`/`rlvr pretrain` (its newest checkpoint).")
    var model: String
    @OptionGroup var taskOptions: TaskOptions
    @OptionGroup var datasetOptions: DatasetOptions
    @OptionGroup var chatOptions: ChatOptions
    @Option(help: "Samples per problem (n).") var n = 16
    @Option(help: "Budgets k for pass@k and maj@k (comma-separated, each ≤ n).") var k = "1,4,16"
    @Option(help: "Held-out problems.") var problems = 64
    @Option(parsing: .unconditional, help: "Sampling temperature.") var temperature = 1.0
    @Option(parsing: .unconditional, help: "Nucleus threshold.") var topP = 1.0
    @Option(help: "New tokens at most.") var maxNewTokens = 64
    @Option(help: "Seed of problems and sampling.") var seed: UInt64 = 0
    @Flag(help: "Print one JSON object.") var json = false
    @Flag(
        help: """
            Also sample --reference on the same problems and print empirical-support metrics (Invisible Leash:             preserved/expanded/shrunk problems, SRR, NDR, SDS, NSCR; a problem is in a model's support when one of             its n samples is correct) and both models' token- and answer-level entropies.
            """)
    var support = false
    @Option(help: "Base model directory to compare with (--support).") var reference: String?
    @Option(
        help: """
            Also write this many sampled completions per problem as readable JSON lines (prompt, steps, reward, the \
            verifier's reason) to --transcripts-file.
            """)
    var transcripts = 0
    @Option(help: "Where --transcripts goes.") var transcriptsFile = "transcripts.jsonl"
    @Option(help: "How --transcripts splits completions into steps: lines, worked (, and ;), sep:<a>|<b> or tag:<open>|<close>.")
    var segmenter = "worked"

    struct Output: Encodable {
        var task: String
        var problems: Int
        var samples: Int
        var pass_at_k: [String: Double]
        var maj_at_k: [String: Double]
        var avg_at_n: Double
        var coverage: Double
        var mean_response_length: Double
        var token_entropy: Double
        var answer_entropy: Double
        var sequence_token_entropy: Double
        var reference: Reference?
    }

    struct Reference: Encodable {
        var model: String
        var pass_at_k: [String: Double]
        var coverage: Double
        var token_entropy: Double
        var sequence_token_entropy: Double
        var answer_entropy: Double
        var preserved: Int
        var expanded: Int
        var shrunk: Int
        var out_of_support: Int
        /// nil when undefined (no problem in either support)
        var srr: Double?
        var ndr: Double?
        var sds: Double?
        var nscr: Double?
    }

    func validate() throws {
        try datasetOptions.validate(against: taskOptions)
        guard transcripts >= 0 else { throw ValidationError("--transcripts must be ≥ 0 (got \(transcripts))") }
        do { _ = try StepSegmenter(parsing: segmenter) } catch { throw ValidationError("--segmenter: \(error.description)") }
        if support != (reference != nil) {
            throw ValidationError("--support and --reference go together: --support --reference <base model directory>")
        }
    }

    func run() throws {
        let ks = try parseIntegerList(k, option: "--k")
        guard n >= 1, problems >= 1 else { throw ValidationError("--n and --problems must be ≥ 1") }
        if let big = ks.first(where: { $0 > n }) { throw ValidationError("--k \(big) exceeds --n \(n); pass@k needs k ≤ n") }
        let (label, heldOut, verifier) = try problemsToEvaluate()
        let report = try sample(model, problems: heldOut, verifier: verifier, ks: ks, stream: "sampling")
        if transcripts > 0 { try writeTranscripts(problems: heldOut, verifier: verifier) }
        let referenceOutput = try reference.map { directory in
            try compare(with: directory, report: report, problems: heldOut, verifier: verifier, ks: ks)
        }
        let output = Output(
            task: label, problems: report.problems, samples: report.samples,
            pass_at_k: Dictionary(uniqueKeysWithValues: report.passAtK.map { ("\($0.key)", $0.value) }),
            maj_at_k: Dictionary(uniqueKeysWithValues: report.majorityAtK.map { ("\($0.key)", $0.value) }),
            avg_at_n: report.averageAtN, coverage: report.coverage, mean_response_length: report.meanLength,
            token_entropy: report.tokenEntropy, answer_entropy: report.answerEntropy,
            sequence_token_entropy: report.sequenceTokenEntropy, reference: referenceOutput)
        if json {
            try printJSONLine(output)
            return
        }
        print("\(label): \(report.problems) held-out problems × \(report.samples) samples (T = \(temperature))")
        for key in ks.sorted() {
            if let p = report.passAtK[key], let m = report.majorityAtK[key] {
                print(String(format: "  pass@%-3d %.4f   maj@%-3d %.4f", key, p, key, m))
            }
        }
        print(String(format: "  avg@%d %.4f   coverage (pass@%d) %.4f", n, report.averageAtN, n, report.coverage))
        print(String(format: "  mean response length %.2f tokens", report.meanLength))
        print(String(format: "  entropy: token-level %.4f nats, answer-level %.4f nats", report.tokenEntropy, report.answerEntropy))
        if let r = referenceOutput {
            print("support against \(r.model) (a problem is in the support when one of its \(n) samples is correct):")
            print("  preserved \(r.preserved), expanded \(r.expanded), shrunk \(r.shrunk), out of support \(r.out_of_support)")
            print(String(format: "  SRR %.4f   NDR %.4f   SDS %.4f   NSCR %+.4f", r.srr ?? .nan, r.ndr ?? .nan, r.sds ?? .nan, r.nscr ?? .nan))
            print(String(format: "  reference entropy: token-level %.4f nats, answer-level %.4f nats", r.token_entropy, r.answer_entropy))
        }
    }

    /// `n` samples per problem from the model in `directory`, with the sampling stream `stream` of `--seed`.
    private func sample(
        _ directory: String, problems: [TaskProblem], verifier: any Verifier, ks: [Int], stream: String
    ) throws -> EvaluationReport {
        let directory = try resolveModelDirectory(directory)
        let lm = try loadLanguageModel(directory)
        let tokenizer = try loadDirectoryTokenizer(directory)
        let (encode, stops) = try chatOptions.encoding(
            model: directory, tokenizer: tokenizer, stops: configEndOfSequenceIDs(directory))
        let evaluator = RLVREvaluator(
            samples: n, ks: ks,
            generation: GenerationConfig(
                maxNewTokens: maxNewTokens, temperature: temperature, topP: topP, stopTokens: stops,
                padToken: stops.first ?? 0))
        var rng = Xoshiro256StarStar(seed: seed).derived(stream)
        return try evaluator.evaluate(
            model: lm, problems: problems, verifier: verifier, encode: encode,
            decode: { tokenizer.decode($0, skipSpecialTokens: true) }, using: &rng)
    }

    /// `--transcripts` completions per problem, as JSON lines (stream `transcripts` of `--seed`).
    private func writeTranscripts(problems: [TaskProblem], verifier: any Verifier) throws {
        let model = try resolveModelDirectory(model)
        let lm = try loadLanguageModel(model)
        let tokenizer = try loadDirectoryTokenizer(model)
        let (encode, stops) = try chatOptions.encoding(
            model: model, tokenizer: tokenizer, stops: configEndOfSequenceIDs(model))
        var rng = Xoshiro256StarStar(seed: seed).derived("transcripts")
        let written = try Transcript.sample(
            model: lm, problems: problems, count: transcripts, verifier: verifier,
            segmenter: try StepSegmenter(parsing: segmenter),
            generation: GenerationConfig(
                maxNewTokens: maxNewTokens, temperature: temperature, topP: topP, stopTokens: stops,
                padToken: stops.first ?? 0),
            encode: encode, decode: { tokenizer.decode($0, skipSpecialTokens: true) }, using: &rng)
        try Transcript.write(written, to: URL(fileURLWithPath: transcriptsFile))
        if !json { print("wrote \(written.count) transcripts to \(transcriptsFile)") }
    }

    /// Samples the reference model on the same problems and compares the supports.
    private func compare(
        with directory: String, report: EvaluationReport, problems: [TaskProblem], verifier: any Verifier, ks: [Int]
    ) throws -> Reference {
        let base = try sample(directory, problems: problems, verifier: verifier, ks: ks, stream: "reference-sampling")
        let comparison = SupportComparison(
            base: base.correctCounts.map { $0 > 0 }, trained: report.correctCounts.map { $0 > 0 })
        return Reference(
            model: directory, pass_at_k: Dictionary(uniqueKeysWithValues: base.passAtK.map { ("\($0.key)", $0.value) }),
            coverage: base.coverage, token_entropy: base.tokenEntropy, sequence_token_entropy: base.sequenceTokenEntropy,
            answer_entropy: base.answerEntropy, preserved: comparison.preserved, expanded: comparison.expanded,
            shrunk: comparison.shrunk, out_of_support: comparison.outOfSupport, srr: defined(comparison.retentionRate),
            ndr: defined(comparison.discoveryRate), sds: defined(comparison.dynamicScore),
            nscr: defined(comparison.netChangeRate))
    }

    private func defined(_ value: Double) -> Double? { value.isNaN ? nil : value
    }

    /// The held-out problems (at most --problems) of the synthetic task or the prompt file, and their verifier.
    private func problemsToEvaluate() throws -> (label: String, problems: [TaskProblem], verifier: any Verifier) {
        guard datasetOptions.dataset != nil else {
            let task = try taskOptions.resolve()
            let generator = try task.makeGenerator()
            var heldRNG = Xoshiro256StarStar(seed: seed).derived("heldout-problems")
            let heldOut = taskOptions.split.restrict(generator, heldOut: true).problems(count: problems, using: &heldRNG)
            return (task.label, heldOut, generator.verifier)
        }
        let loaded = try datasetOptions.load(heldOutFraction: taskOptions.heldOutFraction)
        let verifier = loaded.verifierName.verifier(tolerance: datasetOptions.tolerance)
        return (loaded.label, Array(loaded.heldOut.prefix(problems)), verifier)
    }
}
