import Algorithms
import ArgumentParser
import Environments
import Experiments
import Foundation
import Tensor

/// `swiftrl marl train`: MRA and the unimodal baseline on the capacity meeting game for chosen population sizes.
struct MARLTrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train MRA (latent-conditioned policies) and a unimodal policy; adapt and score on unseen n.",
        discussion: """
            The game: n players pick one of K meeting points; a point pays its value when at most its capacity of
            players chose it, else 0. MRA (arXiv:2108.12988, reconstruction) trains a policy π(a | z) with L latent
            modes on the --train sizes, then on each --eval size picks its best mode and takes --adapt-steps
            gradient steps on z; the unimodal policy adapts its logits. Prints the Nash gaps (NashConv) and writes
            <out>/results.json and <out>/training.svg.

            Example:
              swiftrl marl train --train 2,3,4 --eval 5,6 --modes 4 --latent-dim 2 --iterations 1500 --out runs/mra
            """)

    @Option(help: "Training population sizes.") var train = "2,3,4"
    @Option(help: "Unseen population sizes to adapt to and score.") var eval = "5,6"
    @Option(help: "Point values (comma-separated).") var values = "1,0.85,0.7,0.55,0.4"
    @Option(help: "Point capacities (comma-separated, ≥ 1).") var capacities = "1,2,3,4,5"
    @Option(help: "L, latent modes.") var modes = 4
    @Option(help: "d, latent dimension.") var latentDim = 2
    @Option(parsing: .unconditional, help: "λ, weight of I(z; a).") var miWeight = 0.1
    @Option(help: "Outer iterations.") var iterations = 1500
    @Option(parsing: .unconditional, help: "Adam step size.") var learningRate = 0.05
    @Option(help: "Adaptation steps on an unseen game.") var adaptSteps = 5
    @Option(parsing: .unconditional, help: "Adaptation step size η.") var adaptRate = 0.5
    @Option(help: "Seed; every random stream derives from it.") var seed: UInt64 = 0
    @Option(help: "Output directory.") var out = "runs/mra"
    @Flag(help: "Print JSON instead of a table.") var json = false

    struct Report: Codable {
        var config: MRAConfig
        var train: [Int]
        var mraTrainingGaps: [Double]
        var unimodalTrainingGaps: [Double]
        var evaluations: [Evaluation]
        struct Evaluation: Codable {
            var players: Int
            var mra: MRAAdaptation
            var unimodal: MRAAdaptation
        }
    }

    static func integers(_ text: String, _ name: String) throws -> [Int] {
        let parts = text.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !parts.isEmpty, parts.allSatisfy({ $0 != nil }) else {
            throw ValidationError("--\(name) needs comma-separated integers, got `\(text)`")
        }
        return parts.compactMap { $0 }
    }

    func run() throws {
        var config = MRAConfig()
        config.modes = modes
        config.latentDimension = latentDim
        config.miWeight = miWeight
        config.iterations = iterations
        config.learningRate = learningRate
        config.adaptationSteps = adaptSteps
        config.adaptationRate = adaptRate
        let pointValues = try values.split(separator: ",").map { (part: Substring) throws -> Double in
            guard let value = Double(part.trimmingCharacters(in: .whitespaces)) else {
                throw ValidationError("--values needs comma-separated numbers, got `\(values)`")
            }
            return value
        }
        let caps = try Self.integers(capacities, "capacities")
        func game(_ n: Int) throws -> CapacityGame {
            do { return try CapacityGame(players: n, values: pointValues, capacities: caps) } catch {
                throw ValidationError("\(error)")
            }
        }
        let trainSizes = try Self.integers(train, "train")
        let evalSizes = try Self.integers(eval, "eval")
        let games = try trainSizes.map(game)
        let mra: MRATrainer
        let unimodal: MRATrainer
        do {
            mra = try MRATrainer(config: config, games: games)
            unimodal = try MRATrainer(config: config.unimodal, games: games)
        } catch { throw ValidationError("\(error)") }
        let mraRun = mra.train(seed: seed)
        let unimodalRun = unimodal.train(seed: seed)
        var report = Report(
            config: config, train: trainSizes, mraTrainingGaps: mraRun.trainingGaps,
            unimodalTrainingGaps: unimodalRun.trainingGaps, evaluations: [])
        for n in evalSizes {
            let target = try game(n)
            report.evaluations.append(
                .init(
                    players: n, mra: mra.adapt(mraRun.model, to: target),
                    unimodal: unimodal.adapt(unimodalRun.model, to: target)))
        }
        let directory = URL(fileURLWithPath: out)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let data = try encoder.encode(report)
        try AtomicFile.write(data, to: directory.appendingPathComponent("results.json"))
        var plot = CurvePlot(
            name: "training", title: "Mean Nash gap on n = \(train)", xLabel: "iteration",
            yLabel: "mean NashConv")
        for (label, curve) in [("MRA", mraRun.curve), ("unimodal", unimodalRun.curve)] {
            plot.series.append(
                CurvePlot.Series(
                    label: label, run: "seed \(seed)", steps: curve.map { Double($0.iteration) },
                    values: curve.map(\.meanGap)))
        }
        try AtomicFile.write(plot.svg, to: directory.appendingPathComponent("training.svg"))
        if json {
            print(String(decoding: data, as: UTF8.self))
            return
        }
        print("training games (Nash gap, assigned mode for MRA):")
        for (index, n) in trainSizes.enumerated() {
            print(
                String(
                    format: "  n %2d  MRA %.4f (mode %d)  unimodal %.4f", n, mraRun.trainingGaps[index],
                    mraRun.model.assignment[index], unimodalRun.trainingGaps[index]))
        }
        print("unseen games (zero-shot → after \(adaptSteps) steps):")
        for evaluation in report.evaluations {
            print(
                String(
                    format: "  n %2d  MRA %.4f → %.4f (mode %d)  unimodal %.4f → %.4f", evaluation.players,
                    evaluation.mra.gaps.first ?? .nan, evaluation.mra.gaps.last ?? .nan, evaluation.mra.mode,
                    evaluation.unimodal.gaps.first ?? .nan, evaluation.unimodal.gaps.last ?? .nan))
        }
        print("wrote \(directory.path)/results.json and training.svg")
    }
}
