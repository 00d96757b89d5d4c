import ArgumentParser
import Foundation
import Language
import Tensor

/// `swiftrl lm logits`: next-token logits of a sequence of ids.
struct LMLogitsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logits",
        abstract: "Print the logits of the last position (or of every position with --all) for token ids.")

    @Option(help: "Hugging Face model directory (config.json, model.safetensors).")
    var model: String

    @Option(help: "Comma-separated token ids, e.g. 1,2,3.")
    var ids: String

    @Flag(help: "Logits of every position, not just the last.")
    var all = false

    @Flag(help: "Print JSON {model_type, ids, shape, logits} instead of the top tokens.")
    var json = false

    @Option(help: "Top tokens per position in the text output.")
    var top = 5

    struct Output: Encodable {
        var ids: [Int]
        var shape: [Int]
        var logits: [[Float]]
    }

    func run() throws {
        let lm = try loadLanguageModel(model)
        let tokenIDs = try parseTokenIDs(ids)
        if let bad = tokenIDs.first(where: { $0 >= lm.vocabularySize }) {
            throw ValidationError("token id \(bad) is outside the model's vocabulary 0..<\(lm.vocabularySize)")
        }
        guard tokenIDs.count <= lm.contextLength else {
            throw ValidationError("\(tokenIDs.count) ids exceed the model's context length \(lm.contextLength)")
        }
        let values = withNoGrad { lm.logits(ids: tokenIDs, batch: 1, length: tokenIDs.count) }.floats
        let v = lm.vocabularySize
        let positions = all ? Array(0..<tokenIDs.count) : [tokenIDs.count - 1]
        let rows = positions.map { Array(values[($0 * v)..<(($0 + 1) * v)]) }
        if json {
            try printJSONLine(Output(ids: tokenIDs, shape: [rows.count, v], logits: rows))
            return
        }
        for (position, row) in zip(positions, rows) {
            let best = row.indices.sorted { row[$0] > row[$1] }.prefix(max(top, 1))
            let text = best.map { "\($0):\(String(format: "%.4f", row[$0]))" }.joined(separator: "  ")
            print("position \(position) (id \(tokenIDs[position])): \(text)")
        }
    }
}
