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

        /// A trajectory of `policy` as steps and visit counts.
        func rollout(_ policy: EpisodicPolicy, using rng: inout Xoshiro256StarStar) -> [DemonstrationStep] {
            var state = TransitionTable.categoricalIndex(mdp.initialDistribution, uniform: rng.nextDouble())
            var steps: [DemonstrationStep] = []
            for stage in 0..<horizon {
                let action = policy.sample(stage: stage, state: state, using: &rng)
                steps.append(DemonstrationStep(state: state, action: action))
                let base = mdp.index(state, action, 0)
                state = TransitionTable.categoricalIndex(
                    mdp.transitions[base..<(base + mdp.stateCount)], uniform: rng.nextDouble())
            }
            return steps
        }
    }

    /// What one agent achieved.
    struct Outcome {
        /// First evaluated episode whose recommendation is ε-optimal (the budget when never).
        var episodes: Int
        /// Whether it got there within the budget.
        var reached: Bool
        /// Value of the final recommendation.
        var finalValue: Double
    }

    /// Runs `agent` for `budget` episodes, evaluating its recommendation every `every` episodes (and at 0).
    static func online(
        _ agent: OptimisticEpisodicAgent, problem: Problem, budget: Int, every: Int, rng: inout Xoshiro256StarStar
    ) -> Outcome {
        var agent = agent
        var reached: Int?
        var value = agent.plan(bonus: false, episodes: budget).value(in: problem.mdp)
        if value >= problem.optimum - problem.epsilon { reached = 0 }
        for episode in 1...max(1, budget) {
            agent.playEpisode(agent.plan(bonus: true, episodes: budget), in: problem.mdp, using: &rng)
            if episode % every == 0 || episode == budget {
                value = agent.plan(bonus: false, episodes: budget).value(in: problem.mdp)
                if reached == nil, value >= problem.optimum - problem.epsilon { reached = episode }
            }
        }
        return Outcome(episodes: reached ?? budget, reached: reached != nil, finalValue: value)
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
            let first = visits(problem.rollout(uniform, using: &rng))
            let second = visits(problem.rollout(uniform, using: &rng))
            let margin = zip(first, problem.mdp.rewards).reduce(0) { $0 + $1.0 * $1.1 }
                - zip(second, problem.mdp.rewards).reduce(0) { $0 + $1.0 * $1.1 }
            let label: Double = rng.nextDouble() < 1 / (1 + exp(-margin)) ? 1 : 0
            return TrajectoryPreference(first: first, second: second, label: label)
        }
    }
}
