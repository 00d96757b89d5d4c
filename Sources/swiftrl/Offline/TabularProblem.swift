import ArgumentParser
import Environments
import Offline
import Tensor

/// A finite problem named on the command line: `bandit:0.2,0.5,0.8`, `garnet:S,A,b`, `FrozenLake-v1` or
/// `FrozenLake8x8-v1` (the registered tabular environments whose rewards already lie in [0, 1]).
struct TabularProblem {
    var mdp: TabularMDP
    /// Whether the problem is a bandit (γ = 0).
    var isBandit: Bool

    static let help = "bandit:m1,m2,… (arm means in [0, 1]), garnet:S,A,b (uses --mdp-seed), FrozenLake-v1, "
        + "FrozenLake8x8-v1"

    /// Parses `text`.
    /// - Throws: `ValidationError` naming the accepted forms.
    init(_ text: String, mdpSeed: UInt64) throws {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        switch (parts.first?.lowercased(), parts.count) {
        case ("bandit", 2):
            let means = parts[1].split(separator: ",").compactMap { Double($0) }
            guard means.count >= 2, means.count == parts[1].split(separator: ",").count else {
                throw ValidationError("--env \(text): give at least two arm means, e.g. bandit:0.2,0.5,0.8")
            }
            mdp = try TabularMDP.contextualBandit(means: [means])
            isBandit = true
        case ("garnet", 2):
            let sizes = parts[1].split(separator: ",").compactMap { Int($0) }
            guard sizes.count == 3 else { throw ValidationError("--env \(text): use garnet:S,A,b, e.g. garnet:10,4,3") }
            var rng = Xoshiro256StarStar(seed: mdpSeed)
            mdp = try Garnet.make(states: sizes[0], actions: sizes[1], branching: sizes[2], using: &rng)
            isBandit = false
        case ("frozenlake-v1", 1):
            mdp = try FrozenLake().table.mdp
            isBandit = false
        case ("frozenlake8x8-v1", 1):
            mdp = try FrozenLake(map: FrozenLake.maps["8x8"] ?? []).table.mdp
            isBandit = false
        default:
            throw ValidationError(
                "--env \(text) is not a tabular problem with rewards in [0, 1]; use one of: \(Self.help)")
        }
    }
}
