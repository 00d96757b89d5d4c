import Foundation
import Language
import Tensor

/// The reproduction's base model: pretrained with ``SFTPretraining`` inside the run and cached in
/// `<run directory>/base-model/` (reused when its recorded settings match).
enum LitePPOBaseModel {
    static func obtain(_ budget: LitePPOBudget, directory: URL, log: (String) -> Void) throws -> LlamaModel {
        let folder = directory.appendingPathComponent("base-model", isDirectory: true)
        let key = try cacheKey(budget)
        if ModelDirectoryWriter.metadata(in: folder)["reproduction_key"] == key,
            let cached = try? PretrainedModel.load(directory: folder) as? LlamaModel
        {
            log("base model: reusing \(folder.path)")
            return cached
        }
        log("base model: pretraining \(budget.task.label) for \(budget.sft.steps) steps")
        let start = Stopwatch.now()
        let result = try SFTPretraining.run(task: budget.task, config: budget.sft, evaluationProblems: 64)
        guard let model = result.model as? LlamaModel else {
            throw ReproductionError.invalidSettings("the base model must be Qwen2-style")
        }
        var metadata = SFTPretraining.metadata(task: budget.task, config: budget.sft, result: result)
        metadata["reproduction_key"] = key
        try ModelDirectoryWriter.save(model, tokenizer: result.tokenizer, to: folder, metadata: metadata)
        log(String(format: "base model: loss %.3f → %.3f, greedy held-out accuracy %.3f (%.0f s)",
                   result.initialLoss, result.finalLoss, result.finalAccuracy, Stopwatch.now() - start))
        return model
    }

    private static func cacheKey(_ budget: LitePPOBudget) throws -> String {
        struct Key: Encodable {
            var task: SyntheticTask
            var sft: SFTConfig
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(Key(task: budget.task, sft: budget.sft)), as: UTF8.self)
    }
}
