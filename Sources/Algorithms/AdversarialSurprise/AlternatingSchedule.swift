/// One of the two policies that take turns controlling the body in Adversarial Surprise.
public enum SurprisePlayer: String, Codable, Sendable, CaseIterable {
    /// Explore ("alice" in the authors' code): seeks the states that will surprise Control.
    case explore
    /// Control ("bob"): minimises the surprise it experiences.
    case control
}

/// The phase schedule and reward assignment of Adversarial Surprise (Fickinger et al. 2021; the authors'
/// `run_minigrid.py` and `base_surprise.py`): an episode is ``rounds`` rounds of ``roundLength`` steps, the players
/// alternate rounds (Explore first by default), and
/// - Control, at step k of its round, gets `r = log p_θ(o_{t+1})` when `k ≥ noRewardTime · roundLength` (the second
///   half by default) and 0 otherwise; only those observations are added to the density model, which persists
///   across the rounds of an episode and is reset at its start;
/// - Explore gets 0 at every step except the last of its round, where it gets `−R_C`, minus Control's return in the
///   round that follows (the surprise it made Control experience); a last Explore round with no Control round
///   after it gets 0.
public struct AlternatingSchedule: Codable, Sendable, Equatable {
    /// Number of rounds per episode (`--number-round`), default 4.
    public var rounds: Int
    /// Steps per round (`--length-round`), default 16 here (32 in the paper's MiniGrid runs).
    public var roundLength: Int
    /// Fraction of each Control round with no reward and no density update (`--no-reward-time`), default 0.5.
    public var noRewardTime: Double
    /// Whether Explore plays the first round (`--alice-first`), default true.
    public var explorerFirst: Bool

    /// A schedule.
    /// - Throws: ``SurpriseError/invalidConfiguration(_:)`` naming the bad field.
    public init(rounds: Int = 4, roundLength: Int = 16, noRewardTime: Double = 0.5, explorerFirst: Bool = true)
        throws(SurpriseError)
    {
        guard rounds >= 2 else { throw .invalidConfiguration("rounds must be ≥ 2, got \(rounds)") }
        guard roundLength >= 1 else { throw .invalidConfiguration("roundLength must be ≥ 1, got \(roundLength)") }
        guard noRewardTime >= 0, noRewardTime < 1 else {
            throw .invalidConfiguration("noRewardTime must be in [0, 1), got \(noRewardTime)")
        }
        self.rounds = rounds
        self.roundLength = roundLength
        self.noRewardTime = noRewardTime
        self.explorerFirst = explorerFirst
    }

    /// Steps per episode.
    public var episodeLength: Int { rounds * roundLength }

    /// The round of episode step `t` (0-based).
    public func round(atStep t: Int) -> Int { t / roundLength }

    /// k, the step of `t` within its round.
    public func stepInRound(_ t: Int) -> Int { t % roundLength }

    /// Who plays round `index`.
    public func player(ofRound index: Int) -> SurprisePlayer {
        (index % 2 == 0) == explorerFirst ? .explore : .control
    }

    /// Who acts at episode step `t`.
    public func player(atStep t: Int) -> SurprisePlayer { player(ofRound: round(atStep: t)) }

    /// Whether Control's step k of a round is rewarded with log p_θ and added to the density model.
    public func controlScores(stepInRound k: Int) -> Bool { Double(k) >= noRewardTime * Double(roundLength) }

    /// Whether step `t` is the last of its round (the players' rounds end there).
    public func endsRound(_ t: Int) -> Bool { stepInRound(t) == roundLength - 1 }

    /// The Explore round whose last step receives `−R_C` for the Control round `index`, or nil.
    public func creditedExploreRound(forControlRound index: Int) -> Int? {
        guard player(ofRound: index) == .control, index > 0 else { return nil }
        return index - 1
    }

    /// Explore's reward at the last step of its round: minus the following Control round's return (0 if none).
    public static func exploreReward(followingControlReturn: Double?) -> Double { -(followingControlReturn ?? 0) }
}
