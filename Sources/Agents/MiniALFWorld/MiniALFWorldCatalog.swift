import Foundation

/// The names MiniALFWorld draws from: rooms with their receptacles, and object types with the transforms they
/// accept and whether they are seen in training (L0) or held out (L1).
public enum MiniALFWorldCatalog {
    /// A receptacle type: where it stands, whether it opens.
    public struct ReceptacleType: Sendable {
        /// The type name (`fridge`).
        public let name: String
        /// Whether it must be opened to see or use its inside.
        public let openable: Bool
        /// Whether objects may start in it or be the goal's place (appliances other than the fridge may not).
        public let holdsObjects: Bool
    }

    /// An object type.
    public struct ObjectType: Sendable {
        /// The type name (`apple`).
        public let name: String
        /// The transforms it accepts.
        public let transforms: Set<MiniALFWorldTaskType>
        /// Whether L0 tasks use it (false: only L1/L2 instances do).
        public let seen: Bool
    }

    /// The kitchen: always present, with the three appliances.
    public static let kitchen: (room: String, receptacles: [ReceptacleType]) = ("kitchen", [
        ReceptacleType(name: "fridge", openable: true, holdsObjects: true),
        ReceptacleType(name: "microwave", openable: true, holdsObjects: false),
        ReceptacleType(name: "sinkbasin", openable: false, holdsObjects: false),
        ReceptacleType(name: "countertop", openable: false, holdsObjects: true),
        ReceptacleType(name: "cabinet", openable: true, holdsObjects: true),
        ReceptacleType(name: "diningtable", openable: false, holdsObjects: true),
    ])

    /// The other rooms, of which ``MiniALFWorldConfig/extraRooms`` are drawn per task.
    public static let otherRooms: [(room: String, receptacles: [ReceptacleType])] = [
        ("living room", [
            ReceptacleType(name: "sofa", openable: false, holdsObjects: true),
            ReceptacleType(name: "coffeetable", openable: false, holdsObjects: true),
            ReceptacleType(name: "drawer", openable: true, holdsObjects: true),
        ]),
        ("bedroom", [
            ReceptacleType(name: "bed", openable: false, holdsObjects: true),
            ReceptacleType(name: "desk", openable: false, holdsObjects: true),
            ReceptacleType(name: "shelf", openable: false, holdsObjects: true),
        ]),
        ("bathroom", [
            ReceptacleType(name: "countertop", openable: false, holdsObjects: true),
            ReceptacleType(name: "cabinet", openable: true, holdsObjects: true),
            ReceptacleType(name: "towelholder", openable: false, holdsObjects: true),
        ]),
    ]

    private static let all: Set<MiniALFWorldTaskType> = [.clean, .heat, .cool]

    /// Object types; food and dishware accept every transform, utensils only cleaning, the rest none.
    public static let objects: [ObjectType] = [
        ObjectType(name: "apple", transforms: all, seen: true),
        ObjectType(name: "potato", transforms: all, seen: true),
        ObjectType(name: "egg", transforms: all, seen: true),
        ObjectType(name: "mug", transforms: all, seen: true),
        ObjectType(name: "plate", transforms: all, seen: true),
        ObjectType(name: "knife", transforms: [.clean], seen: true),
        ObjectType(name: "spoon", transforms: [.clean], seen: true),
        ObjectType(name: "book", transforms: [], seen: true),
        ObjectType(name: "pen", transforms: [], seen: true),
        ObjectType(name: "keychain", transforms: [], seen: true),
        ObjectType(name: "tomato", transforms: all, seen: false),
        ObjectType(name: "bread", transforms: all, seen: false),
        ObjectType(name: "cup", transforms: all, seen: false),
        ObjectType(name: "bowl", transforms: all, seen: false),
        ObjectType(name: "fork", transforms: [.clean], seen: false),
        ObjectType(name: "cellphone", transforms: [], seen: false),
        ObjectType(name: "candle", transforms: [], seen: false),
    ]
}
