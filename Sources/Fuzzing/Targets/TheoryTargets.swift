import Algorithms
import Environments
import Foundation
import Tensor

/// Episodic-MDP JSON files as `swiftrl theory run --mdp` and `swiftrl theory mdp --check` read them.
enum TheoryTargets {
    static let episodicMDP = FuzzTarget(
        name: "episodic-mdp", summary: "episodic MDP JSON (`swiftrl theory run --mdp file.json`), then planning",
        parts: [.text],
        seeds: {
            var rng = Xoshiro256StarStar(seed: 17)
            var perStage = try EpisodicMDPSpec.parse("garnet:S=3,A=2,H=2,stationary=false").generate(using: &rng)
            perStage.utilities = perStage.rewards
            let tree = try EpisodicMDPSpec.parse("tree:A=2,H=2").generate(using: &rng)
            let lowRank = try EpisodicMDPSpec.parse("lowrank:S=3,A=2,H=3,d=2").generate(using: &rng)
            return try [perStage, tree, lowRank].map { [Array(try EpisodicMDPFile.encode($0))] }
        },
        decode: { parts, _ in
            let mdp = try EpisodicMDPFile.decode(Data(parts[0]), file: "fuzz.json")
            try mdp.validate()
            guard mdp.stateCount * mdp.actionCount * mdp.stateCount * mdp.horizon <= 200_000 else { return }
            _ = mdp.optimal()
            var rng = Xoshiro256StarStar(seed: 1)
            let explorer = try ExplorationAlgorithm.epsmix.explorer(
                for: mdp, planner: UCBVI(), kappa: 0.1,
                baseline: BaselinePolicy.uniform(
                    stateCount: mdp.stateCount, actionCount: mdp.actionCount, horizon: mdp.horizon))
            _ = ExplorationTrace.run(explorer, in: mdp, episodes: 2, using: &rng)
        })
}
