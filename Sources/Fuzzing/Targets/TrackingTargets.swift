import Algorithms
import Foundation
import RLCore
import Tensor
import Tracking

/// YAML configs with `--set` overrides, CSV metrics (`swiftrl plot`), TensorBoard event files and checkpoint-folder
/// manifests.
enum TrackingTargets {
    /// The shape of a training config: environment, algorithm settings, a step budget.
    struct TrainConfig: Codable, Equatable {
        var env = EnvironmentConfig(id: "CartPole-v1", numEnvs: 4)
        var ppo = PPOConfig()
        var totalSteps = 100_000
    }

    static let config = FuzzTarget(
        name: "config", summary: "YAML config files and `--set key=value` overrides (one per line)",
        parts: [.text, .text],
        seeds: {
            let yaml = Array(try ConfigLoader.yaml(TrainConfig()).utf8)
            let sets = Array("ppo.clipRange=0.1\nenv.numEnvs=16\nppo.network.hiddenSizes=[32, 32]\ntotalSteps=1e6".utf8)
            return [[yaml, sets], [Array("env:\n  id: Acrobot-v1\nppo:\n  gamma: 0.9\n".utf8), Array("".utf8)]]
        },
        decode: { parts, _ in
            let overrides = String(decoding: parts[1], as: UTF8.self).split(separator: "\n").map(String.init)
            _ = try ConfigLoader.load(
                defaults: TrainConfig(), yaml: String(decoding: parts[0], as: UTF8.self), source: "fuzz.yaml",
                overrides: overrides)
        })

    static let csv = FuzzTarget(
        name: "csv", summary: "metrics.csv as `swiftrl plot` reads it (CSVTable, MetricSeries)", parts: [.text],
        seeds: {
            let table = CSVTable(
                header: ["step", "charts/episodic_return", "losses/value_loss", "note"],
                rows: (0..<6).map { ["\($0 * 128)", "\(Double($0) * 1.5)", "", $0 == 2 ? "a, \"quoted\"" : "x"] })
            return [[Array(table.formatted().utf8)]]
        },
        decode: { parts, scratch in
            let run = scratch.appendingPathComponent("CartPole-v1__ppo__1__1764230000")
            try FileManager.default.createDirectory(at: run, withIntermediateDirectories: true)
            try Data(parts[0]).write(to: run.appendingPathComponent("metrics.csv"))
            _ = CSVTable(parsing: String(decoding: parts[0], as: UTF8.self)).formatted()
            let series = try MetricSeries(directory: run, metric: "charts/episodic_return").smoothed(window: 3)
            _ = series.value(at: 300)
        })

    static let tensorboard = FuzzTarget(
        name: "tensorboard",
        summary: "TensorBoard event files: TFRecord framing/CRCs, then Event/Summary protobuf (re-framed payload)",
        parts: [.binary, .binary],
        seeds: {
            let records = [
                TensorBoardEvent.fileVersionRecord(wallTime: 1.5),
                TensorBoardEvent.scalar(tag: "charts/episodic_return", value: 21.5, step: 128, wallTime: 2),
                TensorBoardEvent.text(tag: "config", text: "ppo: {gamma: 0.99}", step: 0, wallTime: 3),
            ]
            let file = records.flatMap(TFRecord.frame)
            return records.map { [file, $0] }
        },
        decode: { parts, scratch in
            // Part 1 is framed with valid CRCs so mutations reach the protobuf decoder, not just the checksum.
            let bytes = parts[0] + TFRecord.frame(parts[1])
            for record in TFRecord.scan(bytes).records { try walk(record, depth: 0) }
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            let url = scratch.appendingPathComponent("events.out.tfevents.1.fuzz")
            try Data(bytes).write(to: url)
            _ = try RecordRecovery.rewindEvents(at: url, toStep: 64)
        })

    /// Decodes nested messages as TensorBoard's reader does (Event → Summary → Value), bounded in depth.
    static func walk(_ bytes: [UInt8], depth: Int) throws {
        try CheckedDecoding.checkDepth(depth, field: "event", file: "events.out.tfevents")
        for (_, value) in try ProtobufReader.fields(bytes) {
            if case let .lengthDelimited(inner) = value, !inner.isEmpty { try? walk(inner, depth: depth + 1) }
        }
    }

    static let checkpointFolder = FuzzTarget(
        name: "checkpoint-folder", summary: "checkpoints/step_<n>/checkpoint.json manifests (RLVR, SFT runs)",
        parts: [.text],
        seeds: {
            let manifest = CheckpointManifest(kind: "rlvr", step: 20, files: ["a.bin": 3, "b/c.json": 2])
            return [[Array(try JSONEncoder().encode(manifest))]]
        },
        decode: { parts, scratch in
            let folder = CheckpointFolder(directory: scratch, step: 20)
            try FileManager.default.createDirectory(
                at: folder.url.appendingPathComponent("b"), withIntermediateDirectories: true)
            try Data([1, 2, 3]).write(to: folder.url.appendingPathComponent("a.bin"))
            try Data("{}".utf8).write(to: folder.url.appendingPathComponent("b/c.json"))
            try Data(parts[0]).write(to: folder.manifestURL)
            guard folder.completeManifest() != nil else {
                throw FuzzRejected(description: "\(folder.manifestURL.path): incomplete checkpoint folder")
            }
        })
}
