import ArgumentParser
import Foundation
import Language
import Tensor
import Tracking

/// `swiftrl rlvr`: pretrain a small base model, train it with verifiable rewards, evaluate pass@k.
struct RLVRCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rlvr",
        abstract: "Pretrain, train with verifiable rewards, and evaluate language models.",
        discussion: """
            Tasks: \(SyntheticTask.Kind.allCases.map(\.rawValue).joined(separator: ", ")) (--difficulty scales them),
            or your own JSONL prompts with --dataset FILE --verifier NAME (train and eval).
            Presets: \(RLVRConfig.presetNames.joined(separator: ", ")).
            Examples:
              swiftrl rlvr pretrain --task addition --difficulty 2 --style-mix direct=0.5,steps=0.5 --noise 0.2 --steps 1500 --out models/add2
              swiftrl rlvr eval --model models/add2 --task addition --difficulty 2 --n 16 --k 1,4,16 --problems 64
              swiftrl rlvr train --model models/add2 --preset lite-ppo --task addition --difficulty 2 --steps 100 --set learningRate=1e-4 --out models/add2-rl
              swiftrl rlvr train --model ./Qwen2.5-0.5B-Instruct --dataset prompts.jsonl --verifier boxed --reward format=0.2
              swiftrl rlvr eval --model ./Qwen2.5-0.5B-Instruct --dataset prompts.jsonl --verifier boxed --n 8 --k 1,8
              swiftrl lm generate --model models/add2 --prompt "47+85=" --max-new-tokens 32
            """,
        subcommands: [RLVRPretrainCommand.self, RLVRTrainCommand.self, RLVREvalCommand.self]
    )
}

/// `--task` and `--difficulty`, shared by the subcommands.
struct TaskOptions: ParsableArguments {
    @Option(help: "Task: \(SyntheticTask.Kind.allCases.map(\.rawValue).joined(separator: ", ")) (default addition).")
    var task: String?

    @Option(
        parsing: .unconditional,
        help: "Difficulty level (addition: operands of 1…d digits; see SyntheticTask; default 2).")
    var difficulty: Int?

    @Option(
        parsing: .unconditional,
        help: """
            Fraction of the problem space (or of --dataset's prompts) held out for evaluation \
            (same split in pretrain, train and eval).
            """)
    var heldOutFraction = 0.2

    /// Whether --task or --difficulty was given.
    var isGiven: Bool { task != nil || difficulty != nil }

    func resolve() throws -> SyntheticTask {
        do { return try SyntheticTask(named: task ?? "addition", difficulty: difficulty ?? 2) } catch {
            throw ValidationError(error.description)
        }
    }

    var split: HeldOutSplit { HeldOutSplit(fraction: heldOutFraction) }
}

/// An RLVR command-line failure with the library's message.
struct RLVRCommandError: Error, CustomStringConvertible {
    var description: String
}

/// The byte-level BPE tokenizer of a model directory (pretrained character models save one with identical ids).
func loadDirectoryTokenizer(_ directory: String) throws -> ByteLevelBPETokenizer {
    do {
        return try ByteLevelBPETokenizer(contentsOf: URL(fileURLWithPath: directory).appendingPathComponent("tokenizer.json"))
    } catch {
        throw RLVRCommandError(description: error.description)
    }
}

/// Parses `1,4,16`.
func parseIntegerList(_ text: String, option: String) throws -> [Int] {
    let values = text.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
    guard !values.isEmpty, values.allSatisfy({ ($0 ?? 0) >= 1 }) else {
        throw ValidationError("\(option) takes comma-separated positive integers, e.g. 1,4,16; got `\(text)`")
    }
    return values.compactMap { $0 }
}

/// `--model` as a model directory: the path itself when it holds `config.json`, else, for a run directory of
/// `rlvr train` or `rlvr pretrain`, its newest complete checkpoint (`checkpoints/step_<n>/`).
/// - Throws: `RLVRCommandError` for a run directory without a complete checkpoint.
func resolveModelDirectory(_ path: String) throws -> String {
    let url = URL(fileURLWithPath: path)
    let manager = FileManager.default
    guard !manager.fileExists(atPath: url.appendingPathComponent("config.json").path),
        manager.fileExists(atPath: url.appendingPathComponent("checkpoints").path)
    else { return path }
    let run = try RunDirectory(existing: url)
    guard let folder = try run.checkpointFolders().last(where: { RLVRCheckpoint.hasModelDirectory($0.url) }) else {
        throw RLVRCommandError(
            description: "\(path) is a run directory without a complete checkpoint holding a model "
                + "(checkpoints/step_<n>/ with config.json and checkpoint.json); pass a model directory, or wait for "
                + "the run's first checkpoint")
    }
    return folder.url.path
}
