import ArgumentParser
import Foundation
import Offline

/// `swiftrl offline tabular attribute`: the trajectory-attribution pipeline (Deshmukh et al., ICLR 2023; the TMLR
/// 2024 reproducibility study's grid world) on freshly generated Dyna-Q data.
struct TabularAttributeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attribute",
        abstract: "Attribute an offline agent's decisions to clusters of its training trajectories (grid world).",
        discussion: """
            Generates Dyna-Q trajectories on the study's 7 × 7 grid world, trains the seq2seq LSTM trajectory
            encoder, clusters the embeddings with X-means, plans one explanation policy per cluster on the data
            without it, and prints the clusters, what removing each one does, and which cluster each decision is
            attributed to (state = row · 7 + column; actions 0 up, 1 right, 2 down, 3 left).

            Examples:
              swiftrl offline tabular attribute --seed 3
              swiftrl offline tabular attribute --positives 100 --negatives 20 --epochs 10 --json
            """)

    @Option(parsing: .unconditional, help: "Trajectories ending at a +1 terminal.") var positives = 50
    @Option(parsing: .unconditional, help: "Trajectories ending at the −1 terminal.") var negatives = 10
    @Option(parsing: .unconditional, help: "Longest trajectory, in steps.") var maxLength = 10
    @Option(parsing: .unconditional, help: "Autoencoder epochs.") var epochs = 25
    @Option(parsing: .unconditional, help: "Most clusters X-means may allocate.") var maxClusters = 10
    @Option(parsing: .unconditional, help: "M, the data-embedding temperature.") var temperature = 10.0
    @Option(help: "Seed; every draw derives from it.") var seed: UInt64 = 0
    @Flag(help: "Print the result as one JSON object.") var json = false

    func validate() throws {
        guard positives >= 0, negatives >= 0, positives + negatives >= 2 else {
            throw ValidationError("need --positives + --negatives ≥ 2 (both ≥ 0)")
        }
        guard maxLength > 0, epochs > 0, maxClusters >= 2 else {
            throw ValidationError("--max-length and --epochs must be positive, --max-clusters at least 2")
        }
        guard temperature > 0 else { throw ValidationError("--temperature must be positive, got \(temperature)") }
    }

    func run() throws {
        var study = AttributionStudy()
        study.data.positives = positives
        study.data.negatives = negatives
        study.data.maxLength = maxLength
        study.epochs = epochs
        study.maxClusters = maxClusters
        study.temperature = temperature
        let result = try study.run(seed: seed, log: { if !json { print($0) } })
        if json {
            try printJSONLine(result)
            return
        }
        print("clusters (\(result.clusters.count)):")
        for (index, members) in result.clusters.enumerated() {
            print("  \(index): " + members.map(String.init).joined(separator: " "))
        }
        print(
            String(
                format: "original: V(start) %.4f, mean max Q %.4f", result.originalStartValue,
                result.originalMeanValue))
        print("cluster  size  V(start)  mean max Q      ΔQ  action contrast  data distance")
        for e in result.effects {
            print(
                String(
                    format: "%7d  %4d  %8.4f  %10.4f  %6.4f  %15.3f  %13.2e", e.cluster, e.size, e.startValue,
                    e.meanValue, e.deltaQ, e.actionContrast, e.dataDistance))
        }
        print("attributions (\(result.explanations.count) of \(result.statesExamined) states):")
        for e in result.explanations {
            print(
                "  state \(e.state) (row \(e.state / 7), column \(e.state % 7)): actions \(e.originalActions) → "
                    + "\(e.newActions) without cluster \(e.cluster) (W₁ \(String(format: "%.2e", e.distance)))")
        }
        print(
            String(
                format: "purity %.3f (random 95th pct %.3f); distant attributions %.2f", result.purity,
                result.randomPurity95, result.distantFraction))
    }
}
