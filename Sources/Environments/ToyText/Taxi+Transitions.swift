extension Taxi {
    /// Gymnasium's `_build_dry_transitions` / `_build_rainy_transitions` for one state and action.
    static func outcomes(
        grid: [[Character]], row: Int, column: Int, passenger: Int, destination: Int, action: Int,
        isRainy: Bool, rainyProbability: Double
    ) -> [TabularOutcome] {
        let here = (row, column)
        var newRow = row, newColumn = column, newPassenger = passenger
        var reward = -1.0
        var terminated = false
        func pickup() {
            if passenger < 4, locations[passenger] == here { newPassenger = 4 } else { reward = -10 }
        }
        func dropoff() {
            if locations[destination] == here, passenger == 4 {
                newPassenger = destination
                terminated = true
                reward = 20
            } else if let stand = locations.firstIndex(where: { $0 == here }), passenger == 4 {
                newPassenger = stand
            } else {
                reward = -10
            }
        }
        if !isRainy {
            if action == 0 { newRow = min(row + 1, 4) } else if action == 1 { newRow = max(row - 1, 0) }
            if action == 2, grid[1 + row][2 * column + 2] == ":" {
                newColumn = min(column + 1, 4)
            } else if action == 3, grid[1 + row][2 * column] == ":" {
                newColumn = max(column - 1, 0)
            } else if action == 4 {
                pickup()
            } else if action == 5 {
                dropoff()
            }
            return [
                TabularOutcome(
                    probability: 1, nextState: encode(newRow, newColumn, newPassenger, destination),
                    reward: reward, terminated: terminated)
            ]
        }
        let moves: [[(Int, Int)]] = [
            [(1, 0), (0, 1), (0, -1)], [(-1, 0), (0, -1), (0, 1)],
            [(0, 1), (-1, 0), (1, 0)], [(0, -1), (1, 0), (-1, 0)],
        ]
        var left = here, right = here
        func shifted(_ movement: (Int, Int)) -> (Int, Int) {
            let r = max(0, min(row + movement.0, 4)), c = max(0, min(column + movement.1, 4))
            if movement.1 == 1, grid[1 + r][2 * c] != ":" { return here }
            if movement.1 == -1, grid[1 + r][2 * c + 2] != ":" { return here }
            return (r, c)
        }
        if (action == 0 && row < 4) || (action == 1 && row > 0)
            || (action == 2 && grid[1 + row][2 * column + 2] == ":")
            || (action == 3 && grid[1 + row][2 * column] == ":")
        {
            let (dr, dc) = moves[action][0]
            newRow = max(0, min(row + dr, 4))
            newColumn = max(0, min(column + dc, 4))
            left = shifted(moves[action][1])
            right = shifted(moves[action][2])
        } else if action == 4 {
            pickup()
        } else if action == 5 {
            dropoff()
        }
        let intended = encode(newRow, newColumn, newPassenger, destination)
        guard action <= 3 else {
            return [TabularOutcome(probability: 1, nextState: intended, reward: reward, terminated: terminated)]
        }
        let lateral = (1.0 - rainyProbability) / 2.0
        return [
            TabularOutcome(probability: rainyProbability, nextState: intended, reward: -1, terminated: terminated),
            TabularOutcome(
                probability: lateral, nextState: encode(left.0, left.1, newPassenger, destination),
                reward: -1, terminated: terminated),
            TabularOutcome(
                probability: lateral, nextState: encode(right.0, right.1, newPassenger, destination),
                reward: -1, terminated: terminated),
        ]
    }
}
