import ArgumentParser
import Environments
import Foundation
import Tensor

/// `swiftrl theory`: tabular exploration theory on generated or user-provided episodic MDPs.
struct TheoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "theory",
        abstract: "Tabular theory: UCBVI, StepMix, EpsMix, LSVI-UCB with exact regret; agnostic PAC learning.",
        discussion: """
            MDPs come from a generator spec (\(EpisodicMDPSpec.kinds.joined(separator: ", "))) or a JSON file
            written by `swiftrl theory mdp` (format swiftrl.episodic-mdp, see `swiftrl theory mdp --help`).

            Examples:
              swiftrl theory mdp --generate garnet:S=20,A=4,H=10 --out garnet.json
              swiftrl theory run --algo ucbvi --algo epsmix --mdp garnet.json --episodes 2000 --out runs/theory
              swiftrl theory run --algo stepmix --mdp lowrank:S=30,A=4,H=8,d=3 --bonus bernstein --out runs/lr
              swiftrl theory agnostic --mdp tree:A=2,H=6 --class random --size 64 --epsilon 0.25
              swiftrl theory surprise --episodes 2000 --out runs/surprise   # Adversarial Surprise on SurpriseRooms
              swiftrl theory sequoia --episodes 150        (GLPK trait: Q-network argmax as a MILP)
            """,
        subcommands: [
            TheoryRunCommand.self, TheoryMDPCommand.self, TheoryAgnosticCommand.self, TheorySurpriseCommand.self,
            TheorySEQUOIACommand.self,
        ])
}




/// Where `--mdp` points: a JSON file or a generator spec.
enum TheoryMDPSource {
    /// Reads the file when `text` ends in `.json` or names an existing file, otherwise generates from the spec with
    /// a generator seeded by `seed`.
    /// - Throws: ``InputValidationError`` for a bad file, ``EnvironmentError`` for a bad spec.
    static func load(_ text: String, seed: UInt64) throws -> EpisodicMDP {
        if text.hasSuffix(".json") || FileManager.default.fileExists(atPath: text) {
            return try EpisodicMDPFile.read(URL(fileURLWithPath: text))
        }
        var rng = Xoshiro256StarStar(seed: seed).derived("theory/mdp")
        return try EpisodicMDPSpec.parse(text).generate(using: &rng)
    }

    static let help = """
        A JSON file (swiftrl.episodic-mdp) or a generator: garnet:S=20,A=4,H=10[,b=3][,stationary=false], \
        lowrank:S=50,A=4,H=10,d=5, tree:A=2,H=5, deterministic:S=10,A=3,H=8.
        """
}
