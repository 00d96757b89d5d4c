import Foundation
import Optimization
import Tensor

/// SEQUOIA (Xu, Wilder, Khalil & Tambe, "Reinforcement learning with combinatorial actions for coupled restless
/// bandits", ICLR 2025, arXiv:2503.01919; digest §9): Q-learning whose greedy step `argmax_{a∈𝒞} Q_θ(s, a)` is a
/// MILP — the ReLU Q-network over [a, s] in its big-M encoding plus the constraints of 𝒞 — solved by GLPK.
///
/// DQN with a replay buffer: the TD target is `y = r + γ·max_{a′∈𝒞} Q_target(s′, a′)`, the max solved as a MILP under
/// the target network and memoised per next state until the target network changes (the paper's memoizer); the
/// Huber loss is minimised by Adam with global-norm clipping; actions are ε-greedy (random feasible action or the
/// MILP argmax of the online network). Every MILP answer can be checked against enumeration of 𝒞
/// (``SEQUOIAConfig/verifyBruteForce``); ``stats`` counts solves, solver time and disagreements.
public final class SEQUOIA {
    /// Counters of the MILP argmax.
    public struct Stats: Sendable, Codable, Equatable {
        /// MILPs solved (action selection, targets, greedy evaluation).
        public var milpSolves = 0
        /// Wall-clock seconds inside the MILP argmax (model building + GLPK).
        public var milpSeconds = 0.0
        /// MILP answers whose Q value fell short of the enumerated maximum by more than 1e-6·max(1, |Q*|).
        public var mismatches = 0
        /// Answers checked against enumeration.
        public var verified = 0
        /// Largest |MILP objective − forward-pass Q| seen.
        public var largestObjectiveError = 0.0
        /// Target values served by the memoizer instead of a solve.
        public var memoHits = 0
        /// Gradient steps taken.
        public var gradientSteps = 0
        /// Environment steps taken.
        public var environmentSteps = 0
        /// Binary ReLU indicators summed over all MILPs (divide by ``milpSolves`` for the mean).
        public var binariesTotal = 0

        /// All counters zero.
        public init() {}

        /// MILP solves per second of solver time.
        public var solvesPerSecond: Double { milpSeconds > 0 ? Double(milpSolves) / milpSeconds : 0 }
    }

    struct Transition {
        var state: [Int]
        var action: [Int]
        var reward: Double
        var next: [Int]
    }

    public let problem: CoupledRMAB
    public let config: SEQUOIAConfig
    public private(set) var stats = Stats()
    let argmax: QNetworkArgmax
    let q: MLP
    let optimizer: Adam
    var target: ReLUNetwork
    var targetMemo: [Int: Double] = [:]
    var buffer: [Transition] = []
    var bufferNext = 0
    var rng: Xoshiro256StarStar

    /// A learner with a fresh Q-network drawn from `seed`.
    /// - Throws: ``SEQUOIAError/invalidProblem(_:)`` for an invalid configuration.
    public init(
        problem: CoupledRMAB, config: SEQUOIAConfig = SEQUOIAConfig(), seed: UInt64, solver: GLPKSolver = .init()
    ) throws(SEQUOIAError) {
        try config.validate()
        self.problem = problem
        self.config = config
        argmax = QNetworkArgmax(problem: problem, solver: solver)
        var initialisation = Xoshiro256StarStar(seed: seed).derived("sequoia/init")
        q = MLP([2 * problem.armCount] + config.hidden + [1], activation: .relu, using: &initialisation)
        optimizer = Adam(learningRate: config.learningRate)
        rng = Xoshiro256StarStar(seed: seed).derived("sequoia/train")
        target = try Self.snapshot(q)
    }

    /// The online Q-network as a Double ``ReLUNetwork`` (what the MILP encodes).
    /// - Throws: ``SEQUOIAError/invalidProblem(_:)`` if training produced non-finite weights.
    public func network() throws(SEQUOIAError) -> ReLUNetwork { try Self.snapshot(q) }

    static func snapshot(_ mlp: MLP) throws(SEQUOIAError) -> ReLUNetwork {
        let layers = mlp.layers.map { layer in
            let weights = layer.weight.doubles, inputs = layer.inputs
            return ReLUNetwork.Layer(
                weights: (0..<layer.outputs).map { Array(weights[($0 * inputs)..<(($0 + 1) * inputs)]) },
                bias: layer.bias?.doubles ?? [Double](repeating: 0, count: layer.outputs))
        }
        do {
            return try ReLUNetwork(layers: layers)
        } catch {
            throw .invalidProblem("the Q-network has non-finite weights (diverged training): \(error)")
        }
    }

    /// The MILP argmax of `network` at `state`, timed and (when configured) checked against enumeration.
    /// - Throws: ``SEQUOIAError/solver(_:)``.
    public func solve(_ network: ReLUNetwork, state: [Int]) throws(SEQUOIAError) -> QNetworkArgmax.Answer {
        let start = ContinuousClock.now
        let answer = try argmax.milp(network, state: state)
        let elapsed = ContinuousClock.now - start
        stats.milpSeconds += Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        stats.milpSolves += 1
        stats.binariesTotal += answer.binaries
        stats.largestObjectiveError = max(stats.largestObjectiveError, abs(answer.objective - answer.value))
        if config.verifyBruteForce {
            let best = argmax.bruteForce(network, state: state)
            stats.verified += 1
            if answer.value < best.value - 1e-6 * max(1, abs(best.value)) { stats.mismatches += 1 }
        }
        return answer
    }

    /// ε at environment step `t`.
    public func epsilon(at t: Int) -> Double {
        config.epsilonEnd + (config.epsilonStart - config.epsilonEnd) * exp(-Double(t) / config.epsilonDecay)
    }

    /// Trains for `episodes` episodes of H steps; returns each training episode's discounted return.
    /// - Throws: ``SEQUOIAError`` for solver failures (or a build without GLPK) and diverged weights.
    public func train(episodes: Int, log: ((Int, Double) -> Void)? = nil) throws(SEQUOIAError) -> [Double] {
        var returns: [Double] = []
        for episode in 0..<episodes {
            var state = problem.initialState(uniforms: uniforms())
            var total = 0.0, discount = 1.0
            for _ in 0..<problem.horizon {
                let action: [Int]
                if Double.random(in: 0..<1, using: &rng) < epsilon(at: stats.environmentSteps) {
                    action = RMABPolicies.random(problem, using: &rng)
                } else {
                    action = try solve(try network(), state: state).action
                }
                let reward = problem.reward(state, action)
                let next = problem.next(state, action, uniforms: uniforms())
                remember(Transition(state: state, action: action, reward: reward, next: next))
                total += discount * reward
                discount *= problem.gamma
                state = next
                stats.environmentSteps += 1
                if buffer.count >= config.learningStarts { try learn() }
            }
            returns.append(total)
            log?(episode, total)
        }
        return returns
    }

    func uniforms() -> [Double] { (0..<problem.armCount).map { _ in Double.random(in: 0..<1, using: &rng) } }

    func remember(_ transition: Transition) {
        if buffer.count < config.bufferCapacity {
            buffer.append(transition)
        } else {
            buffer[bufferNext] = transition
        }
        bufferNext = (bufferNext + 1) % config.bufferCapacity
    }

    /// One gradient step on a uniform minibatch.
    func learn() throws(SEQUOIAError) {
        let batch = (0..<config.batchSize).map { _ in buffer[Int.random(in: 0..<buffer.count, using: &rng)] }
        var inputs: [Float] = [], targets: [Float] = []
        for transition in batch {
            let code = CoupledRMAB.code(transition.next)
            let nextValue: Double
            if let memo = targetMemo[code] {
                nextValue = memo
                stats.memoHits += 1
            } else {
                nextValue = try solve(target, state: transition.next).value
                targetMemo[code] = nextValue
            }
            inputs += QNetworkArgmax.input(transition.action, transition.state).map(Float.init)
            targets.append(Float(transition.reward + problem.gamma * nextValue))
        }
        let x = Tensor(inputs, shape: [batch.count, 2 * problem.armCount])
        let y = Tensor(targets, shape: [batch.count, 1])
        let delta = config.huberDelta
        let (_, gradients) = valueAndGrad(q) { q in huberLoss(q(x), y, delta: delta) }
        optimizer.update(q, gradients: gradients.clippedByGlobalNorm(config.maxGradNorm).gradients)
        stats.gradientSteps += 1
        if stats.gradientSteps % config.targetUpdateInterval == 0 {
            target = try network()
            targetMemo.removeAll(keepingCapacity: true)
        }
    }

    /// A greedy policy of the current online network for evaluation: the MILP argmax, memoised per state (the
    /// network is fixed while it is used).
    /// - Throws: ``SEQUOIAError`` for diverged weights.
    public func greedyPolicy() throws(SEQUOIAError) -> (([Int]) throws(SEQUOIAError) -> [Int]) {
        let network = try network()
        var memo: [Int: [Int]] = [:]
        return { [self] (state: [Int]) throws(SEQUOIAError) -> [Int] in
            let code = CoupledRMAB.code(state)
            if let action = memo[code] { return action }
            let action = try solve(network, state: state).action
            memo[code] = action
            return action
        }
    }
}
