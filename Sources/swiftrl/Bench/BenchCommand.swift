import ArgumentParser
import Foundation
import Environments
import Offline
import Tensor

/// `swiftrl bench <suite>`: performance suites, one JSON object per line with `--json`.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Run a performance suite (tensor, env, train, offline, rlvr, scaleout, theory).",
        discussion: """
            Prints one line per case; with --json, one JSON object per line with suite, case, unit, median, min, max.
            With --compare, also runs the Python peer script for the suite (Benchmarks/peers/) with the
            interpreter in $SWIFTRL_PYTHON (default python3) and prints SwiftRL/peer ratios.

            Examples:
              swift run -c release swiftrl bench tensor --json
              SWIFTRL_PYTHON=.venv/bin/python swift run -c release swiftrl bench tensor --compare
            """
    )

    enum Suite: String, ExpressibleByArgument, CaseIterable {
        case tensor
        case env
        case train
        case offline
        case rlvr
        case scaleout
        case theory

        /// The Python peer script for `--compare`.
        var peerScript: String {
            switch self {
            case .tensor: "Benchmarks/peers/tensor_torch.py"
            case .env: "Benchmarks/peers/env_gymnasium.py"
            case .train: "Benchmarks/peers/train_sb3.py"
            case .offline: "Benchmarks/peers/offline_d3rlpy.py"
            case .rlvr: "Benchmarks/peers/rlvr_torch.py"
            case .scaleout, .theory: ""
            }
        }
    }

    @Argument(help: "Suite to run: \(Suite.allCases.map(\.rawValue).joined(separator: ", ")).")
    var suite: Suite

    @Flag(help: "Print JSON lines.")
    var json = false

    @Flag(help: "Fewer repetitions (noisier, faster).")
    var quick = false

    @Option(help: "Clock: wall, or cpu (thread CPU time; estimates unloaded wall time on a busy machine). Tensor and offline suites.")
    var clock: BenchmarkClock = .wall

    @Option(help: "Run only cases whose name contains this text.")
    var filter: String?

    @Flag(help: "Also run the Python peer benchmark and print ratios.")
    var compare = false

    @Option(help: "scaleout suite: Ray dashboard address (default: $RAY_ADDRESS); without it only local cases run.")
    var rayAddress: String?

    @Option(help: "scaleout suite: training steps of each sweep run (≈ 30 s per run at the default in release).")
    var runSteps = 300_000

    @OptionGroup(title: "Threads") var threading: ThreadOptions

    func run() throws {
        threading.apply()
        let results: [BenchmarkResult]
        switch suite {
        case .tensor: results = TensorBench.run(quick: quick, filter: filter, clock: clock)
        case .env:
            results = EnvBenchmark.run(quick: quick).filter { r in filter.map { r.case.contains($0) } ?? true }
        case .train: results = try TrainBench.run(quick: quick, filter: filter)
        case .offline:
            results = try OfflineBench.run(quick: quick, filter: filter, clock: clock)
        case .rlvr: results = try RLVRBench.run(quick: quick, filter: filter, clock: clock)
        case .theory: results = try TheoryBench.run(quick: quick, filter: filter, clock: clock)
        case .scaleout:
            results = try ScaleOutBench.run(
                quick: quick, filter: filter, rayAddress: rayAddress ?? ProcessInfo.processInfo.environment["RAY_ADDRESS"],
                runSteps: runSteps)
        }
        for r in results {
            if json {
                print(r.jsonLine)
            } else {
                print(String(format: "%-24@ %12.3f %@  (min %.3f, max %.3f)", r.case as NSString, r.median, r.unit as NSString, r.min, r.max))
            }
        }
        if compare && suite != .scaleout && suite != .theory {
            let peers = try PeerBenchmark.run(script: suite.peerScript, quick: quick, extra: suite == .train || suite == .env ? [] : ["--clock", clock.rawValue])
            print(PeerBenchmark.ratioTable(ours: results, peers: peers))
        }
    }
}

extension BenchmarkClock: ExpressibleByArgument {}
