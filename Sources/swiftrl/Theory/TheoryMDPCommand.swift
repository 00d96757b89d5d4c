import ArgumentParser
import Algorithms
import Environments
import Foundation
import Tensor

/// `swiftrl theory mdp`: generate an episodic MDP and write it as JSON, or check a file.
struct TheoryMDPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mdp",
        abstract: "Write a generated episodic MDP as JSON (--generate … --out), or validate one (--check).",
        discussion: """
            Format (swiftrl.episodic-mdp, version 1): {"format", "version", "states", "actions", "horizon",
            "transitions": [k][s][a][s'], "rewards": [k][s][a], optional "utilities": [k][s][a], "initial": [s]},
            with one table (k = 0, stationary) or H tables (one per stage). Probabilities are non-negative and sum to
            1 per row (±1e-6); rewards and utilities are finite and in [0, 1]; horizon ≥ 1; S ≤ \
            \(EpisodicMDPSpec.maximumStates), A ≤ \(EpisodicMDPSpec.maximumActions), H ≤ \
            \(EpisodicMDPSpec.maximumHorizon). Errors name the file and the field.

            Examples:
              swiftrl theory mdp --generate garnet:S=20,A=4,H=10 --seed 3 --out garnet.json
              swiftrl theory mdp --generate tree:A=2,H=6 --out tree.json
              swiftrl theory mdp --check my-mdp.json
            """)

    @Option(help: ArgumentHelp("Generator spec.", discussion: TheoryMDPSource.help)) var generate: String?
    @Option(help: "Generator seed.") var seed: UInt64 = 0
    @Option(help: "Where to write the JSON.") var out: String?
    @Option(help: "Validate this MDP file and print a summary.") var check: String?

    func validate() throws {
        guard (generate != nil) != (check != nil) else {
            throw ValidationError("give exactly one of --generate <spec> (with --out) or --check <file>")
        }
        if generate != nil && out == nil { throw ValidationError("--generate needs --out <file.json>") }
    }

    func run() throws {
        let mdp: EpisodicMDP
        if let check {
            mdp = try EpisodicMDPFile.read(URL(fileURLWithPath: check))
        } else {
            mdp = try TheoryMDPSource.load(generate ?? "", seed: seed)
        }
        let optimum = mdp.optimal().value
        let kind = mdp.isStationary ? "stationary" : "per-stage"
        if let out, check == nil {
            try EpisodicMDPFile.write(mdp, to: URL(fileURLWithPath: out))
            print("wrote \(out): S \(mdp.stateCount), A \(mdp.actionCount), H \(mdp.horizon), \(kind), "
                  + String(format: "V* %.4f", optimum))
        } else {
            print("\(check ?? ""): valid; S \(mdp.stateCount), A \(mdp.actionCount), H \(mdp.horizon), \(kind), "
                  + String(format: "V* %.4f", optimum) + (mdp.utilities == nil ? "" : ", with utilities"))
        }
    }
}
