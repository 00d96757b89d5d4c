import Tensor

/// A coupled restless multi-armed bandit with combinatorial actions (coRMAB, SEQUOIA §9): J two-state arms
/// (0 = bad, 1 = good), a joint binary action a ∈ 𝒞 ⊆ {0, 1}^J, reward `Σⱼ rⱼ(sⱼ, aⱼ)`, and independent per-arm
/// transitions `P(s′ⱼ = 1 | sⱼ, aⱼ)` given the joint action. Episodes last ``horizon`` steps, discounted by ``gamma``.
public struct CoupledRMAB: Sendable, Codable, Equatable {
    /// One arm: `reward[s][a]` and `goodProbability[s][a] = P(s′ = 1 | s, a)`.
    public struct Arm: Sendable, Codable, Equatable {
        public var reward: [[Double]]
        public var goodProbability: [[Double]]
        /// P(s₀ = 1).
        public var initialGood: Double

        public init(reward: [[Double]], goodProbability: [[Double]], initialGood: Double) {
            self.reward = reward
            self.goodProbability = goodProbability
            self.initialGood = initialGood
        }
    }

    public let arms: [Arm]
    public let constraint: CombinatorialConstraint
    /// γ: discount (§9's prototype: 0.9).
    public let gamma: Double
    /// H: steps per episode (§9: 20).
    public let horizon: Int
    /// Every feasible joint action (enumerated once; J ≤ 16).
    public let feasibleActions: [[Int]]

    /// A bandit.
    /// - Throws: ``SEQUOIAError/invalidProblem(_:)`` for no arms or more than 16, a malformed arm (shapes,
    ///   probabilities outside [0, 1], non-finite rewards), a bad constraint, γ outside (0, 1], H < 1, or an empty 𝒞.
    public init(arms: [Arm], constraint: CombinatorialConstraint, gamma: Double, horizon: Int) throws(SEQUOIAError) {
        guard (1...16).contains(arms.count) else {
            throw .invalidProblem("a coRMAB needs 1…16 arms (feasible actions are enumerated), got \(arms.count)")
        }
        for (index, arm) in arms.enumerated() {
            let shapes = [arm.reward, arm.goodProbability].allSatisfy {
                $0.count == 2 && $0.allSatisfy { $0.count == 2 }
            }
            guard shapes else { throw .invalidProblem("arm \(index): reward and goodProbability must be 2 × 2") }
            guard arm.reward.joined().allSatisfy(\.isFinite) else {
                throw .invalidProblem("arm \(index): rewards must be finite")
            }
            guard (arm.goodProbability.joined() + [arm.initialGood]).allSatisfy({ (0...1).contains($0) }) else {
                throw .invalidProblem("arm \(index): probabilities must lie in [0, 1]")
            }
        }
        try constraint.validate(arms: arms.count)
        guard gamma > 0 && gamma <= 1 else { throw .invalidProblem("gamma must lie in (0, 1], got \(gamma)") }
        guard horizon >= 1 else { throw .invalidProblem("horizon must be ≥ 1, got \(horizon)") }
        var feasible: [[Int]] = []
        for code in 0..<(1 << arms.count) {
            let action = (0..<arms.count).map { (code >> $0) & 1 }
            if constraint.isFeasible(action) { feasible.append(action) }
        }
        guard !feasible.isEmpty else { throw .invalidProblem("no joint action satisfies the constraint") }
        self.arms = arms
        self.constraint = constraint
        self.gamma = gamma
        self.horizon = horizon
        self.feasibleActions = feasible
    }

    /// J.
    public var armCount: Int { arms.count }

    /// The reward of `action` in `state`.
    public func reward(_ state: [Int], _ action: [Int]) -> Double {
        var total = 0.0
        for (index, arm) in arms.enumerated() { total += arm.reward[state[index]][action[index]] }
        return total
    }

    /// The next state given one uniform draw per arm (`s′ⱼ = 1` iff `uⱼ < P(1 | sⱼ, aⱼ)`): common random numbers.
    public func next(_ state: [Int], _ action: [Int], uniforms: [Double]) -> [Int] {
        arms.indices.map { uniforms[$0] < arms[$0].goodProbability[state[$0]][action[$0]] ? 1 : 0 }
    }

    /// A start state from one uniform draw per arm.
    public func initialState(uniforms: [Double]) -> [Int] {
        arms.indices.map { uniforms[$0] < arms[$0].initialGood ? 1 : 0 }
    }

    /// The state's bit code (arm j at bit j).
    public static func code(_ bits: [Int]) -> Int {
        var code = 0
        for (index, bit) in bits.enumerated() where bit != 0 { code |= 1 << index }
        return code
    }

    /// The instance of the digest's prototype (§9 "Small reproduction", reconstructed): J = 8, two workers with
    /// capacity 3, arm costs in {1, 2, 3}; arms 0–3 are "sticky investment" arms (the good state pays 1 per step,
    /// acting moves a bad arm to good with probability 0.7 instead of 0.05, and a good arm stays good with 0.95
    /// instead of 0.8; acting pays 0.05 now), arms 4–7 are "fleeting" arms (acting pays 0.4 + 0.5·s now; the state
    /// is a fair coin every step whatever the action), which lure a myopic policy. γ = 0.9, H = 20; sticky arms
    /// start bad, fleeting arms start good with probability 0.5.
    /// - Throws: never for these fixed values (checked in the tests); the signature keeps the validation honest.
    public static func capacityPrototype() throws(SEQUOIAError) -> CoupledRMAB {
        let sticky = Arm(reward: [[0, 0.05], [1, 1.05]], goodProbability: [[0.05, 0.7], [0.8, 0.95]], initialGood: 0)
        let fleeting = Arm(reward: [[0, 0.4], [0, 0.9]], goodProbability: [[0.5, 0.5], [0.5, 0.5]], initialGood: 0.5)
        let costs: [Double] = [1, 2, 3, 1, 2, 1, 3, 2]
        return try CoupledRMAB(
            arms: [sticky, sticky, sticky, sticky, fleeting, fleeting, fleeting, fleeting],
            constraint: .capacity(costs: costs, capacities: [3, 3]), gamma: 0.9, horizon: 20)
    }

    /// Random instances for tests and user runs: J arms with sticky or fleeting dynamics drawn at random,
    /// integer costs in 1…3 and a budget (limit = `budgetFraction` · Σ costs).
    public static func randomBudget<G: RandomNumberGenerator>(
        arms count: Int, budgetFraction: Double = 0.4, gamma: Double = 0.9, horizon: Int = 20, using rng: inout G
    ) throws(SEQUOIAError) -> CoupledRMAB {
        var arms: [Arm] = [], costs: [Double] = []
        for _ in 0..<count {
            let up = Double.random(in: 0.3...0.9, using: &rng), stay = Double.random(in: 0.6...0.95, using: &rng)
            let bonus = Double.random(in: 0...0.6, using: &rng)
            arms.append(Arm(
                reward: [[0, bonus], [1, 1 + bonus]], goodProbability: [[0.05, up], [stay, min(1, stay + 0.1)]],
                initialGood: 0.5))
            costs.append(Double(Int.random(in: 1...3, using: &rng)))
        }
        return try CoupledRMAB(
            arms: arms, constraint: .budget(costs: costs, limit: (budgetFraction * costs.reduce(0, +)).rounded()),
            gamma: gamma, horizon: horizon)
    }
}
