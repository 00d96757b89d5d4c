import Offline

/// The algorithm configurations the offline reproductions compare, each with the paper's defaults and the
/// budget's network width (the only change from the defaults, so every method gets the same capacity).
public enum OfflineVariants {
    /// Behaviour cloning.
    public static func bc(hidden: [Int]) -> OfflineVariant {
        var config = BCConfig()
        config.hiddenSizes = hidden
        return .make("BC", BC.self, config: config)
    }

    /// TD3+BC (α = 2.5).
    public static func td3bc(hidden: [Int]) -> OfflineVariant {
        var config = TD3BCConfig()
        config.td3.setHiddenSizes(hidden)
        return .make("TD3+BC", TD3BC.self, config: config)
    }
}

extension OfflineVariants {
    /// The label of PRDC at `beta` (`PRDC β=2`).
    public static func prdcLabel(beta: Double) -> String {
        "PRDC β=" + (beta == beta.rounded() ? String(Int(beta)) : String(beta))
    }

    /// PRDC (α = 2.5) with dataset-constraint weight β.
    public static func prdc(beta: Double, hidden: [Int]) -> OfflineVariant {
        var config = PRDCConfig()
        config.beta = beta
        config.td3.setHiddenSizes(hidden)
        return .make(prdcLabel(beta: beta), PRDC.self, config: config)
    }

    /// A2PR (α = 2.5, mask 0.5 and VAE weight 1, the code's CLI defaults) keeping its depths — 3-layer actor,
    /// 4-layer critic and value networks, a 2-layer VAE about 3× wider (750 vs 256 in the paper) — at the
    /// budget's width.
    public static func a2pr(hidden: [Int]) -> OfflineVariant {
        let width = hidden.first ?? 256
        var config = A2PRConfig()
        config.td3.actorHidden = Array(repeating: width, count: 3)
        config.td3.criticHidden = Array(repeating: width, count: 4)
        config.vaeHidden = [3 * width, 3 * width]
        return .make("A2PR", A2PR.self, config: config)
    }
}

extension OfflineVariants {
    /// IQL (expectile 0.7, β = 3, the paper's locomotion settings) with its cosine actor schedule spanning the run.
    public static func iql(hidden: [Int], steps: Int) -> OfflineVariant {
        var config = IQLConfig()
        config.hiddenSizes = hidden
        config.actorDecaySteps = steps
        return .make("IQL", IQL.self, config: config)
    }
}
