import Tensor

/// The StrategyBandit test bed for mechanism-level RLVR claims (research digest §14.1): `problems` problems ×
/// `strategies` "first-token reasoning modes", a shared-parameter softmax policy `π(s|x) = softmax(b + W·φ(x))`
/// and exact solvability, so pass@k, entropy and support are computed without sampling error.
///
/// Strategy `s` solves problem `x` when the noisy linear score `φ(x)·u_s + noise·√d·ε` lies in the top
/// `coverage(s)` fraction of problems; strategy 0 covers `dominantCoverage` (0.6), the others fall linearly from
/// `maxMinorityCoverage` (0.25) to `minMinorityCoverage` (0.05). With `randomSolvability` the solving sets are
/// drawn independently of the features (the digest's `RANDSOLVE=1`).
///
/// The bandit is a ``CausalLanguageModel`` (``StrategyPolicy``): a prompt is one problem token, a completion
/// one action token, and every action token is a stop token, so the one ``RLVRTrainer`` trains it like any
/// language model and every RLVR component applies unchanged.
public struct StrategyBandit: Sendable {
    /// The generator's knobs; defaults are the digest's §14.1 setting.
    public struct Configuration: Codable, Equatable, Sendable {
        /// P, number of problems.
        public var problems: Int
        /// S, number of strategies (answer styles that can be correct).
        public var strategies: Int
        /// d, feature dimension of φ(x).
        public var featureDimension: Int
        /// Coverage of strategy 0 (the dominant one), default 0.6.
        public var dominantCoverage: Double
        /// Coverage of strategy 1, default 0.25 (the others fall linearly to `minMinorityCoverage`).
        public var maxMinorityCoverage: Double
        /// Coverage of the last strategy, default 0.05.
        public var minMinorityCoverage: Double
        /// Solvability noise scale (0 = perfectly linear in φ), default 0.5.
        public var noise: Double
        /// Solving sets independent of the features (digest `RANDSOLVE=1`), default false.
        public var randomSolvability: Bool
        /// Extra actions that never solve anything ("junk" vocabulary for entropy-explosion studies), default 0.
        public var junkActions: Int
        /// Initial logit of every junk action, default −8.
        public var junkLogit: Double
        /// Initial bias b₀ of the dominant strategy, default 2.
        public var dominantBias: Double
        /// Mean of the other strategies' initial biases, default −2.
        public var minorityBiasMean: Double
        /// Standard deviation of the other strategies' initial biases, default 0.5.
        public var minorityBiasStd: Double
        /// Standard deviation of the initial feature weights W, default 0.3.
        public var weightStd: Double

        /// The digest's default setting (P 512, S 16, d 8).
        public init(
            problems: Int = 512, strategies: Int = 16, featureDimension: Int = 8, dominantCoverage: Double = 0.6,
            maxMinorityCoverage: Double = 0.25, minMinorityCoverage: Double = 0.05, noise: Double = 0.5,
            randomSolvability: Bool = false, junkActions: Int = 0, junkLogit: Double = -8, dominantBias: Double = 2,
            minorityBiasMean: Double = -2, minorityBiasStd: Double = 0.5, weightStd: Double = 0.3
        ) {
            self.problems = problems
            self.strategies = strategies
            self.featureDimension = featureDimension
            self.dominantCoverage = dominantCoverage
            self.maxMinorityCoverage = maxMinorityCoverage
            self.minMinorityCoverage = minMinorityCoverage
            self.noise = noise
            self.randomSolvability = randomSolvability
            self.junkActions = junkActions
            self.junkLogit = junkLogit
            self.dominantBias = dominantBias
            self.minorityBiasMean = minorityBiasMean
            self.minorityBiasStd = minorityBiasStd
            self.weightStd = weightStd
        }

        /// Checks the knobs.
        /// - Throws: ``RLVRInputError`` naming the first invalid field.
        public func validate() throws(RLVRInputError) {
            func check(_ ok: Bool, _ message: String) throws(RLVRInputError) {
                if !ok { throw RLVRInputError("StrategyBandit.Configuration: \(message)") }
            }
            try check(problems >= 1, "problems must be ≥ 1 (got \(problems))")
            try check(strategies >= 1, "strategies must be ≥ 1 (got \(strategies))")
            try check(featureDimension >= 1, "featureDimension must be ≥ 1 (got \(featureDimension))")
            for (name, c) in [
                ("dominantCoverage", dominantCoverage), ("maxMinorityCoverage", maxMinorityCoverage),
                ("minMinorityCoverage", minMinorityCoverage),
            ] {
                try check(c >= 0 && c <= 1, "\(name) must be in [0, 1] (got \(c))")
            }
            try check(noise >= 0 && noise.isFinite, "noise must be ≥ 0 (got \(noise))")
            try check(junkActions >= 0, "junkActions must be ≥ 0 (got \(junkActions))")
            try check(
                minorityBiasStd >= 0 && weightStd >= 0, "minorityBiasStd and weightStd must be ≥ 0")
        }

        /// Coverage of strategy `s`.
        public func coverage(ofStrategy s: Int) -> Double {
            if s == 0 { return dominantCoverage }
            guard strategies > 2 else { return maxMinorityCoverage }
            let t = Double(s - 1) / Double(strategies - 2)
            return maxMinorityCoverage + t * (minMinorityCoverage - maxMinorityCoverage)
        }
    }

    /// The knobs this bandit was generated with.
    public let configuration: Configuration
    /// φ(x) per problem, `problems × featureDimension`.
    public let features: [[Double]]
    /// `solves[x][s]`: strategy `s` solves problem `x` (junk actions never do).
    public let solves: [[Bool]]

    /// Generates a bandit from `seed` (features, solving sets; the initial policy comes from ``makePolicy(seed:)``).
    /// - Throws: ``RLVRInputError`` for invalid knobs.
    public init(configuration: Configuration = Configuration(), seed: UInt64) throws(RLVRInputError) {
        try configuration.validate()
        self.configuration = configuration
        let p = configuration.problems, s = configuration.strategies, d = configuration.featureDimension
        var rng = Xoshiro256StarStar(seed: seed).derived("strategy-bandit")
        let features = (0..<p).map { _ in (0..<d).map { _ in rng.normal() } }
        let directions = (0..<s).map { _ in (0..<d).map { _ in rng.normal() } }
        var solves = Array(repeating: Array(repeating: false, count: s), count: p)
        for strategy in 0..<s {
            let scores: [Double] = (0..<p).map { x in
                if configuration.randomSolvability { return rng.normal() }
                var dot = 0.0
                for k in 0..<d { dot += features[x][k] * directions[strategy][k] }
                return dot + configuration.noise * Double(d).squareRoot() * rng.normal()
            }
            let solved = Int((configuration.coverage(ofStrategy: strategy) * Double(p)).rounded())
            for x in scores.indices.sorted(by: { scores[$0] > scores[$1] }).prefix(solved) {
                solves[x][strategy] = true
            }
        }
        self.features = features
        self.solves = solves
    }

    /// Number of actions: strategies plus junk actions.
    public var actionCount: Int { configuration.strategies + configuration.junkActions }

    /// The base policy `softmax(b + Wφ)` with the configured initial biases and weights, drawn from `seed`.
    public func makePolicy(seed: UInt64) -> StrategyPolicy {
        var rng = Xoshiro256StarStar(seed: seed).derived("strategy-policy")
        let c = configuration, d = c.featureDimension
        var weights: [Float] = []
        for action in 0..<actionCount {
            let isJunk = action >= c.strategies
            for _ in 0..<d { weights.append(isJunk ? 0 : Float(c.weightStd * rng.normal())) }
            let bias =
                isJunk ? c.junkLogit : action == 0 ? c.dominantBias : c.minorityBiasMean + c.minorityBiasStd * rng.normal()
            weights.append(Float(bias))
        }
        return StrategyPolicy(features: features, actions: actionCount, weights: weights)
    }

    /// The problems as text tasks: prompt `x<index>`, ground truth the solving strategies' ids (`"0 3 7"`).
    public var problemsAsTasks: [TaskProblem] {
        (0..<configuration.problems).map { x in
            TaskProblem(
                prompt: "x\(x)",
                groundTruth: solves[x].indices.filter { solves[x][$0] }.map(String.init).joined(separator: " "))
        }
    }

    /// Whether a completion's action solves problem `x`.
    public func isCorrect(problem x: Int, action: Int) -> Bool {
        action < configuration.strategies && solves[x][action]
    }
}
