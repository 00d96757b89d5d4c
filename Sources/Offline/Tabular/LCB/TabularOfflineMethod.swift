/// An offline policy-learning method for finite MDPs and (contextual) bandits, as a value (the enum is the registry):
/// the three arms Rashidinejad et al. (2021) compare.
public enum TabularOfflineMethod: Codable, Equatable, Sendable {
    /// LCB: ``LCBBandit`` when γ = 0, ``VILCB`` otherwise.
    case lcb(LCBConfig)
    /// Greedy plug-in: the optimal policy of the empirical model (`argmax r̂` in a bandit; unseen pairs worth 0).
    case greedy
    /// Behaviour cloning: the most played action in each state (action 0 where the state never appears).
    case behaviorCloning

    /// The short name used in tables and on the command line: `lcb`, `greedy`, `bc`.
    public var name: String {
        switch self {
        case .lcb: "lcb"
        case .greedy: "greedy"
        case .behaviorCloning: "bc"
        }
    }

    /// The method's deterministic policy, one action per state.
    /// - Parameters:
    ///   - dataset: the offline data.
    ///   - gamma: γ in [0, 1); 0 means a (contextual) bandit.
    /// - Throws: ``TabularOfflineError/invalidConfiguration(_:)`` for γ outside [0, 1) or an invalid LCB config.
    /// - Complexity: O(N + S²A·iterations).
    public func policy(from dataset: TabularOfflineDataset, gamma: Double) throws(TabularOfflineError) -> [Int] {
        guard gamma >= 0, gamma < 1 else { throw .invalidConfiguration("gamma must be in [0, 1), got \(gamma)") }
        switch self {
        case let .lcb(config):
            if gamma == 0 { return try LCBBandit(delta: config.delta).policy(EmpiricalModel(dataset)) }
            return try VILCB(config: config, gamma: gamma).solve(dataset).policy
        case .greedy:
            return EmpiricalModel(dataset).model.valueIteration(gamma: gamma, tolerance: 1e-10).policy
        case .behaviorCloning:
            let model = EmpiricalModel(dataset)
            return model.argmax { Double(model.count($0, $1)) }
        }
    }
}
