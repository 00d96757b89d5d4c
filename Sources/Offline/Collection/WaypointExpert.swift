import Environments
import Tensor

/// A scripted expert for ``PointMaze`` (like the planner behind D4RL's maze2d datasets): a breadth-first search
/// over the open cells gives each cell its distance to the goal cell; the next waypoint is the centre of the
/// neighbouring cell closest to the goal (the goal itself once in the goal cell), and a PD controller
/// `a = clip(kp·(waypoint − p) − kd·v, −1, 1)` steers the point mass toward it.
///
/// With the default gains it reaches the goal of every start cell: about 12 steps on average in the U-maze and
/// 26 in the medium maze (measured over random starts).
public struct WaypointExpert: CollectionPolicy {
    /// The maze rows (`#` wall, `O` open, `G` goal).
    public let cells: [[Character]]
    /// The goal position (centre of the `G` cell).
    public let goal: SIMD2<Float>
    /// kp, the proportional gain on the waypoint offset. Default 4.
    public var proportionalGain: Float = 4
    /// kd, the damping gain on the velocity. Default 1.
    public var dampingGain: Float = 1
    /// Breadth-first distance (in cells) to the goal cell; −1 for walls and unreachable cells.
    public let distances: [[Int]]

    /// An expert for a maze layout.
    /// - Throws: ``CollectionError`` when the layout is ragged or has no goal.
    public init(layout: [String]) throws(CollectionError) {
        let cells = layout.map(Array.init)
        guard let width = cells.first?.count, cells.allSatisfy({ $0.count == width }) else {
            throw CollectionError("waypoint expert: the maze layout must be equal-length rows")
        }
        var goalCell: (Int, Int)?
        for (row, line) in cells.enumerated() {
            for (column, cell) in line.enumerated() where cell == "G" { goalCell = (row, column) }
        }
        guard let (goalRow, goalColumn) = goalCell else { throw CollectionError("waypoint expert: the maze has no goal G") }
        var distances = [[Int]](repeating: [Int](repeating: -1, count: width), count: cells.count)
        distances[goalRow][goalColumn] = 0
        var queue = [(goalRow, goalColumn)]
        var head = 0
        while head < queue.count {
            let (row, column) = queue[head]
            head += 1
            for (dr, dc) in [(1, 0), (-1, 0), (0, 1), (0, -1)] {
                let r = row + dr, c = column + dc
                guard r >= 0, r < cells.count, c >= 0, c < width, cells[r][c] != "#", distances[r][c] < 0 else {
                    continue
                }
                distances[r][c] = distances[row][column] + 1
                queue.append((r, c))
            }
        }
        self.cells = cells
        self.distances = distances
        goal = SIMD2(Float(goalColumn) + 0.5, Float(goalRow) + 0.5)
    }

    /// The expert for a registered point maze id (`PointMaze_UMaze-v3`, `PointMaze_MediumDense-v3`, …).
    /// - Throws: ``CollectionError`` for an id that is not a point maze.
    public init(environmentID: String) throws(CollectionError) {
        let names = ["Open": "open", "UMaze": "umaze", "Medium": "medium", "Large": "large"]
        guard environmentID.hasPrefix("PointMaze_"),
            let name = names.first(where: { environmentID.dropFirst(10).hasPrefix($0.key) })?.value,
            let layout = PointMaze.layouts[name]
        else {
            throw CollectionError(
                "the scripted expert only drives point mazes (PointMaze_UMaze-v3, …), not \(environmentID); "
                    + "pass a trained run directory as the policy instead")
        }
        try self.init(layout: layout)
    }

    public var name: String { "waypoint-expert" }

    /// The waypoint for position `p`: the goal inside the goal cell, else the centre of the neighbouring cell one
    /// step closer to the goal (the current cell's centre when no neighbour is closer, e.g. outside the maze).
    public func waypoint(x: Float, y: Float) -> SIMD2<Float> {
        let row = Int(y.rounded(.down)), column = Int(x.rounded(.down))
        guard row >= 0, row < cells.count, column >= 0, column < cells[0].count, distances[row][column] >= 0 else {
            return goal
        }
        if distances[row][column] == 0 { return goal }
        var best = (row, column)
        for (dr, dc) in [(1, 0), (-1, 0), (0, 1), (0, -1)] {
            let r = row + dr, c = column + dc
            guard r >= 0, r < cells.count, c >= 0, c < cells[0].count, distances[r][c] >= 0 else { continue }
            if distances[r][c] < distances[best.0][best.1] { best = (r, c) }
        }
        return SIMD2(Float(best.1) + 0.5, Float(best.0) + 0.5)
    }

    public func actions(observations: [Float], count: Int, using rng: inout Xoshiro256StarStar) -> [Float] {
        var out = [Float]()
        out.reserveCapacity(2 * count)
        let width = count > 0 ? observations.count / count : 0
        for row in 0..<count {
            let s = row * width
            let target = waypoint(x: observations[s], y: observations[s + 1])
            for axis in 0..<2 {
                let a = proportionalGain * (target[axis] - observations[s + axis]) - dampingGain * observations[s + 2 + axis]
                out.append(Swift.min(Swift.max(a, -1), 1))
            }
        }
        return out
    }
}
