import Environments
import Tensor

/// The discrete zero-shot test bed: the four-rooms grid of ``GridWorld`` (Sutton, Precup & Singh 1999; 13 × 13
/// with the outer wall) without terminal cells, one-hot observations of the 169 cells, deterministic moves
/// (0 up, 1 right, 2 down, 3 left), reward-free datasets, and goal-reaching tasks evaluated zero-shot with
/// z = √d · normalize(B(goal)).
public struct ZeroShotFourRooms: Sendable {
    /// The grid (the built-in `fourrooms` layout with its goal cell turned into floor).
    public let world: GridWorld
    /// Every non-wall cell.
    public let freeCells: [Int]
    /// The tasks' goal cells: two per room.
    public let goals: [Int]
    /// Evaluation start cells: the centre of each room.
    public let starts: [Int]
    /// Steps per evaluation episode.
    public let horizon: Int
    /// The cell whose entry pays reward 1 in recorded datasets (bottom-right corner): the task a CLI run's
    /// z_r infers; the reproduction does not use rewards.
    public let rewardCell: Int

    /// The four-rooms test bed.
    /// - Parameter horizon: steps per evaluation episode (the longest shortest path between a start and a goal
    ///   is 16 moves; default 30).
    /// - Throws: ``DatasetError`` for a non-positive horizon.
    public init(horizon: Int = 30) throws {
        let layout = (GridWorld.layouts["fourrooms"] ?? []).map { $0.replacingOccurrences(of: "G", with: ".") }
        try self.init(
            layout: layout,
            goals: [(1, 5), (5, 1), (1, 11), (6, 8), (7, 1), (11, 5), (8, 11), (11, 7)],
            starts: [(3, 3), (3, 9), (9, 3), (9, 9)], rewardCell: (11, 11), horizon: horizon)
    }

    /// A test bed on another layout (``GridWorld`` characters; `G` and `L` are not allowed: the grid has no
    /// terminal cells). Cells are (row, column).
    /// - Throws: ``DatasetError`` for a non-positive horizon, an invalid layout, or a goal, start or reward cell
    ///   that is a wall or outside the grid.
    public init(
        layout: [String], goals: [(Int, Int)], starts: [(Int, Int)], rewardCell: (Int, Int), horizon: Int
    ) throws {
        guard horizon > 0 else {
            throw DatasetError(.invalidArgument, "zero-shot grid: horizon must be ≥ 1, got \(horizon)")
        }
        guard !layout.joined().contains(where: { "GL".contains($0) }) else {
            throw DatasetError(.invalidArgument, "zero-shot grid: the layout must not contain terminal cells G or L")
        }
        let grid: GridWorld
        do { grid = try GridWorld(layout: layout) } catch {
            throw DatasetError(.invalidArgument, "zero-shot grid: \(error)")
        }
        world = grid
        let columns = grid.columns, rows = grid.rows
        freeCells = (0..<grid.table.stateCount).filter { grid.cells[$0 / columns][$0 % columns] != "#" }
        let free = Set(freeCells)
        let cell = { (p: (Int, Int)) -> Int? in
            (0..<rows).contains(p.0) && (0..<columns).contains(p.1) && free.contains(p.0 * columns + p.1)
                ? p.0 * columns + p.1 : nil
        }
        let goalCells = goals.compactMap(cell), startCells = starts.compactMap(cell)
        guard goalCells.count == goals.count, startCells.count == starts.count, !goals.isEmpty, !starts.isEmpty,
            let reward = cell(rewardCell)
        else {
            throw DatasetError(.invalidArgument, "zero-shot grid: every goal, start and reward cell must be floor")
        }
        self.goals = goalCells
        self.starts = startCells
        self.rewardCell = reward
        self.horizon = horizon
    }

    /// Entries per observation (one-hot cell).
    public var observationDimension: Int { world.table.stateCount }
    /// Number of actions.
    public var actionCount: Int { 4 }

    /// The cell after `action` from `cell` (moves into walls stay put).
    public func next(_ cell: Int, _ action: Int) -> Int {
        world.table.outcomes(state: cell, action: action).first?.nextState ?? cell
    }

    /// The one-hot observation of `cell`.
    public func observation(_ cell: Int) -> [Float] {
        var x = [Float](repeating: 0, count: observationDimension)
        x[cell] = 1
        return x
    }

    /// Shortest-path lengths to `goal` (breadth-first over the deterministic moves; walls `Int.max`).
    public func distances(to goal: Int) -> [Int] {
        var distance = [Int](repeating: .max, count: observationDimension)
        distance[goal] = 0
        var queue = [goal], head = 0
        while head < queue.count {
            let cell = queue[head]
            head += 1
            for other in freeCells where distance[other] == .max {
                if (0..<4).contains(where: { next(other, $0) == cell }) {
                    distance[other] = distance[cell] + 1
                    queue.append(other)
                }
            }
        }
        return distance
    }

    /// Reward-free-style datasets of the reproduction (rewards mark entries into ``rewardCell`` for CLI use).
    public enum Recipe: String, Codable, Sendable, CaseIterable {
        /// Full coverage: episodes of 50 uniform-random actions from uniformly drawn free cells.
        case random
        /// Low coverage, homogeneous: one behaviour only — from the first free cell (the top-left room's corner)
        /// to ``ZeroShotFourRooms/rewardCell`` (the bottom-right corner) along shortest paths, each action replaced
        /// by a uniform one with probability 0.2 (the thesis's small homogeneous datasets, in miniature).
        case homogeneous
    }

    /// At least `transitions` transitions of `recipe`, every draw from streams of `seed`.
    /// - Throws: ``DatasetError`` for non-positive sizes.
    public func dataset(_ recipe: Recipe, transitions: Int, seed: UInt64) throws -> OfflineDataset {
        guard transitions > 0 else {
            throw DatasetError(.invalidArgument, "four-rooms dataset: transitions must be ≥ 1, got \(transitions)")
        }
        var rng = Xoshiro256StarStar(seed: seed).derived("four-rooms-\(recipe.rawValue)")
        let toGoal = distances(to: rewardCell)
        let origin = freeCells[0]
        var episodes: [OfflineEpisode] = []
        var total = 0
        while total < transitions {
            var cell = recipe == .random ? freeCells[rng.int(below: freeCells.count)] : origin
            var observations = observation(cell), actions: [Float] = [], rewards: [Float] = []
            let limit = recipe == .random ? 50 : 60
            while actions.count < limit {
                var action = rng.int(below: 4)
                if recipe == .homogeneous, rng.nextDouble() >= 0.2 {
                    action = (0..<4).min { toGoal[next(cell, $0)] < toGoal[next(cell, $1)] } ?? action
                }
                cell = next(cell, action)
                actions.append(Float(action))
                rewards.append(cell == rewardCell ? 1 : 0)
                observations += observation(cell)
                if recipe == .homogeneous, cell == rewardCell { break }
            }
            var truncations = [Bool](repeating: false, count: actions.count)
            truncations[actions.count - 1] = true
            episodes.append(
                OfflineEpisode(
                    observations: observations, actions: actions, rewards: rewards,
                    terminations: [Bool](repeating: false, count: actions.count), truncations: truncations))
            total += actions.count
        }
        return try OfflineDataset(episodes: episodes, observationDimension: observationDimension, actionDimension: 1)
    }

    /// Success rates of π_z with z = √d · normalize(B(goal)): every goal from every start (≠ goal), ``horizon``
    /// steps, success on entering the goal. With `flicker` > 0 each observation the agent receives is all zeros
    /// with that probability (the thesis's flickering POMDP); with `historyLength` the learner reads
    /// ``HistoryWindowLayout`` windows of the observations it received.
    public func evaluate(_ learner: FBLearner, historyLength: Int? = nil, flicker: Double = 0, seed: UInt64) throws
        -> ZeroShotScore
    {
        var rng = Xoshiro256StarStar(seed: seed).derived("four-rooms-evaluation")
        let layout = try historyLength.map {
            try HistoryWindowLayout(length: $0, observationDimension: observationDimension, actionCount: actionCount)
        }
        let pairs = goals.flatMap { goal in starts.filter { $0 != goal }.map { (goal: goal, start: $0) } }
        let zByGoal = Dictionary(uniqueKeysWithValues: goals.map { ($0, learner.goalZ(observation($0))) })
        let seen = { (cell: Int, rng: inout Xoshiro256StarStar) -> [Float] in
            flicker > 0 && rng.nextDouble() < flicker
                ? [Float](repeating: 0, count: self.observationDimension) : self.observation(cell)
        }
        var cells = pairs.map(\.start)
        var received = pairs.map { seen($0.start, &rng) }
        var taken = [[Int]](repeating: [], count: pairs.count)
        var reached = [Bool](repeating: false, count: pairs.count)
        for t in 0..<horizon {
            let active = pairs.indices.filter { !reached[$0] }
            guard !active.isEmpty else { break }
            var inputs: [Float] = [], zs: [Float] = []
            for i in active {
                if let layout {
                    inputs += layout.window(observations: received[i], actions: taken[i], at: t)
                } else {
                    inputs += received[i][(t * observationDimension)...]
                }
                zs += zByGoal[pairs[i].goal] ?? []
            }
            let actions = learner.greedy(inputs, count: active.count, z: zs)
            for (row, i) in active.enumerated() {
                cells[i] = next(cells[i], actions[row])
                taken[i].append(actions[row])
                received[i] += seen(cells[i], &rng)
                if cells[i] == pairs[i].goal { reached[i] = true }
            }
        }
        let perGoal = goals.map { goal -> Double in
            let mine = pairs.indices.filter { pairs[$0].goal == goal }
            return Double(mine.filter { reached[$0] }.count) / Double(max(mine.count, 1))
        }
        return ZeroShotScore(perGoal: perGoal)
    }
}

/// Zero-shot success rates on the four-rooms goals.
public struct ZeroShotScore: Codable, Equatable, Sendable {
    /// Success rate per goal (``ZeroShotFourRooms/goals`` order).
    public var perGoal: [Double]

    /// A score.
    public init(perGoal: [Double]) { self.perGoal = perGoal }

    /// The aggregate: mean over goals.
    public var mean: Double { perGoal.isEmpty ? 0 : perGoal.reduce(0, +) / Double(perGoal.count) }
}

extension OfflineDataset {
    /// This dataset with each observation (including each episode's final one) replaced by zeros with
    /// probability `probability` — the flickering-observation POMDP of the FB-M paper (Jeen et al. 2025, p = 0.2).
    /// - Throws: ``DatasetError`` for a probability outside [0, 1].
    public func flickered(probability: Double, seed: UInt64) throws(DatasetError) -> OfflineDataset {
        guard (0...1).contains(probability) else {
            throw DatasetError(.invalidArgument, "flicker probability must be in [0, 1], got \(probability)")
        }
        var rng = Xoshiro256StarStar(seed: seed).derived("flicker")
        let d = observationDimension
        let episodes = self.episodes.map { episode -> OfflineEpisode in
            var copy = episode
            for row in 0...episode.length where rng.nextDouble() < probability {
                for k in 0..<d { copy.observations[row * d + k] = 0 }
            }
            return copy
        }
        return try OfflineDataset(episodes: episodes, observationDimension: d, actionDimension: actionDimension)
    }
}
