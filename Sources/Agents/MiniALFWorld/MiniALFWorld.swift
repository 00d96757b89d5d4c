import Foundation
import Tensor

/// MiniALFWorld: seeded text household tasks in the style of ALFWorld (digest §1 "MiniALFWorld-Text"): a house
/// of rooms with receptacles (fridge, microwave, sink basin, cabinets, drawers, …) and objects; the task types
/// pick, place, clean, heat and cool; ALFWorld's commands (`go to`, `open`, `take … from`, `put … in/on`,
/// `clean/heat/cool … with`, `examine`, `look`, `inventory`) with the admissible ones listed at every step; and
/// the evaluation levels of RLVMR — L0 (the training tasks), L1 (seen task types, new layouts, object types never
/// trained on) and L2 (a held-out task type, cool by default).
///
/// ``environment(task:)`` gives the ``TextEnvironment`` of one task; success gives reward 1 and ends the episode.
public struct MiniALFWorld: Sendable {
    /// The configuration.
    public let config: MiniALFWorldConfig
    /// The split these tasks belong to.
    public let split: MiniALFWorldSplit
    /// The seed the tasks were drawn from (each split draws from its own stream of it).
    public let seed: UInt64
    /// The tasks.
    public let tasks: [MiniALFWorldTask]

    /// Draws the tasks of `split` from `seed`.
    /// - Throws: ``AgentInputError`` for an invalid configuration or one with no object for a task type.
    public init(config: MiniALFWorldConfig = MiniALFWorldConfig(), split: MiniALFWorldSplit = .l0, seed: UInt64)
        throws(AgentInputError)
    {
        try config.validate()
        self.config = config
        self.split = split
        self.seed = seed
        var rng = Xoshiro256StarStar(seed: seed).derived("minialfworld/\(split.rawValue)")
        let types = split == .l2 ? config.unseenTypes : config.seenTypes
        var tasks: [MiniALFWorldTask] = []
        for id in 0..<config.tasks {
            let type = types[rng.int(below: types.count)]
            tasks.append(try Self.generate(id: id, type: type, split: split, config: config, using: &rng))
        }
        self.tasks = tasks
    }

    static func generate(
        id: Int, type: MiniALFWorldTaskType, split: MiniALFWorldSplit, config: MiniALFWorldConfig,
        using rng: inout Xoshiro256StarStar
    ) throws(AgentInputError) -> MiniALFWorldTask {
        var others = MiniALFWorldCatalog.otherRooms
        shuffle(&others, using: &rng)
        let rooms = [MiniALFWorldCatalog.kitchen] + others.prefix(config.extraRooms)
        var receptacles: [MiniALFWorldReceptacle] = []
        var counts: [String: Int] = [:]
        for (room, types) in rooms {
            for kind in types {
                let copies = kind.name == "cabinet" && room == "kitchen" ? 2 : 1
                for _ in 0..<copies {
                    counts[kind.name, default: 0] += 1
                    receptacles.append(MiniALFWorldReceptacle(
                        name: "\(kind.name) \(counts[kind.name] ?? 1)", type: kind.name, room: room,
                        openable: kind.openable, holdsObjects: kind.holdsObjects))
                }
            }
        }
        let candidates = MiniALFWorldCatalog.objects.filter { object in
            let seenOK = split == .l0 ? object.seen : split == .l1 ? !object.seen : true
            return seenOK && (type.transform.map { object.transforms.contains($0) } ?? true)
        }
        guard !candidates.isEmpty else {
            throw AgentInputError("MiniALFWorld: no object type accepts the task type \(type.rawValue) in \(split)")
        }
        let goalType = candidates[rng.int(below: candidates.count)].name
        let holders = receptacles.filter(\.holdsObjects)
        let start = holders[rng.int(below: holders.count)]
        var goalReceptacle: String?
        if type != .pick {
            let goals = Array(Set(holders.map(\.type)).subtracting([start.type, "fridge"])).sorted()
            goalReceptacle = goals[rng.int(below: goals.count)]
        }
        var objects = [MiniALFWorldObject(name: "\(goalType) 1", type: goalType, location: start.name)]
        let pool = MiniALFWorldCatalog.objects.filter { $0.name != goalType }
        var objectCounts: [String: Int] = [:]
        for _ in 0..<config.distractors {
            let kind = pool[rng.int(below: pool.count)].name
            objectCounts[kind, default: 0] += 1
            objects.append(MiniALFWorldObject(name: "\(kind) \(objectCounts[kind] ?? 1)", type: kind,
                location: holders[rng.int(below: holders.count)].name))
        }
        return MiniALFWorldTask(
            id: id, split: split, type: type, objectType: goalType, goalReceptacle: goalReceptacle,
            rooms: rooms.map(\.room), receptacles: receptacles, objects: objects)
    }

    /// The environment of task `task` (any integer; taken modulo the number of tasks).
    public func environment(task: Int) -> MiniALFWorldEnvironment {
        MiniALFWorldEnvironment(
            task: tasks[((task % tasks.count) + tasks.count) % tasks.count],
            requireMetaReasoning: config.requireMetaReasoning)
    }

    /// The tasks as JSON Lines (one task object per line, keys sorted).
    /// - Throws: an encoding error.
    public func tasksJSONL() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try tasks.map { String(decoding: try encoder.encode($0), as: UTF8.self) }.joined(separator: "\n") + "\n"
    }

    /// Writes ``tasksJSONL()`` to `url` atomically.
    /// - Throws: an encoding or file error.
    public func writeTasks(to url: URL) throws {
        try AtomicFile.write(try tasksJSONL(), to: url)
    }

    static func shuffle<T>(_ items: inout [T], using rng: inout Xoshiro256StarStar) {
        guard items.count > 1 else { return }
        for i in stride(from: items.count - 1, to: 0, by: -1) { items.swapAt(i, rng.int(below: i + 1)) }
    }
}
