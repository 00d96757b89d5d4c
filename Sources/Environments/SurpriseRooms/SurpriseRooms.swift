/// A grid world with noisy rooms and dark rooms seen through an egocentric window: the stochastic,
/// partially observed test bed of the Adversarial Surprise reproduction (a small stand-in for the MiniGrid
/// `MultiRoomAB` environments of Fickinger et al. 2021, arXiv:2107.07394).
///
/// ## Description
/// Layout characters: `#` wall, `.` floor, `S` start (one is chosen uniformly), `N` noisy floor, `D` dark floor,
/// `B` switch (the paper's box: entering it freezes every noisy cell's colour for the rest of the episode).
/// Noisy cells flicker: after every step each one shows a colour drawn uniformly from ``colours`` (until frozen).
///
/// ## Action Space
/// `Discrete(5)`: 0 up, 1 right, 2 down, 3 left, 4 stay. Moving into a wall or off the grid stays put.
///
/// ## Observation Space
/// `Box(0, 3 + colours, ((2r + 1)²,))`: the window of cell codes centred on the agent, row-major — 0 floor (and
/// start), 1 wall or outside, 2 switch, 3 dark, 4 + k a noisy cell showing colour k. While the agent stands on a
/// dark cell every entry is 3: the observation is constant whatever it does there.
///
/// ## Rewards
/// Always 0 (the environment is for unsupervised, intrinsically rewarded agents).
///
/// ## Starting State
/// A start cell, noise not frozen, fresh colours.
///
/// ## Episode End
/// Never terminates; truncated by the registration's time limit (64 steps for `SurpriseRooms-v0`).
///
/// ## Arguments
/// `layout` (``SurpriseRooms/fourRooms``), `view_radius` (1), `colours` (4).
public struct SurpriseRooms: Environment, Sendable {
    /// Four 5 × 5 rooms: start (top left), noisy with a switch (top right), dark (bottom left), plain (bottom right).
    public static let fourRooms = [
        "#############",
        "#.....#NNNNN#",
        "#.....#NNNNN#",
        "#S.....NNNNN#",
        "#.....#NNNNN#",
        "#.....#NNBNN#",
        "##.######.###",
        "#DDDDD#.....#",
        "#DDDDD#.....#",
        "#DDDDD......#",
        "#DDDDD#.....#",
        "#DDDDD#.....#",
        "#############",
    ]

    /// Observation codes.
    public enum Code {
        /// Floor or start.
        public static let floor: Float = 0
        /// Wall or outside the grid.
        public static let wall: Float = 1
        /// The switch.
        public static let switchCell: Float = 2
        /// A dark cell, or anything seen from a dark cell.
        public static let dark: Float = 3
        /// A noisy cell showing colour 0; colour k is `noise + k`.
        public static let noise: Float = 4
    }

    /// The layout characters.
    public let cells: [[Character]]
    /// The view radius `r`.
    public let viewRadius: Int
    /// Number of colours a noisy cell can show.
    public let colours: Int
    /// The agent's cell, `row · columns + column`.
    public private(set) var position = 0
    /// Whether the switch has frozen the noise this episode.
    public private(set) var frozen = false
    /// The colour each cell shows now, indexed by cell (meaningful for noisy cells only).
    public private(set) var shownColours: [Int]
    /// The environment's own generator.
    public var random = EpisodeRandom()
    private let noisyCells: [Int]
    private let starts: [Int]

    /// A grid.
    /// - Throws: ``EnvironmentError/invalidOption(_:)`` for ragged or empty rows, unknown characters, no start,
    ///   a negative radius or fewer than two colours.
    public init(layout: [String] = SurpriseRooms.fourRooms, viewRadius: Int = 1, colours: Int = 4)
        throws(EnvironmentError)
    {
        let cells = layout.map(Array.init)
        guard let columns = cells.first?.count, columns > 0, cells.allSatisfy({ $0.count == columns }) else {
            throw .invalidOption("SurpriseRooms: the layout must be non-empty rows of equal length")
        }
        guard cells.joined().allSatisfy({ "#.SNDB".contains($0) }) else {
            throw .invalidOption("SurpriseRooms: use only # . S N D B in the layout")
        }
        guard viewRadius >= 0 else {
            throw .invalidOption("SurpriseRooms: view_radius must be ≥ 0, got \(viewRadius)")
        }
        guard colours >= 2, colours <= 64 else {
            throw .invalidOption("SurpriseRooms: colours must be in 2…64, got \(colours)")
        }
        let flat = Array(cells.joined())
        starts = flat.indices.filter { flat[$0] == "S" }
        guard !starts.isEmpty else { throw .invalidOption("SurpriseRooms: the layout needs a start S") }
        noisyCells = flat.indices.filter { flat[$0] == "N" }
        shownColours = Array(repeating: 0, count: flat.count)
        self.cells = cells
        self.viewRadius = viewRadius
        self.colours = colours
    }

    /// Rows of the grid.
    public var rows: Int { cells.count }
    /// Columns of the grid.
    public var columns: Int { cells[0].count }
    /// Number of cells an agent can stand on (everything but walls).
    public var openCellCount: Int { cells.joined().filter { $0 != "#" }.count }
    /// The layout character at `cell`.
    public func kind(_ cell: Int) -> Character { cells[cell / columns][cell % columns] }

    private var side: Int { 2 * viewRadius + 1 }

    public var observationSpace: Space {
        let count = side * side
        let top = Double(Code.noise) + Double(colours - 1)
        let low = [Double](repeating: 0, count: count), high = [Double](repeating: top, count: count)
        return .box(.fixed(low: low, high: high))
    }
    public var actionSpace: Space { .discrete(DiscreteSpace(validN: 5)) }
    public var metadata: EnvironmentMetadata { EnvironmentMetadata(renderModes: [.ansi]) }

    public mutating func reset(seed: UInt64?, options: ResetOptions) throws(EnvironmentError) -> Reset<[Float]> {
        random.prepare(seed: seed)
        position = starts[random.integers(low: 0, high: starts.count)]
        frozen = false
        redrawNoise()
        return Reset(observation: view())
    }

    public mutating func step(_ action: Int) throws(EnvironmentError) -> Step<[Float]> {
        guard (0..<5).contains(action) else {
            throw .invalidAction("SurpriseRooms: action \(action) is not 0 up, 1 right, 2 down, 3 left or 4 stay")
        }
        let deltas = [(-1, 0), (0, 1), (1, 0), (0, -1), (0, 0)]
        let row = position / columns + deltas[action].0, column = position % columns + deltas[action].1
        if row >= 0, row < rows, column >= 0, column < columns, cells[row][column] != "#" {
            position = row * columns + column
        }
        if kind(position) == "B" { frozen = true }
        if !frozen { redrawNoise() }
        return Step(observation: view(), reward: 0, terminated: false, truncated: false)
    }

    private mutating func redrawNoise() {
        for cell in noisyCells { shownColours[cell] = random.integers(low: 0, high: colours) }
    }

    /// The code of the cell at (`row`, `column`) as seen from a lit cell.
    public func code(row: Int, column: Int) -> Float {
        guard row >= 0, row < rows, column >= 0, column < columns else { return Code.wall }
        switch cells[row][column] {
        case "#": return Code.wall
        case "B": return Code.switchCell
        case "D": return Code.dark
        case "N": return Code.noise + Float(shownColours[row * columns + column])
        default: return Code.floor
        }
    }

    /// The window around the agent (all ``Code/dark`` while the agent stands on a dark cell).
    public func view() -> [Float] {
        if kind(position) == "D" { return Array(repeating: Code.dark, count: side * side) }
        let row = position / columns, column = position % columns
        var result: [Float] = []
        result.reserveCapacity(side * side)
        for dr in -viewRadius...viewRadius {
            for dc in -viewRadius...viewRadius { result.append(code(row: row + dr, column: column + dc)) }
        }
        return result
    }

    /// The layout with the agent drawn as `A` and frozen noise shown in lower case.
    public func render() -> Frame? {
        var lines = cells
        if frozen { lines = lines.map { $0.map { $0 == "N" ? "n" : $0 } } }
        lines[position / columns][position % columns] = "A"
        return .text(lines.map { String($0) }.joined(separator: "\n") + "\n")
    }
}
