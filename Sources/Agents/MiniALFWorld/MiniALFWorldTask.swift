import Foundation

/// A receptacle of a MiniALFWorld layout (`cabinet 2` in the kitchen).
public struct MiniALFWorldReceptacle: Codable, Sendable, Equatable {
    /// The instance name, `<type> <n>`.
    public var name: String
    /// The type (`cabinet`).
    public var type: String
    /// The room it stands in.
    public var room: String
    /// Whether it must be opened first.
    public var openable: Bool
    /// Whether objects may start in it or be put in it.
    public var holdsObjects: Bool
}

/// An object of a MiniALFWorld layout and where it starts.
public struct MiniALFWorldObject: Codable, Sendable, Equatable {
    /// The instance name, `<type> <n>`.
    public var name: String
    /// The type (`apple`).
    public var type: String
    /// The receptacle it starts in.
    public var location: String
}

/// One household task: the layout (receptacles, objects) and the goal.
public struct MiniALFWorldTask: Codable, Sendable, Equatable {
    /// Index of the task in its split.
    public var id: Int
    /// The split.
    public var split: MiniALFWorldSplit
    /// The task type.
    public var type: MiniALFWorldTaskType
    /// The goal object type.
    public var objectType: String
    /// The goal receptacle type (nil for ``MiniALFWorldTaskType/pick``).
    public var goalReceptacle: String?
    /// The rooms of the house.
    public var rooms: [String]
    /// The receptacles, in the order the prompt lists them.
    public var receptacles: [MiniALFWorldReceptacle]
    /// The objects (the goal object first).
    public var objects: [MiniALFWorldObject]

    /// The goal sentence.
    public var goal: String {
        switch type {
        case .pick: "find a \(objectType) and pick it up"
        case .place: "put a \(objectType) in \(goalReceptacle ?? "")"
        case .clean, .heat, .cool: "put a \(type.adjective ?? "") \(objectType) in \(goalReceptacle ?? "")"
        }
    }

    /// The first observation.
    public var prompt: String {
        "You are in the middle of a house with " + rooms.map { "a \($0)" }.joined(separator: " and ")
            + ". Looking quickly around you, you see "
            + receptacles.map { "a \($0.name)" }.joined(separator: ", ") + ".\nYour task is to: \(goal)."
    }

    /// The receptacle named `name`.
    public func receptacle(_ name: String) -> MiniALFWorldReceptacle? { receptacles.first { $0.name == name } }
}
