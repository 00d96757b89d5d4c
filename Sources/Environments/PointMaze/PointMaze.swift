import Foundation

/// A 2-D point mass in a maze, shaped like D4RL's `maze2d` tasks: observation `[x, y, vx, vy]` (float32),
/// action a force `[fx, fy]` in `[-1, 1]²`, a fixed goal cell `G`. Sparse reward is 1 within 0.5 of the goal;
/// dense reward is `exp(−distance)` (D4RL's definitions). Episodes only end by the registry's time limit unless
/// ``terminateAtGoal`` is set.
///
/// Dynamics are a kinematic point (not MuJoCo): `v ← clip(v + dt·gain·a, ±maxSpeed)`, `p ← p + dt·v`, moving each
/// axis separately and stopping at walls (a wall cell `(row, column)` occupies `[column, column+1] × [row, row+1]`).
public struct PointMaze: Environment, Sendable {
    /// Which reward to give.
    public enum RewardType: String, Sendable, Codable { case sparse, dense }

    /// D4RL's maze2d layouts: `#` wall, `O` open, `G` goal.
    public static let layouts: [String: [String]] = [
        "open": ["#######", "#OOOOO#", "#OOGOO#", "#OOOOO#", "#######"],
        "umaze": ["#####", "#GOO#", "###O#", "#OOO#", "#####"],
        "medium": ["########", "#OO##OO#", "#OO#OOO#", "##OOO###", "#OO#OOO#", "#O#OO#O#", "#OOO#OG#", "########"],
        "large": [
            "############", "#OOOO#OOOOO#", "#O##O#O#O#O#", "#OOOOOO#OOO#", "#O####O###O#", "#OO#O#OOOOO#",
            "##O#O#O#O###", "#OO#OOO#OGO#", "############",
        ],
    ]

    /// The maze cells.
    public let cells: [[Character]]
    /// Reward type.
    public let rewardType: RewardType
    /// Whether reaching the goal terminates the episode.
    public let terminateAtGoal: Bool
    /// The goal position (centre of the `G` cell).
    public let goal: SIMD2<Double>
    /// Time step.
    public let dt = 0.1
    /// Acceleration per unit force.
    public let gain = 5.0
    /// Speed bound per axis.
    public let maxSpeed = 5.0
    /// The agent's radius used for wall contact.
    public let radius = 0.1
    /// `[x, y, vx, vy]`; nil before reset.
    public private(set) var state: SIMD4<Double>?
    /// The environment's own generator.
    public var random = EpisodeRandom()
    private let openCells: [(Int, Int)]

    /// Creates a maze.
    /// - Throws: ``EnvironmentError/invalidOption(_:)`` for ragged rows, unknown characters or no goal.
    public init(
        layout: [String] = PointMaze.layouts["umaze"] ?? [], rewardType: RewardType = .sparse,
        terminateAtGoal: Bool = false
    ) throws(EnvironmentError) {
        let cells = layout.map(Array.init)
        guard let columns = cells.first?.count, cells.allSatisfy({ $0.count == columns }),
            cells.joined().allSatisfy({ "#OG".contains($0) })
        else {
            throw .invalidOption("PointMaze: the layout must be equal-length rows of #, O and G")
        }
        var goal: SIMD2<Double>?
        var open: [(Int, Int)] = []
        for (row, line) in cells.enumerated() {
            for (column, cell) in line.enumerated() where cell != "#" {
                open.append((row, column))
                if cell == "G" { goal = SIMD2(Double(column) + 0.5, Double(row) + 0.5) }
            }
        }
        guard let goal else { throw .invalidOption("PointMaze: the layout needs a goal G") }
        self.cells = cells
        self.rewardType = rewardType
        self.terminateAtGoal = terminateAtGoal
        self.goal = goal
        openCells = open
    }

    public var observationSpace: Space {
        let width = Double(cells[0].count), height = Double(cells.count)
        return .box(.fixed(low: [0, 0, -maxSpeed, -maxSpeed], high: [width, height, maxSpeed, maxSpeed]))
    }
    public var actionSpace: Space { .box(.fixed(low: [-1, -1], high: [1, 1])) }
    public var metadata: EnvironmentMetadata { EnvironmentMetadata(renderModes: [.rgbArray], renderFPS: 10) }

    /// Starts in a uniformly chosen open cell (plus uniform noise of ±0.1) with small Gaussian velocity (σ 0.1).
    public mutating func reset(seed: UInt64?, options: ResetOptions) throws(EnvironmentError) -> Reset<SIMD4<Float>> {
        random.prepare(seed: seed)
        let (row, column) = openCells[random.integers(low: 0, high: openCells.count)]
        let x = Double(column) + 0.5 + random.uniform(low: -0.1, high: 0.1)
        let y = Double(row) + 0.5 + random.uniform(low: -0.1, high: 0.1)
        let s = SIMD4(x, y, 0.1 * random.standardNormal(), 0.1 * random.standardNormal())
        state = s
        return Reset(observation: SIMD4<Float>(s), info: ["goal": .doubles([goal.x, goal.y])])
    }

    public mutating func step(_ action: SIMD2<Float>) throws(EnvironmentError) -> Step<SIMD4<Float>> {
        guard var s = state else { throw .resetNeeded("PointMaze: call reset(seed:) before step(_:)") }
        guard action.x.isFinite, action.y.isFinite else { throw .invalidAction("PointMaze: the force must be finite") }
        let force = SIMD2(Double(min(max(action.x, -1), 1)), Double(min(max(action.y, -1), 1)))
        var velocity = SIMD2(s[2], s[3]) + dt * gain * force
        velocity = SIMD2(min(max(velocity.x, -maxSpeed), maxSpeed), min(max(velocity.y, -maxSpeed), maxSpeed))
        var position = SIMD2(s[0], s[1])
        let movedX = SIMD2(position.x + dt * velocity.x, position.y)
        if blocked(movedX) { velocity.x = 0 } else { position = movedX }
        let movedY = SIMD2(position.x, position.y + dt * velocity.y)
        if blocked(movedY) { velocity.y = 0 } else { position = movedY }
        s = SIMD4(position.x, position.y, velocity.x, velocity.y)
        state = s
        let distance = ((position - goal) * (position - goal)).sum().squareRoot()
        let reached = distance <= 0.5
        let reward = rewardType == .sparse ? (reached ? 1.0 : 0.0) : exp(-distance)
        return Step(
            observation: SIMD4<Float>(s), reward: reward, terminated: terminateAtGoal && reached,
            truncated: false, info: ["success": .bool(reached)])
    }

    /// Whether a disc of ``radius`` at `point` overlaps a wall cell.
    private func blocked(_ point: SIMD2<Double>) -> Bool {
        for dy in [-radius, radius] {
            for dx in [-radius, radius] {
                let column = Int((point.x + dx).rounded(.down)), row = Int((point.y + dy).rounded(.down))
                guard row >= 0, row < cells.count, column >= 0, column < cells[0].count else { return true }
                if cells[row][column] == "#" { return true }
            }
        }
        return false
    }

    /// A top-down RGB picture, 40 pixels per cell.
    public func render() -> Frame? {
        let scale = 40.0
        var image = RGBImage(width: cells[0].count * 40, height: cells.count * 40, fill: RGB(240, 240, 240))
        for (row, line) in cells.enumerated() {
            for (column, cell) in line.enumerated() where cell == "#" {
                image.fillRectangle(
                    x0: column * 40, y0: row * 40, x1: column * 40 + 40, y1: row * 40 + 40, color: RGB(60, 60, 60))
            }
        }
        image.fillCircle(cx: goal.x * scale, cy: goal.y * scale, radius: 8, color: RGB(220, 40, 40))
        if let s = state { image.fillCircle(cx: s[0] * scale, cy: s[1] * scale, radius: 6, color: RGB(40, 90, 220)) }
        return .rgb(image)
    }
}
