import Foundation

/// Writes the candidate outputs a ``LogLinearPolicy`` chooses among, when they are not simply the observation's
/// admissible actions (for example RLVMR's tag × command outputs, including commands that are no longer admissible).
public protocol CandidateProposer: Sendable {
    /// The candidate output texts for `observation` given the episode so far.
    func candidates(observation: TextObservation, transcript: Transcript) -> [String]
}

/// RLVMR's output space for a log-linear policy: every meta-reasoning tag × every command the agent might write —
/// the admissible commands now plus commands listed as admissible at earlier turns but not now (the stale commands
/// a language model copies from its context: the source of its invalid actions). Earlier listings are read from
/// the `Admissible actions: a; b; c.` lines of the transcript; `go to` commands are always admissible and never
/// stale. Each candidate is `<tag>fixed sentence</tag><action>command</action>`.
public struct MetaReasoningProposer: CandidateProposer, Equatable {
    /// The tags offered, default all four.
    public var tags: [MetaReasoningTag]
    /// Most stale commands offered (the most recently listed), default 6.
    public var memory: Int
    /// The marker of an admissible-command line.
    public var listingPrefix: String

    /// A proposer.
    public init(tags: [MetaReasoningTag] = MetaReasoningTag.allCases, memory: Int = 6,
        listingPrefix: String = MiniALFWorldEnvironment.admissiblePrefix)
    {
        self.tags = tags
        self.memory = memory
        self.listingPrefix = listingPrefix
    }

    /// The fixed reasoning sentence of each tag (the log-linear policy writes no free text).
    public static func sentence(_ tag: MetaReasoningTag) -> String {
        switch tag {
        case .planning: "Plan the steps toward the goal."
        case .explore: "Try something not tried yet."
        case .reflection: "The last step failed; correct it."
        case .monitor: "Keep following the plan."
        }
    }

    public func candidates(observation: TextObservation, transcript: Transcript) -> [String] {
        let now = observation.admissibleActions.map { MetaReasoningOutput.firstAction(in: $0) ?? $0 }
        let current = Set(now)
        var stale: [String] = []
        let texts = [transcript.prompt] + transcript.turns.map(\.observation)
        for text in texts.reversed() {
            for command in Self.listed(in: text, prefix: listingPrefix)
            where !current.contains(command) && !command.hasPrefix("go to ") && !stale.contains(command) {
                stale.append(command)
            }
            if stale.count >= memory { break }
        }
        let commands = now + stale.prefix(memory)
        return tags.flatMap { tag in
            commands.map { tag.wrap(Self.sentence(tag)) + "<action>\($0)</action>" }
        }
    }

    /// The commands of the listing line of `text`.
    static func listed(in text: String, prefix: String) -> [String] {
        guard let range = text.range(of: prefix) else { return [] }
        var line = text[range.upperBound...].prefix { $0 != "\n" }
        if line.hasSuffix(".") { line = line.dropLast() }
        return line.components(separatedBy: "; ").filter { !$0.isEmpty }
    }
}
