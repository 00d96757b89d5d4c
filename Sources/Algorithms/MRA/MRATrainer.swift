import Foundation
import Tensor

/// MRA, Meta Representations for Agents (Zhang, Shen, Han & Shen, arXiv:2108.12988), for role-symmetric
/// population-varying games with one state: a latent-conditioned policy π_θ(a | z) trained on several population
/// sizes by alternating mode discovery and policy improvement, then adapted to an unseen population size by
/// first-order steps on the latent.
///
/// Equations used (reconstruction; the method pages were not reachable, see the `mra` reproduction notes):
/// - Nash gap (the paper's NashConv D_M(π), §2): `Σ_i max_{a_i} u_i(a_i, π_{-i}) − u_i(π)`, here for the
///   symmetric profile in which every agent plays π(· | z) (``PopulationGame/symmetricNashConv(_:)``).
/// - Mode discovery: each training game m (population n_m) is assigned the mode
///   `g(m) = argmin` over one-to-one maps games → modes of `Σ_m D_m(π(· | z_{g(m)}))`: the constraint that every
///   game has an effective mode, with the game→mode map carrying all of I(m; z) (one mode per game).
/// - Policy improvement: one Adam step on θ = (b, W) and all latents z_1…z_L on
///   `mean_m D_m(π(· | z_{g(m)})) − λ·I(z; a)`, `I(z; a) = H(mean_j π(· | z_j)) − mean_j H(π(· | z_j))` with z
///   uniform over the L modes (exact, no discriminator is needed for a one-state game).
/// - Adaptation to an unseen game: pick the mode with the smallest gap (zero-shot), then ``MRAConfig/adaptationSteps``
///   gradient-descent steps `z ← z − η ∇_z D(π(· | z))` with θ frozen, η halved (up to 10 times) until the step
///   does not increase the gap. A unimodal policy (d = 0) adapts b the same way.
/// Gradients are central finite differences of the exact expected payoffs (no sampling noise).
public struct MRATrainer: Sendable {
    /// The hyper-parameters.
    public let config: MRAConfig
    /// The training games (different population sizes, same actions).
    public let games: [any PopulationGame]

    /// A trainer.
    /// - Throws: ``MRAError`` for invalid settings, no games, or games with different action counts.
    public init(config: MRAConfig, games: [any PopulationGame]) throws(MRAError) {
        if let problem = config.problem { throw .invalidConfig(problem) }
        guard let first = games.first else { throw .noGames }
        guard games.allSatisfy({ $0.actionCount == first.actionCount }) else {
            throw .mismatchedActions(games.map(\.actionCount))
        }
        self.config = config
        self.games = games
    }

    /// Trains from a seed; every random draw comes from `Xoshiro256StarStar(seed:).derived("mra/init")`.
    public func train(seed: UInt64) -> MRATraining {
        let actions = games[0].actionCount
        let d = config.latentDimension
        let modes = config.modes
        var rng = Xoshiro256StarStar(seed: seed).derived("mra/init")
        let weights = (0..<(actions * d)).map { _ in config.initScale * rng.normal() }
        var model = MRAModel(
            policy: LatentConditionedPolicy(actions: actions, latentDimension: d, weights: weights),
            latents: (0..<modes).map { _ in (0..<d).map { _ in config.initScale * rng.normal() } },
            assignment: [])
        var adam = VectorAdam(count: model.flat.count, rate: config.learningRate)
        var curve: [MRATraining.Point] = []
        for iteration in 0...config.iterations {
            model.assignment = discoverModes(model)
            if iteration % 10 == 0 || iteration == config.iterations {
                curve.append(
                    .init(
                        iteration: iteration, meanGap: trainingGaps(model).reduce(0, +) / Double(games.count),
                        mutualInformation: Self.mutualInformation(model)))
            }
            guard iteration < config.iterations else { break }
            let assignment = model.assignment
            let gradient = Self.gradient(
                of: { flat in
                    var candidate = model
                    candidate.flat = flat
                    candidate.assignment = assignment
                    return loss(candidate)
                }, at: model.flat, step: config.finiteDifference)
            model.flat = adam.step(model.flat, gradient)
        }
        model.assignment = discoverModes(model)
        return MRATraining(model: model, curve: curve, trainingGaps: trainingGaps(model))
    }

    /// Zero-shot mode choice on `game`, then the inner-loop adaptation.
    /// - Parameter steps: adaptation steps (default ``MRAConfig/adaptationSteps``).
    public func adapt(_ model: MRAModel, to game: any PopulationGame, steps: Int? = nil) -> MRAAdaptation {
        let gaps = model.latents.map { game.symmetricNashConv(model.policy.strategy($0)) }
        let mode = gaps.indices.min { gaps[$0] < gaps[$1] } ?? 0
        var policy = model.policy
        var latent = model.latents[mode]
        var trace = [gaps[mode]]
        for _ in 0..<(steps ?? config.adaptationSteps) {
            let current = trace[trace.count - 1]
            // The adapted block: z for a latent policy, b for a unimodal one.
            let adaptsLatent = policy.latentDimension > 0
            let fixed = policy
            let gap: ([Double]) -> Double = { x in
                if adaptsLatent { return game.symmetricNashConv(fixed.strategy(x)) }
                var candidate = fixed
                candidate.bias = x
                return game.symmetricNashConv(candidate.strategy([]))
            }
            let x = adaptsLatent ? latent : policy.bias
            let gradient = Self.gradient(of: gap, at: x, step: config.finiteDifference)
            // Backtracking: halve η (at most 10 times) until the step does not increase the gap; else stay.
            var rate = config.adaptationRate
            var next = x
            var value = current
            for _ in 0..<11 {
                let candidate = zip(x, gradient).map { $0 - rate * $1 }
                let candidateGap = gap(candidate)
                if candidateGap <= current {
                    next = candidate
                    value = candidateGap
                    break
                }
                rate /= 2
            }
            if adaptsLatent { latent = next } else { policy.bias = next }
            trace.append(value)
        }
        return MRAAdaptation(mode: mode, zeroShotGaps: gaps, gaps: trace, strategy: policy.strategy(latent))
    }

    /// Nash gap of each training game under its assigned mode.
    public func trainingGaps(_ model: MRAModel) -> [Double] {
        games.indices.map { m in
            let mode = model.assignment.indices.contains(m) ? model.assignment[m] : 0
            return games[m].symmetricNashConv(model.policy.strategy(model.latents[mode]))
        }
    }

    /// The improvement loss: mean assigned gap − λ·I(z; a).
    func loss(_ model: MRAModel) -> Double {
        let gap = trainingGaps(model).reduce(0, +) / Double(games.count)
        return config.miWeight > 0 ? gap - config.miWeight * Self.mutualInformation(model) : gap
    }

    /// The one-to-one game → mode map with the smallest total gap (each game's best mode when L < games).
    func discoverModes(_ model: MRAModel) -> [Int] {
        let table = games.map { game in model.latents.map { game.symmetricNashConv(model.policy.strategy($0)) } }
        guard model.latents.count >= games.count else {
            return table.map { row in row.indices.min { row[$0] < row[$1] } ?? 0 }
        }
        var best: (cost: Double, map: [Int]) = (.infinity, [])
        var used = [Bool](repeating: false, count: model.latents.count)
        var current: [Int] = []
        func search(_ m: Int, _ cost: Double) {
            if cost >= best.cost { return }
            if m == games.count {
                best = (cost, current)
                return
            }
            for j in used.indices where !used[j] {
                used[j] = true
                current.append(j)
                search(m + 1, cost + table[m][j])
                current.removeLast()
                used[j] = false
            }
        }
        search(0, 0)
        return best.map
    }

    /// `I(z; a) = H(mean_j π(· | z_j)) − mean_j H(π(· | z_j))`, z uniform over the modes (nats).
    public static func mutualInformation(_ model: MRAModel) -> Double {
        guard model.latents.count > 1 else { return 0 }
        let strategies = model.latents.map { model.policy.strategy($0) }
        var mean = [Double](repeating: 0, count: model.policy.actions)
        var conditional = 0.0
        for strategy in strategies {
            conditional += entropy(strategy)
            for k in mean.indices { mean[k] += strategy[k] / Double(strategies.count) }
        }
        return entropy(mean) - conditional / Double(strategies.count)
    }

    static func entropy(_ p: [Double]) -> Double { -p.reduce(0) { $1 > 0 ? $0 + $1 * log($1) : $0 } }

    /// Central finite-difference gradient of `f` at `x`.
    static func gradient(of f: ([Double]) -> Double, at x: [Double], step: Double) -> [Double] {
        var point = x
        return x.indices.map { i in
            point[i] = x[i] + step
            let up = f(point)
            point[i] = x[i] - step
            let down = f(point)
            point[i] = x[i]
            return (up - down) / (2 * step)
        }
    }
}

/// A trained MRA (or unimodal) model: the shared policy, its latent modes and the training game → mode map.
public struct MRAModel: Codable, Sendable, Equatable {
    /// π_θ(a | z).
    public var policy: LatentConditionedPolicy
    /// z_1 … z_L (one empty latent for a unimodal policy).
    public var latents: [[Double]]
    /// The mode of each training game, in the trainer's game order.
    public var assignment: [Int]

    /// θ then every latent, flattened (what the improvement step updates).
    var flat: [Double] {
        get { policy.parameters + latents.flatMap { $0 } }
        set {
            let count = policy.parameters.count
            let d = policy.latentDimension
            policy.parameters = Array(newValue[0..<count])
            for j in latents.indices { latents[j] = Array(newValue[(count + j * d)..<(count + (j + 1) * d)]) }
        }
    }
}

/// What ``MRATrainer/train(seed:)`` returns.
public struct MRATraining: Codable, Sendable {
    /// One point of the training curve.
    public struct Point: Codable, Sendable, Equatable {
        /// Outer iteration.
        public var iteration: Int
        /// Mean Nash gap over the training games (assigned modes).
        public var meanGap: Double
        /// I(z; a) in nats.
        public var mutualInformation: Double
    }

    /// The trained model.
    public var model: MRAModel
    /// Every 10 iterations.
    public var curve: [Point]
    /// Final Nash gap per training game.
    public var trainingGaps: [Double]
}

/// What ``MRATrainer/adapt(_:to:steps:)`` returns.
public struct MRAAdaptation: Codable, Sendable, Equatable {
    /// The mode picked zero-shot.
    public var mode: Int
    /// Each mode's gap on the new game before adaptation.
    public var zeroShotGaps: [Double]
    /// The gap before adaptation (index 0) and after each step.
    public var gaps: [Double]
    /// The adapted strategy.
    public var strategy: [Double]
}

/// Errors of ``MRATrainer``.
public enum MRAError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A hyper-parameter is out of range.
    case invalidConfig(String)
    /// No training game was given.
    case noGames
    /// The games do not share an action set.
    case mismatchedActions([Int])

    public var description: String {
        switch self {
        case .invalidConfig(let reason): "invalid MRA settings: \(reason)"
        case .noGames: "MRA needs at least one training game (give population sizes, e.g. 2,3,4)"
        case .mismatchedActions(let counts):
            "MRA's training games must have the same number of actions, got \(counts)"
        }
    }
}

/// Adam on a flat parameter vector (Kingma & Ba 2015, β₁ 0.9, β₂ 0.999, ε 1e-8).
struct VectorAdam: Sendable {
    let rate: Double
    var m: [Double], v: [Double], t = 0

    init(count: Int, rate: Double) {
        self.rate = rate
        m = [Double](repeating: 0, count: count)
        v = m
    }

    mutating func step(_ x: [Double], _ gradient: [Double]) -> [Double] {
        t += 1
        let c1 = 1 - pow(0.9, Double(t))
        let c2 = 1 - pow(0.999, Double(t))
        var out = x
        for i in x.indices {
            m[i] = 0.9 * m[i] + 0.1 * gradient[i]
            v[i] = 0.999 * v[i] + 0.001 * gradient[i] * gradient[i]
            out[i] -= rate * (m[i] / c1) / ((v[i] / c2).squareRoot() + 1e-8)
        }
        return out
    }
}
