import Environments

/// The tabular exploration algorithms by name (`swiftrl theory run --algo`): UCBVI, or UCBVI inside EpsMix or
/// StepMix with a baseline policy and κ.
public enum ExplorationAlgorithm: String, Codable, CaseIterable, Sendable {
    case ucbvi
    case epsmix
    case stepmix

    /// Display name.
    public var label: String {
        switch self {
        case .ucbvi: "UCBVI"
        case .epsmix: "EpsMix"
        case .stepmix: "StepMix"
        }
    }

    /// A fresh learner for `mdp`; the conservative ones get `baseline` with its exact value in `mdp` as V^b
    /// (the paper assumes V^b known) and κ.
    /// - Throws: ``TabularError/invalidConfiguration(_:)`` for invalid settings.
    public func explorer(
        for mdp: EpisodicMDP, planner: UCBVI, kappa: Double, baseline: EpisodicPolicy
    ) throws(TabularError) -> EpisodicExplorer {
        let conservative: ConservativeExploration? =
            switch self {
            case .ucbvi: nil
            case .epsmix:
                ConservativeExploration(
                    mixing: .epsMix, kappa: kappa, baseline: baseline, baselineValue: mdp.value(of: baseline))
            case .stepmix:
                ConservativeExploration(
                    mixing: .stepMix, kappa: kappa, baseline: baseline, baselineValue: mdp.value(of: baseline))
            }
        return try EpisodicExplorer(
            stateCount: mdp.stateCount, actionCount: mdp.actionCount, horizon: mdp.horizon,
            stageDependent: !mdp.isStationary, planner: planner, conservative: conservative)
    }
}
