import Algorithms
import Environments
import Foundation
import Tensor

/// One seed of the demo-regularized experiment at one N^E: expert demonstrations, π^BC, and online runs of the
/// agents, each scored by the episodes its recommendation needs to become ε-optimal.
struct DemoRegularizedRun {
    /// The shared problem: a Garnet MDP with its finite-horizon optimum.
    struct Problem {
        let mdp: TabularMDP
        let horizon: Int
        let expert: EpisodicPolicy
        let optimum: Double
        let epsilon: Double

        init(horizon: Int) throws {
            var rng = Xoshiro256StarStar(seed: 2310_17303)
            mdp = try Garnet.make(states: 20, actions: 4, branching: 3, using: &rng)
            self.horizon = horizon
            (expert, optimum) = EpisodicPolicy.optimal(in: mdp, horizon: horizon)
            epsilon = 0.5
        }

        /// ``EpisodesToEpsilon`` of `agent` on this problem.
        func measure(
            _ agent: OptimisticEpisodicAgent, budget: Int, every: Int, rng: inout Xoshiro256StarStar
        ) -> EpisodesToEpsilon {
            EpisodesToEpsilon.measure(
                agent, in: mdp, optimum: optimum, epsilon: epsilon, budget: budget, every: every, using: &rng)
        }
    }

    /// Bradley–Terry preferences between `count` pairs of uniformly random trajectories, labelled with the true
    /// expected rewards through the logistic link.
    static func preferences(problem: Problem, count: Int, rng: inout Xoshiro256StarStar) -> [TrajectoryPreference] {
        let s = problem.mdp.stateCount, a = problem.mdp.actionCount
        let uniform = EpisodicPolicy(
            probabilities: Array(repeating: Array(repeating: 1 / Double(a), count: s * a), count: problem.horizon),
            actionCount: a)
        func visits(_ steps: [DemonstrationStep]) -> [Double] {
            var counts = [Double](repeating: 0, count: s * a)
            for step in steps { counts[step.state * a + step.action] += 1 }
            return counts
        }
        return (0..<count).map { _ in
            let first = visits(EpisodesToEpsilon.rollout(uniform, in: problem.mdp, using: &rng))
            let second = visits(EpisodesToEpsilon.rollout(uniform, in: problem.mdp, using: &rng))
            let margin = zip(first, problem.mdp.rewards).reduce(0) { $0 + $1.0 * $1.1 }
                - zip(second, problem.mdp.rewards).reduce(0) { $0 + $1.0 * $1.1 }
            let label: Double = rng.nextDouble() < 1 / (1 + exp(-margin)) ? 1 : 0
            return TrajectoryPreference(first: first, second: second, label: label)
        }
    }
}
