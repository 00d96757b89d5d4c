import Foundation

/// One MiniALFWorld task as a ``TextEnvironment``. The agent writes `<tag>…</tag><action>command</action>`
/// (RLVMR's format; only `<action>…</action>` when ``requireMetaReasoning`` is off); a command among the admissible
/// ones changes the house, any other gives "Nothing happens." (``StepInfo/admissible`` false), text that breaks the
/// format changes nothing and is reported as a format error. Completing the goal gives reward 1 and ends the
/// episode. The world is deterministic: the seed of ``reset(seed:)`` is not used.
public struct MiniALFWorldEnvironment: TextEnvironment, Sendable {
    /// The task.
    public let task: MiniALFWorldTask
    /// Whether actions must carry one meta-reasoning tag.
    public let requireMetaReasoning: Bool
    /// Where the agent stands (nil: the middle of the house).
    public private(set) var location: String?
    /// The object held, if any.
    public private(set) var holding: String?
    /// Where each object is (nil while held).
    public private(set) var positions: [String: String] = [:]
    /// Receptacles currently open.
    public private(set) var opened: Set<String> = []
    /// Each object's states (`clean`, `hot`, `cool`).
    public private(set) var states: [String: Set<String>] = [:]
    private var finished = false

    /// The environment of `task`.
    public init(task: MiniALFWorldTask, requireMetaReasoning: Bool = true) {
        self.task = task
        self.requireMetaReasoning = requireMetaReasoning
    }

    public mutating func reset(seed: UInt64) throws -> TextObservation {
        location = nil
        holding = nil
        opened = []
        states = [:]
        finished = false
        positions = Dictionary(uniqueKeysWithValues: task.objects.map { ($0.name, $0.location) })
        return observation(task.prompt)
    }

    public mutating func step(_ action: String) throws -> TextStep {
        guard !finished else {
            return TextStep(observation: observation("The episode is over; call reset."), reward: 0, terminated: false,
                truncated: true, info: StepInfo(reason: .worldTerminated, detail: "step after the end; call reset"))
        }
        let command: String
        do {
            command = try parseCommand(action)
        } catch {
            return TextStep(observation: observation("Invalid format: \(error.message)"), reward: 0,
                terminated: false, truncated: false, info: StepInfo(formatError: error.message))
        }
        let normalized = Self.normalized(command)
        guard admissibleCommands().contains(normalized) else {
            return TextStep(observation: observation("Nothing happens."), reward: 0, terminated: false,
                truncated: false, info: StepInfo(tool: "action", admissible: false))
        }
        let text = apply(normalized)
        if goalReached {
            finished = true
            return TextStep(observation: observation(text + " Task completed."), reward: 1, terminated: true,
                truncated: false, info: StepInfo(reason: .worldTerminated, tool: "action", detail: "goal reached",
                    admissible: true))
        }
        return TextStep(observation: observation(text), reward: 0, terminated: false, truncated: false,
            info: StepInfo(tool: "action", admissible: true))
    }

    func parseCommand(_ action: String) throws(ToolCallParseError) -> String {
        if requireMetaReasoning { return try MetaReasoningOutput.parse(action).action }
        let actions = MetaReasoningOutput.contents(of: "action", in: action)
        guard actions.count == 1, let only = actions.first, !only.isEmpty else {
            throw ToolCallParseError("write exactly one non-empty <action>…</action>, found \(actions.count)")
        }
        return only
    }

    /// Lower-cased, single-spaced.
    static func normalized(_ command: String) -> String {
        command.lowercased().split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).joined(separator: " ")
    }

    /// Whether the goal holds now.
    public var goalReached: Bool {
        let candidates = task.objects.filter { $0.type == task.objectType }.map(\.name)
        switch task.type {
        case .pick:
            return holding.map(candidates.contains) ?? false
        case .place, .clean, .heat, .cool:
            return candidates.contains { object in
                guard let place = positions[object], task.receptacle(place)?.type == task.goalReceptacle else {
                    return false
                }
                return task.type.adjective.map { (states[object] ?? []).contains($0) } ?? true
            }
        }
    }

    private func visible(_ receptacle: MiniALFWorldReceptacle) -> Bool {
        !receptacle.openable || opened.contains(receptacle.name)
    }

    private func contents(_ name: String) -> [String] {
        task.objects.map(\.name).filter { positions[$0] == name }
    }

    /// The admissible commands now, ALFWorld-style: every `go to`, then what the current place allows.
    public func admissibleCommands() -> [String] {
        var out = task.receptacles.filter { $0.name != location }.map { "go to \($0.name)" }
        if let location, let here = task.receptacle(location) {
            if here.openable { out.append(opened.contains(location) ? "close \(location)" : "open \(location)") }
            if visible(here) {
                if holding == nil { out += contents(location).map { "take \($0) from \(location)" } }
                if let holding, here.holdsObjects { out.append("put \(holding) in/on \(location)") }
            }
            if let holding, let type = task.objects.first(where: { $0.name == holding })?.type,
                let kind = MiniALFWorldCatalog.objects.first(where: { $0.name == type })
            {
                for transform in [MiniALFWorldTaskType.clean, .heat, .cool]
                where transform.appliance == here.type && kind.transforms.contains(transform) {
                    out.append("\(transform.rawValue) \(holding) with \(location)")
                }
            }
            out.append("examine \(location)")
        }
        out += ["look", "inventory"]
        return out
    }

    private func describe(_ name: String) -> String {
        let items = contents(name)
        return items.isEmpty ? "you see nothing" : "you see " + items.map { "a \($0)" }.joined(separator: ", ")
    }

    private mutating func apply(_ command: String) -> String {
        let words = command.split(separator: " ").map(String.init)
        func joined(_ range: Range<Int>) -> String { words[range].joined(separator: " ") }
        switch words.first ?? "" {
        case "go":
            let target = joined(2..<words.count)
            location = target
            guard let here = task.receptacle(target) else { return "Nothing happens." }
            if !visible(here) { return "You arrive at \(target) in the \(here.room). The \(target) is closed." }
            return "You arrive at \(target) in the \(here.room). On the \(target), \(describe(target))."
        case "open":
            let target = joined(1..<words.count)
            opened.insert(target)
            return "You open the \(target). The \(target) is open. In it, \(describe(target))."
        case "close":
            let target = joined(1..<words.count)
            opened.remove(target)
            return "You close the \(target)."
        case "take":
            let object = joined(1..<3), from = joined(4..<words.count)
            positions[object] = nil
            holding = object
            return "You pick up the \(object) from the \(from)."
        case "put":
            let object = joined(1..<3), target = joined(4..<words.count)
            positions[object] = target
            holding = nil
            return "You put the \(object) in/on the \(target)."
        case "clean", "heat", "cool":
            let object = joined(1..<3), with = joined(4..<words.count)
            let adjective = MiniALFWorldTaskType(rawValue: words[0])?.adjective ?? words[0]
            var state = states[object] ?? []
            if adjective == "hot" { state.remove("cool") }
            if adjective == "cool" { state.remove("hot") }
            state.insert(adjective)
            states[object] = state
            return "You \(words[0]) the \(object) using the \(with)."
        case "examine":
            let target = joined(1..<words.count)
            guard let here = task.receptacle(target), visible(here) else { return "The \(target) is closed." }
            return "On the \(target), \(describe(target))."
        case "look":
            return location.map { "You are facing the \($0). Next to it, you see nothing." }
                ?? "You are in the middle of the house."
        default:
            return holding.map { "You are carrying: a \($0)." } ?? "You are not carrying anything."
        }
    }

    /// The observation: `text`, then the admissible commands on their own line (as ALFWorld prompts list them);
    /// ``TextObservation/admissibleActions`` holds them as `<action>…</action>` calls.
    func observation(_ text: String) -> TextObservation {
        let commands = finished ? [] : admissibleCommands()
        let listing = commands.isEmpty ? "" : "\n\(Self.admissiblePrefix)" + commands.joined(separator: "; ") + "."
        return TextObservation(
            text: text + listing, admissibleActions: commands.map { "<action>\($0)</action>" }, tools: ["action"])
    }

    /// The marker of the admissible-command line in observation texts.
    public static let admissiblePrefix = "Admissible actions: "
}
