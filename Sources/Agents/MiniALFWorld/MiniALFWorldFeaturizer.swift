import Foundation

/// Features of a `<tag>…</tag><action>command</action>` candidate in a MiniALFWorld episode, read from the task
/// sentence and the transcript only (no names of the seen task types' appliances are needed to act well, but the
/// `go to` feature crossed with the receptacle type and the goal's transform lets a policy memorise them).
///
/// Context: the goal (type, object type, goal receptacle type), the phase (`search`: not holding the goal object;
/// `hold`: holding it, transform still to do; `ready`: holding it, nothing left but placing it; `other`: holding
/// something else), visited receptacles, earlier commands, and whether the last step did nothing. Command features
/// (shared by all tags): verb × listed-now, verb × phase, whether it names the goal object / goal receptacle type,
/// whether a transform is the goal's, repeats, visited-before and appliance for `go to`, and the receptacle type ×
/// goal transform. Tag features: the tag × phase, × last step failed, × first step, and tag × repeat / verb.
public struct MiniALFWorldFeaturizer: ActionFeaturizer, Equatable {
    /// A featurizer.
    public init() {}

    /// What the features read from the episode so far.
    struct Context {
        var transform = "none"
        var objectType = ""
        var goalReceptacle = ""
        var phase = "search"
        var visited = Set<String>()
        var counts: [String: Int] = [:]
        var lastFailed = false
        var listed = Set<String>()
        var turn = 0

        init(observation: TextObservation, transcript: Transcript) {
            turn = transcript.turns.count
            listed = Set(observation.admissibleActions.map { MetaReasoningOutput.firstAction(in: $0) ?? $0 })
            if let range = transcript.prompt.range(of: "Your task is to: ") {
                let goal = transcript.prompt[range.upperBound...].prefix { $0 != "." && $0 != "\n" }
                let words = goal.split(separator: " ").map(String.init)
                if words.first == "find", words.count > 2 {
                    objectType = words[2]
                } else if words.count >= 5 {
                    let adjectives = ["clean": "clean", "hot": "heat", "cool": "cool"]
                    if let transform = adjectives[words[2]] {
                        self.transform = transform
                        objectType = words[3]
                    } else {
                        objectType = words[2]
                    }
                    goalReceptacle = words.last ?? ""
                }
            }
            var holding: String?, done = false
            for turn in transcript.turns {
                let command = MetaReasoningOutput.firstAction(in: turn.action) ?? ""
                counts[command, default: 0] += 1
                guard turn.info.admissible == true else { continue }
                let words = command.split(separator: " ").map(String.init)
                switch words.first ?? "" {
                case "go": visited.insert(words.dropFirst(2).joined(separator: " "))
                case "take":
                    holding = words.count > 1 ? words[1] : nil
                    done = false
                case "put": holding = nil
                case "clean", "heat", "cool": done = done || words[0] == transform
                default: break
                }
            }
            lastFailed = transcript.turns.last.map { $0.info.admissible != true } ?? false
            if let holding {
                phase = holding != objectType ? "other" : transform == "none" || done ? "ready" : "hold"
            }
        }
    }

    public func features(action: String, observation: TextObservation, transcript: Transcript) -> [String] {
        features(actions: [action], observation: observation, transcript: transcript)[0]
    }

    public func features(actions: [String], observation: TextObservation, transcript: Transcript) -> [[String]] {
        let context = Context(observation: observation, transcript: transcript)
        var cache: [String: [String]] = [:]
        return actions.map { action in
            let tag = MetaReasoningTag.allCases.first { action.hasPrefix("<\($0.rawValue)>") }?.rawValue ?? "none"
            let command = MetaReasoningOutput.firstAction(in: action) ?? action
            let base: [String]
            if let cached = cache[command] {
                base = cached
            } else {
                base = commandFeatures(command, context)
                cache[command] = base
            }
            let verb = base[0]
            let repeated = (context.counts[command] ?? 0) > 0
            let listed = context.listed.contains(command)
            return Array(base.dropFirst()) + [
                "tag=\(tag)|repeat=\(repeated)", "tag=\(tag)|v=\(verb)|listed=\(listed)",
            ]
        }
    }

    /// The verb first, then the command's features.
    func commandFeatures(_ command: String, _ context: Context) -> [String] {
        let words = command.split(separator: " ").map(String.init)
        let first = words.first ?? ""
        let verb = ["clean", "heat", "cool"].contains(first) ? "transform" : first
        let phase = context.phase
        let listed = context.listed.contains(command)
        let repeats = min(context.counts[command] ?? 0, 2)
        var out = [
            verb, "v=\(verb)|listed=\(listed)", "v=\(verb)|phase=\(phase)|listed=\(listed)",
            "v=\(verb)|repeat=\(repeats)",
        ]
        switch verb {
        case "go", "open", "close", "examine":
            let target = words.dropFirst(verb == "go" ? 2 : 1).joined(separator: " ")
            let type = target.split(separator: " ").first.map(String.init) ?? ""
            out.append("v=\(verb)|goalrec=\(type == context.goalReceptacle)|phase=\(phase)")
            if verb == "go" {
                let appliance = ["fridge", "microwave", "sinkbasin"].contains(type)
                out.append("v=go|visited=\(context.visited.contains(target))|phase=\(phase)")
                out.append("v=go|appliance=\(appliance)|phase=\(phase)")
                out.append("v=go|rec=\(type)|mod=\(context.transform)|phase=\(phase)")
            }
        case "take", "put", "transform":
            let object = words.count > 1 ? words[1] : ""
            out.append("v=\(verb)|goalobj=\(object == context.objectType)|phase=\(phase)")
            if verb == "put" {
                let type = words.count > 4 ? words[4] : ""
                out.append("v=put|goalrec=\(type == context.goalReceptacle)|phase=\(phase)")
            }
            if verb == "transform" {
                out.append("v=transform|match=\(first == context.transform)|phase=\(phase)")
            }
        default:
            break
        }
        return out
    }

    /// The tag's bias, × phase, × whether the last step did nothing, × first step.
    public func toolFeatures(tool: String, candidates: [String], observation: TextObservation, transcript: Transcript)
        -> [String]
    {
        let turns = transcript.turns
        let lastFailed = turns.last.map { $0.info.admissible != true } ?? false
        var phase = "search"
        if turns.contains(where: { $0.info.admissible == true && $0.action.contains("<action>take ") }) {
            phase = "holding"
        }
        return [
            "tag|\(tool)", "tag|\(tool)|phase=\(phase)", "tag|\(tool)|failed=\(lastFailed)",
            "tag|\(tool)|first=\(turns.isEmpty)",
        ]
    }
}
