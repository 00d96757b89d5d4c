import Foundation

/// ALFWorld-style task types of ``MiniALFWorld``.
public enum MiniALFWorldTaskType: String, Codable, Sendable, CaseIterable {
    /// "find a X and pick it up": done when holding an X.
    case pick
    /// "put a X in/on R".
    case place
    /// "put a clean X in/on R" (clean it with the sink basin).
    case clean
    /// "put a hot X in/on R" (heat it with the microwave).
    case heat
    /// "put a cool X in/on R" (cool it with the fridge).
    case cool

    /// The state change the goal asks for (clean/heat/cool), or nil.
    public var transform: MiniALFWorldTaskType? { [.clean, .heat, .cool].contains(self) ? self : nil }

    /// The appliance type that performs the transform.
    public var appliance: String? {
        switch self {
        case .clean: "sinkbasin"
        case .heat: "microwave"
        case .cool: "fridge"
        default: nil
        }
    }

    /// The adjective of the transformed state.
    public var adjective: String? {
        switch self {
        case .clean: "clean"
        case .heat: "hot"
        case .cool: "cool"
        default: nil
        }
    }
}

/// The split of a ``MiniALFWorld``, as in ALFWorld/RLVMR's evaluation levels.
public enum MiniALFWorldSplit: String, Codable, Sendable, CaseIterable {
    /// L0: the training tasks themselves (seen task types, seen instances).
    case l0 = "L0"
    /// L1: seen task types in new layouts with object types never trained on (unseen instances).
    case l1 = "L1"
    /// L2: the held-out task type (``MiniALFWorldConfig/unseenTypes``) in new layouts (unseen category).
    case l2 = "L2"
}

/// The size of a ``MiniALFWorld``.
public struct MiniALFWorldConfig: Codable, Sendable, Equatable {
    /// Tasks per split, default 40.
    public var tasks: Int
    /// Rooms besides the kitchen (living room, bedroom, bathroom), default 1.
    public var extraRooms: Int
    /// Objects placed besides the goal object, default 5.
    public var distractors: Int
    /// Task types of L0/L1 (training), default pick, place, clean, heat.
    public var seenTypes: [MiniALFWorldTaskType]
    /// Task types of L2, default cool (the digest's "cool & place" as the held-out type).
    public var unseenTypes: [MiniALFWorldTaskType]
    /// Whether an action must be written in RLVMR's format (one meta-reasoning tag before one `<action>`), default
    /// true; false accepts any text with exactly one `<action>…</action>` (ReAct-style worlds, the generic checker).
    public var requireMetaReasoning: Bool

    /// A configuration; defaults as documented on each field.
    public init(
        tasks: Int = 40, extraRooms: Int = 1, distractors: Int = 5,
        seenTypes: [MiniALFWorldTaskType] = [.pick, .place, .clean, .heat],
        unseenTypes: [MiniALFWorldTaskType] = [.cool],
        requireMetaReasoning: Bool = true
    ) {
        self.tasks = tasks
        self.extraRooms = extraRooms
        self.distractors = distractors
        self.seenTypes = seenTypes
        self.unseenTypes = unseenTypes
        self.requireMetaReasoning = requireMetaReasoning
    }

    /// Checks every field.
    /// - Throws: ``AgentInputError`` naming the field and its range.
    public func validate() throws(AgentInputError) {
        guard tasks >= 1 else { throw AgentInputError("MiniALFWorldConfig.tasks must be ≥ 1, got \(tasks)") }
        guard (0...MiniALFWorldCatalog.otherRooms.count).contains(extraRooms) else {
            throw AgentInputError(
                "MiniALFWorldConfig.extraRooms must be in 0…\(MiniALFWorldCatalog.otherRooms.count), got \(extraRooms)")
        }
        guard (0...12).contains(distractors) else {
            throw AgentInputError("MiniALFWorldConfig.distractors must be in 0…12, got \(distractors)")
        }
        guard !seenTypes.isEmpty, !unseenTypes.isEmpty else {
            throw AgentInputError("MiniALFWorldConfig.seenTypes and unseenTypes must not be empty")
        }
        guard Set(seenTypes).isDisjoint(with: unseenTypes) else {
            throw AgentInputError("MiniALFWorldConfig: a task type cannot be both seen and unseen, got seen "
                + "\(seenTypes.map(\.rawValue)) and unseen \(unseenTypes.map(\.rawValue))")
        }
    }
}
