import ArgumentParser
import Foundation
import Language

extension PromptDataset.BadLinePolicy: ExpressibleByArgument {}

/// `--dataset FILE` and how it is read and checked: bring your own prompts instead of a synthetic `--task`.
struct DatasetOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "JSONL prompts, one {\"prompt\": …, \"ground_truth\": …} object per line, instead of --task.",
            valueName: "file"))
    var dataset: String?

    @Option(help: "Field holding the prompt (a dotted path such as extra.question reaches nested objects).")
    var promptField = "prompt"

    @Option(
        help:
            "Field holding the answer, a string or a number: ground_truth, answer, solution, reward_model.ground_truth, …."
    )
    var answerField = "ground_truth"

    @Option(
        help: ArgumentHelp(
            "Held-out prompts for evaluation (same fields); default: a seeded split of --dataset by --held-out-fraction.",
            valueName: "file"))
    var evalDataset: String?

    @Option(
        parsing: .unconditional,
        help: "Seed of the held-out split of --dataset (apart from --seed, so every run holds out the same prompts).")
    var splitSeed: UInt64 = 0

    @Option(help: "A malformed line: stop (report it and exit) or skip (report each and continue).")
    var onBadLine: PromptDataset.BadLinePolicy = .stop

    @Option(
        help: """
            Verifier of --dataset answers: exact (whole completion), numeric (last number), boxed (last \\boxed{…}), \
            choice (a letter A–E: "Answer: C", "(C)", "C)"), regex:PATTERN (group 1 of the first match).
            """)
    var verifier: String?

    @Option(
        parsing: .unconditional, help: "Tolerance of numeric answers: absolute for answers within ±1, relative above.")
    var tolerance = 1e-6

    /// The options of the dataset reader.
    var readOptions: PromptDataset.Options {
        PromptDataset.Options(promptField: promptField, answerField: answerField, onBadLine: onBadLine)
    }

    /// Checks that exactly one prompt source is given and that dataset-only options come with --dataset.
    func validate(against task: TaskOptions) throws {
        guard let dataset else {
            if verifier != nil || evalDataset != nil {
                throw ValidationError(
                    "--verifier and --eval-dataset need --dataset FILE (the synthetic tasks bring their own)")
            }
            return
        }
        if task.isGiven {
            throw ValidationError("give either --task or --dataset \(dataset), not both")
        }
        guard let verifier else {
            throw ValidationError(
                "--dataset needs --verifier NAME to check answers: \(VerifierName.validNames.joined(separator: ", "))")
        }
        do { _ = try VerifierName.parse(verifier) } catch { throw ValidationError(error.description) }
        guard tolerance >= 0, tolerance.isFinite else {
            throw ValidationError("--tolerance must be ≥ 0; got \(tolerance)")
        }
    }

    /// The prompts: training and held-out problems, and the verifier.
    struct Prompts {
        /// The dataset file's base name, for run directories.
        var label: String
        var train: [TaskProblem]
        var heldOut: [TaskProblem]
        var verifierName: VerifierName
    }

    /// Reads the file(s); prints a summary of skipped lines to standard error.
    /// - Throws: `RLVRCommandError` with the reader's message (file, line, reason).
    func load(heldOutFraction: Double) throws -> Prompts {
        guard let dataset, let verifier else { throw ValidationError("--dataset and --verifier are required here") }
        let name: VerifierName
        do { name = try VerifierName.parse(verifier) } catch { throw ValidationError(error.description) }
        do {
            let url = URL(fileURLWithPath: dataset)
            let loaded = try PromptDataset.read(from: url, options: readOptions)
            report(loaded)
            let train: [TaskProblem], heldOut: [TaskProblem]
            if let evalDataset {
                let held = try PromptDataset.read(from: URL(fileURLWithPath: evalDataset), options: readOptions)
                report(held)
                (train, heldOut) = (loaded.problems, held.problems)
            } else {
                (train, heldOut) = try PromptDataset.split(
                    loaded.problems, heldOutFraction: heldOutFraction, seed: splitSeed, path: url.path)
            }
            return Prompts(
                label: url.deletingPathExtension().lastPathComponent, train: train, heldOut: heldOut, verifierName: name
            )
        } catch {
            throw RLVRCommandError(description: error.description)
        }
    }

    private func report(_ loaded: PromptDataset.Loaded) {
        guard let summary = loaded.skippedSummary() else { return }
        FileHandle.standardError.write(Data((summary + "\n").utf8))
    }
}
