import Foundation
import Tensor

/// The cold-start demonstrator of MiniALFWorld (the role of RLVMR's GPT-4-annotated expert trajectories): it
/// searches the receptacles that can hold objects in a fixed shuffled order (opening closed ones) until it reaches
/// the goal object, takes it, uses the goal's appliance, and puts it in the first goal receptacle. It knows where
/// the object is only in that it stops searching there. Tags: `<planning>` on the first step, `<explore>` while
/// searching, `<monitor>` while executing the rest. Its decision is the plan step index.
public struct MiniALFWorldExpert: AgentPolicy, Sendable {
    /// The plan, one output per turn.
    public let plan: [MetaReasoningOutput]

    /// The expert of `task`; `seed` orders the search.
    public init(task: MiniALFWorldTask, seed: UInt64 = 0) {
        var rng = Xoshiro256StarStar(seed: seed).derived("minialfworld/expert/\(task.id)")
        var order = task.receptacles.filter(\.holdsObjects)
        MiniALFWorld.shuffle(&order, using: &rng)
        let goalObject = task.objects[0]
        var steps: [(MetaReasoningTag, String, String)] = []
        var opened: Set<String> = []
        for receptacle in order {
            steps.append((.explore, "The \(task.objectType) may be at \(receptacle.name).", "go to \(receptacle.name)"))
            if receptacle.openable {
                steps.append((.explore, "Look inside the \(receptacle.name).", "open \(receptacle.name)"))
                opened.insert(receptacle.name)
            }
            if receptacle.name == goalObject.location { break }
        }
        steps.append((.monitor, "Found the \(task.objectType).", "take \(goalObject.name) from \(goalObject.location)"))
        if let transform = task.type.transform, let appliance = transform.appliance {
            if goalObject.location != "\(appliance) 1" {
                steps.append((.monitor, "Now make it \(transform.adjective ?? "").", "go to \(appliance) 1"))
            }
            let command = "\(transform.rawValue) \(goalObject.name) with \(appliance) 1"
            steps.append((.monitor, "Use the \(appliance).", command))
        }
        let here = task.type.transform?.appliance.map { "\($0) 1" } ?? goalObject.location
        if let goal = task.goalReceptacle, let target = task.receptacles.first(where: { $0.type == goal }) {
            if target.name != here { steps.append((.monitor, "Bring it to the \(goal).", "go to \(target.name)")) }
            if target.openable, !opened.contains(target.name) {
                steps.append((.monitor, "Open it first.", "open \(target.name)"))
            }
            steps.append((.monitor, "Put it down.", "put \(goalObject.name) in/on \(target.name)"))
        }
        if !steps.isEmpty {
            steps[0].0 = .planning
            steps[0].1 = "First find the \(task.objectType), then \(task.goal)."
        }
        plan = steps.map { MetaReasoningOutput(tag: $0.0, reasoning: $0.1, action: $0.2) }
    }

    public func act(_ observation: TextObservation, transcript: Transcript, using rng: inout Xoshiro256StarStar)
        throws -> (text: String, decision: Int)
    {
        let index = transcript.turns.count
        guard index < plan.count else {
            return (MetaReasoningOutput(tag: .monitor, reasoning: "Check the surroundings.", action: "look").text,
                index)
        }
        return (plan[index].text, index)
    }
}
