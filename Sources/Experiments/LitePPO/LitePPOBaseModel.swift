import Foundation
import Language
import Tensor

/// The reproduction's base model: pretrained with ``SFTPretraining`` inside the run and cached in
/// `<run directory>/base-model/` (reused when its recorded settings match).
enum LitePPOBaseModel {
    static func obtain(_ budget: LitePPOBudget, directory: URL, log: (String) -> Void) throws -> LlamaModel {
        try obtain(task: budget.task, sft: budget.sft, directory: directory, log: log)
    }

    /// The base model SFT'd on `task` with `sft` (CTRLS's coded base uses this too).
    static func obtain(
        task: SyntheticTask, sft: SFTConfig, directory: URL, log: (String) -> Void
    ) throws -> LlamaModel {
        let folder = directory.appendingPathComponent("base-model", isDirectory: true)
        let key = try cacheKey(task: task, sft: sft)
        if ModelDirectoryWriter.metadata(in: folder)["reproduction_key"] == key,
            let cached = try? PretrainedModel.load(directory: folder) as? LlamaModel
        {
            log("base model: reusing \(folder.path)")
            return cached
        }
        log("base model: pretraining \(task.label) for \(sft.steps) steps")
        let start = Stopwatch.now()
        let result = try SFTPretraining.run(task: task, config: sft, evaluationProblems: 64)
        guard let model = result.model as? LlamaModel else {
            throw ReproductionError.invalidSettings("the base model must be Qwen2-style")
        }
        var metadata = SFTPretraining.metadata(task: task, config: sft, result: result)
        metadata["reproduction_key"] = key
        try ModelDirectoryWriter.save(model, tokenizer: result.tokenizer, to: folder, metadata: metadata)
        log(String(format: "base model: loss %.3f → %.3f, greedy held-out accuracy %.3f (%.0f s)",
                   result.initialLoss, result.finalLoss, result.finalAccuracy, Stopwatch.now() - start))
        return model
    }

    private static func cacheKey(task: SyntheticTask, sft: SFTConfig) throws -> String {
        struct Key: Encodable {
            var task: SyntheticTask
            var sft: SFTConfig
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(Key(task: task, sft: sft)), as: UTF8.self)
    }
}
