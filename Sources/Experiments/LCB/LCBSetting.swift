import Environments
import Offline
import Tensor

/// One of the three problems of the LCB reproduction: a family of instances (the worst case over the family is
/// reported, the empirical analogue of the paper's minimax rates) and the methods compared on it.
struct LCBSetting: Sendable {
    /// Table name.
    var name: String
    /// γ (0 for bandits).
    var gamma: Double
    /// The instances and their labels.
    var instances: [(label: String, mdp: TabularMDP)]
    /// The compared methods; the first is the judged LCB.
    var methods: [(label: String, method: TabularOfflineMethod)]

    static let expertFractions = [0.0, 0.3, 0.6, 0.9, 1.0]
    /// Gaps Δ of the bandit families: best arm 0.5 + Δ, the others 0.5.
    static let gaps = [0.4, 0.2, 0.1, 0.05, 0.025, 0.0125]
    static let arms = 10

    static let banditMethods: [(label: String, method: TabularOfflineMethod)] = [
        ("LCB", .lcb(LCBConfig())), ("greedy", .greedy), ("BC", .behaviorCloning),
    ]

    /// K = 10 Bernoulli arms, one context.
    static func bandit() throws -> LCBSetting {
        let instances = try gaps.map { gap in
            (label: "Δ \(gap)", mdp: try TabularMDP.contextualBandit(means: [means(best: 0, gap: gap)]))
        }
        return LCBSetting(name: "bandit (K 10)", gamma: 0, instances: instances, methods: banditMethods)
    }

    /// Four uniform contexts, K = 10 arms, the best arm differs per context.
    static func contextual() throws -> LCBSetting {
        let instances = try gaps.map { gap in
            (label: "Δ \(gap)", mdp: try TabularMDP.contextualBandit(means: (0..<4).map { means(best: $0, gap: gap) }))
        }
        return LCBSetting(name: "contextual bandit (4 × 10)", gamma: 0, instances: instances, methods: banditMethods)
    }

    /// Four Garnet MDPs (S 10, A 4, branching 3, rewards uniform in [0, 1) observed through Bernoulli draws), γ 0.9.
    static func mdp() throws -> LCBSetting {
        let instances = try (0..<4).map { index in
            var rng = Xoshiro256StarStar(seed: 2103_12021 + UInt64(index))
            return (label: "Garnet \(index)", mdp: try Garnet.make(states: 10, actions: 4, branching: 3, using: &rng))
        }
        return LCBSetting(
            name: "MDP (Garnet 10 × 4, γ 0.9)", gamma: 0.9, instances: instances,
            methods: [
                ("LCB", .lcb(LCBConfig(dataSplitting: false))), ("greedy", .greedy), ("BC", .behaviorCloning),
                ("VI-LCB split", .lcb(LCBConfig(dataSplitting: true))),
            ])
    }

    static func means(best: Int, gap: Double) -> [Double] {
        (0..<arms).map { $0 == best ? 0.5 + gap : 0.5 }
    }
}
