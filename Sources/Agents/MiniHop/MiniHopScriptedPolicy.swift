import Foundation
import Tensor

/// A reference searcher for MiniHop (no learning): it searches the next name of the gold chain until that hop's
/// document comes back (subject, then the mentor for three hops, then the country — names it could read from
/// the documents it has), answers once the capital document is in, and guesses an option on its last turn.
/// Its success estimates the best achievable under the search noise and the turn budget.
public struct MiniHopScriptedPolicy: AgentPolicy, Sendable {
    /// The world.
    public let world: MiniHopWorld
    /// The task being played.
    public let task: Int
    /// The turn budget it plans for.
    public let maxTurns: Int

    /// A scripted searcher for `task`.
    public init(world: MiniHopWorld, task: Int, maxTurns: Int) {
        self.world = world
        self.task = task
        self.maxTurns = maxTurns
    }

    public func act(_ observation: TextObservation, transcript: Transcript, using rng: inout Xoshiro256StarStar)
        throws -> (text: String, decision: Int)
    {
        let info = world.tasks[task]
        var retrieved = Set<String>()
        for turn in transcript.turns { retrieved.formUnion(MiniHopWorld.citationIDs(in: turn.observation)) }
        let queries = [info.subject] + info.entities.dropFirst().reversed()
        let missing = zip(info.goldEvidence, queries).first { !retrieved.contains($0.0) }
        if let (_, query) = missing, transcript.turns.count + 1 < maxTurns {
            return ("<search>\(query)</search>", 0)
        }
        let answer = missing == nil ? info.answer : info.options[rng.int(below: info.options.count)]
        return ("<answer>\(answer)</answer>", 1)
    }
}
