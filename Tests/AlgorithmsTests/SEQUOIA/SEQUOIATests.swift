import Optimization
import Tensor
import Testing

@testable import Algorithms

/// SEQUOIA's pieces: the coRMAB, its constraints, the exact optimum, the MILP argmax against enumeration (every
/// solve), and a short training run.
@Suite struct SEQUOIATests {
    static let glpk = GLPKSolver.isAvailable

    @Test func capacityConstraintIsBinPackingNotABudget() throws {
        let problem = try CoupledRMAB.capacityPrototype()  // costs [1, 2, 3, 1, 2, 1, 3, 2], two workers of 3
        let constraint = problem.constraint
        func action(_ arms: [Int]) -> [Int] { (0..<8).map { arms.contains($0) ? 1 : 0 } }
        #expect(constraint.isFeasible(action([2, 6])))  // 3 | 3
        #expect(constraint.isFeasible(action([0, 1, 3, 5])))  // 1 + 2 | 1 + 1
        #expect(!constraint.isFeasible(action([1, 4, 7])))  // total 6, but 2 + 2 does not fit a worker of 3
        #expect(!constraint.isFeasible(action([0, 2, 6])))  // total 7 > 6
        #expect(problem.feasibleActions.count == (0..<256).filter { code in
            constraint.isFeasible((0..<8).map { (code >> $0) & 1 })
        }.count)
        #expect(problem.feasibleActions.allSatisfy { $0.count == 8 })
        let budget = CombinatorialConstraint.budget(costs: [1, 2, 3], limit: 3)
        #expect(budget.isFeasible([1, 1, 0]) && !budget.isFeasible([1, 0, 1]))
    }

    @Test func invalidProblemsNameTheField() {
        let arm = CoupledRMAB.Arm(reward: [[0, 0], [1, 1]], goodProbability: [[0, 1.5], [1, 1]], initialGood: 0)
        #expect(throws: SEQUOIAError.self) {
            try CoupledRMAB(arms: [arm], constraint: .budget(costs: [1], limit: 1), gamma: 0.9, horizon: 5)
        }
        let good = CoupledRMAB.Arm(reward: [[0, 0], [1, 1]], goodProbability: [[0, 1], [1, 1]], initialGood: 0)
        #expect(throws: SEQUOIAError.self) {
            try CoupledRMAB(arms: [good], constraint: .budget(costs: [1, 2], limit: 1), gamma: 0.9, horizon: 5)
        }
        var config = SEQUOIAConfig()
        config.batchSize = 0
        #expect(throws: SEQUOIAError.self) { try config.validate() }
    }

    @Test func backwardInductionMatchesAHandValue() throws {
        // One sticky arm, γ 0.5, H 2, starting bad: V₁(1) = 1.05, V₁(0) = 0.05;
        // Q₀(0, act) = 0.05 + 0.5·(0.7·1.05 + 0.3·0.05) = 0.425 > Q₀(0, rest) = 0.5·(0.05·1.05 + 0.95·0.05) = 0.05.
        let sticky = CoupledRMAB.Arm(
            reward: [[0, 0.05], [1, 1.05]], goodProbability: [[0.05, 0.7], [0.8, 0.95]], initialGood: 0)
        let problem = try CoupledRMAB(
            arms: [sticky], constraint: .budget(costs: [1], limit: 1), gamma: 0.5, horizon: 2)
        let optimal = RMABPolicies.optimal(problem)
        #expect(abs(optimal.initialValue - 0.425) < 1e-12)
        #expect(problem.feasibleActions[optimal.actionIndex[0][0]] == [1])
    }

    @Test func myopicMaximisesImmediateRewardAndEvaluationUsesCommonDraws() throws {
        let problem = try CoupledRMAB.capacityPrototype()
        let state = [0, 0, 0, 0, 1, 0, 1, 0]
        let myopic = RMABPolicies.myopic(problem, state: state)
        let best = problem.feasibleActions.map { problem.reward(state, $0) }.max() ?? 0
        #expect(problem.reward(state, myopic) == best)
        let policy: ([Int], Int) -> [Int] = { state, _ in RMABPolicies.myopic(problem, state: state) }
        let a = RMABPolicies.evaluate(problem, episodes: 5, seed: 3, policy: policy)
        let b = RMABPolicies.evaluate(problem, episodes: 5, seed: 3, policy: policy)
        #expect(a == b)
        let optimal = RMABPolicies.optimal(problem)
        let optimalReturns = RMABPolicies.evaluate(problem, episodes: 200, seed: 3) { state, step in
            problem.feasibleActions[optimal.actionIndex[step][CoupledRMAB.code(state)]]
        }
        let myopicReturns = RMABPolicies.evaluate(problem, episodes: 200, seed: 3) { state, _ in
            RMABPolicies.myopic(problem, state: state)
        }
        // The instance is built so that looking ahead pays: the optimum beats myopic clearly.
        #expect(optimalReturns.reduce(0, +) > myopicReturns.reduce(0, +) + 200)
    }

    @Test(.enabled(if: glpk)) func milpArgmaxMatchesEnumerationOnEverySolve() throws {
        var rng = Xoshiro256StarStar(seed: 11)
        let budget = try CoupledRMAB.randomBudget(arms: 5, using: &rng)
        for problem in [try CoupledRMAB.capacityPrototype(), budget] {
            let argmax = QNetworkArgmax(problem: problem)
            for seed in 0..<4 as Range<UInt64> {
                var config = SEQUOIAConfig()
                config.hidden = seed == 3 ? [8, 8] : [16]
                let network = try SEQUOIA(problem: problem, config: config, seed: seed).network()
                for _ in 0..<8 {
                    let state = (0..<problem.armCount).map { _ in Int.random(in: 0...1, using: &rng) }
                    let answer = try argmax.milp(network, state: state)
                    let best = argmax.bruteForce(network, state: state)
                    #expect(problem.constraint.isFeasible(answer.action))
                    #expect(abs(answer.value - best.value) < 1e-6 * max(1, abs(best.value)))
                    #expect(abs(answer.objective - answer.value) < 1e-5)
                }
            }
        }
    }

    @Test(.enabled(if: glpk)) func shortTrainingRunVerifiesEverySolve() throws {
        var rng = Xoshiro256StarStar(seed: 5)
        let problem = try CoupledRMAB.randomBudget(arms: 4, horizon: 10, using: &rng)
        var config = SEQUOIAConfig()
        config.hidden = [8]
        config.learningStarts = 32
        config.targetUpdateInterval = 20
        config.epsilonDecay = 50
        let learner = try SEQUOIA(problem: problem, config: config, seed: 1)
        let returns = try learner.train(episodes: 8)
        #expect(returns.count == 8 && returns.allSatisfy(\.isFinite))
        #expect(learner.stats.milpSolves > 0 && learner.stats.verified == learner.stats.milpSolves)
        #expect(learner.stats.mismatches == 0)
        #expect(learner.stats.gradientSteps == 80 - 31)
        let policy = try learner.greedyPolicy()
        #expect(problem.constraint.isFeasible(try policy([1, 0, 1, 0])))
    }

    @Test(.enabled(if: !glpk)) func withoutTheTraitTheArgmaxSaysWhatToInstall() throws {
        let problem = try CoupledRMAB.capacityPrototype()
        let network = try SEQUOIA(problem: problem, seed: 0).network()
        #expect(throws: SEQUOIAError.solver(.needsGLPK(feature: "solving a linear or mixed-integer program"))) {
            try QNetworkArgmax(problem: problem).milp(network, state: [Int](repeating: 0, count: 8))
        }
    }
}
