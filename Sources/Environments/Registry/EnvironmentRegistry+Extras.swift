import Tensor

extension EnvironmentRegistry {
    /// Grid worlds, tabular MDPs, point-mass mazes, bandits and the noisy corridor.
    static let extraSpecs: [EnvironmentSpec] = gridSpecs + mazeSpecs + banditSpecs + corridorSpecs
        + surpriseSpecs

    static let gridSpecs: [EnvironmentSpec] = [
        gridSpec(
            id: "GridWorld-v0", layout: "empty5", summary: "Configurable grid world (walls, lava, goals, slip)",
            limit: 100),
        gridSpec(id: "LavaGrid-v0", layout: "lava", summary: "Grid world with a lava river", limit: 100),
        gridSpec(
            id: "FourRooms-v0", layout: "fourrooms", summary: "Four rooms (Sutton, Precup & Singh 1999)", limit: 500),
        EnvironmentSpec(
            id: "FourRoomsOneHot-v0", summary: "Four rooms with one-hot observations of the 169 cells (zero-shot FB)",
            maxEpisodeSteps: 500, optionDefaults: ["slip": "0"]
        ) { (options) throws(EnvironmentError) in
            try options.validate(known: ["slip"], id: "FourRoomsOneHot-v0")
            return try FlattenObservation(
                try GridWorld(
                    layout: GridWorld.layouts["fourrooms"] ?? [], slipProbability: try options.double("slip", default: 0)))
        },
        EnvironmentSpec(
            id: "GridWorldPartial-v0", summary: "Grid world seen through a (2r+1)² window", maxEpisodeSteps: 100,
            optionDefaults: ["layout": "walls", "view_radius": "1", "slip": "0"]
        ) { (options) throws(EnvironmentError) in
            try options.validate(known: ["layout", "view_radius", "slip"], id: "GridWorldPartial-v0")
            let world = try GridWorld(
                layout: try layoutRows(options.string("layout", default: "walls")),
                slipProbability: try options.double("slip", default: 0))
            return try PartialGridWorld(world, viewRadius: try options.int("view_radius", default: 1))
        },
        EnvironmentSpec(
            id: "Garnet-v0", summary: "Random Garnet MDP (S states, A actions, branching b)",
            maxEpisodeSteps: 100,
            optionDefaults: ["states": "20", "actions": "4", "branching": "3", "mdp_seed": "0"]
        ) { (options) throws(EnvironmentError) in
            try options.validate(known: ["states", "actions", "branching", "mdp_seed"], id: "Garnet-v0")
            var generator = Xoshiro256StarStar(seed: UInt64(try options.int("mdp_seed", default: 0)))
            let mdp = try Garnet.make(
                states: try options.int("states", default: 20), actions: try options.int("actions", default: 4),
                branching: try options.int("branching", default: 3), using: &generator)
            return try TabularEnvironment(mdp: mdp)
        },
    ]

    static func layoutRows(_ text: String) throws(EnvironmentError) -> [String] {
        if let named = GridWorld.layouts[text] { return named }
        let rows = text.split(separator: "/").map(String.init)
        guard rows.count > 1 else {
            throw .invalidOption(
                "layout `\(text)`: use a name (\(GridWorld.layouts.keys.sorted().joined(separator: ", "))) or rows separated by /, e.g. S../.#./..G"
            )
        }
        return rows
    }

    static func gridSpec(id: String, layout: String, summary: String, limit: Int) -> EnvironmentSpec {
        EnvironmentSpec(
            id: id, summary: summary, maxEpisodeSteps: limit,
            optionDefaults: [
                "layout": layout, "slip": "0", "step_reward": "0", "goal_reward": "1",
                "lava_reward": "-1",
            ]
        ) { (options) throws(EnvironmentError) in
            try options.validate(known: ["layout", "slip", "step_reward", "goal_reward", "lava_reward"], id: id)
            return try GridWorld(
                layout: try layoutRows(options.string("layout", default: layout)),
                slipProbability: try options.double("slip", default: 0),
                stepReward: try options.double("step_reward", default: 0),
                goalReward: try options.double("goal_reward", default: 1),
                lavaReward: try options.double("lava_reward", default: -1))
        }
    }

    /// D4RL maze2d time limits: open 150, umaze 300, medium 600, large 800.
    static let mazeSpecs: [EnvironmentSpec] = [
        ("Open", "open", 150), ("UMaze", "umaze", 300), ("Medium", "medium", 600),
        ("Large", "large", 800),
    ].flatMap { name, layout, limit in
        [false, true].map { dense in
            let id = "PointMaze_\(name)\(dense ? "Dense" : "")-v3"
            return EnvironmentSpec(
                id: id, summary: "2-D point mass in the \(layout) maze (\(dense ? "dense" : "sparse") reward)",
                maxEpisodeSteps: limit, optionDefaults: ["terminate_at_goal": "false"]
            ) { (options) throws(EnvironmentError) in
                try options.validate(known: ["terminate_at_goal"], id: id)
                return try PointMaze(
                    layout: PointMaze.layouts[layout] ?? [], rewardType: dense ? .dense : .sparse,
                    terminateAtGoal: try options.bool("terminate_at_goal", default: false))
            }
        }
    }

    static let banditSpecs: [EnvironmentSpec] = [
        EnvironmentSpec(
            id: "BernoulliBandit-v0", summary: "K-armed Bernoulli bandit with regret bookkeeping",
            maxEpisodeSteps: 1000, optionDefaults: ["arms": "10", "bandit_seed": "0"]
        ) { (options) throws(EnvironmentError) in
            try options.validate(known: ["arms", "bandit_seed"], id: "BernoulliBandit-v0")
            return try MultiArmedBandit.testbed(
                arms: try options.int("arms", default: 10), bernoulli: true,
                seed: UInt64(try options.int("bandit_seed", default: 0)))
        },
        EnvironmentSpec(
            id: "GaussianBandit-v0", summary: "K-armed Gaussian testbed (Sutton & Barto 2.3)",
            maxEpisodeSteps: 1000, optionDefaults: ["arms": "10", "bandit_seed": "0"]
        ) { (options) throws(EnvironmentError) in
            try options.validate(known: ["arms", "bandit_seed"], id: "GaussianBandit-v0")
            return try MultiArmedBandit.testbed(
                arms: try options.int("arms", default: 10), bernoulli: false,
                seed: UInt64(try options.int("bandit_seed", default: 0)))
        },
        EnvironmentSpec(
            id: "LinearContextualBandit-v0", summary: "Linear contextual bandit with regret bookkeeping",
            maxEpisodeSteps: 1000,
            optionDefaults: ["arms": "10", "dimension": "5", "noise": "0.1", "bandit_seed": "0"]
        ) { (options) throws(EnvironmentError) in
            try options.validate(known: ["arms", "dimension", "noise", "bandit_seed"], id: "LinearContextualBandit-v0")
            return try LinearContextualBandit(
                arms: try options.int("arms", default: 10),
                dimension: try options.int("dimension", default: 5),
                noise: try options.double("noise", default: 0.1),
                parameterSeed: UInt64(try options.int("bandit_seed", default: 0)))
        },
    ]
}
