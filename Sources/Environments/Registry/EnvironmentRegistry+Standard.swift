extension EnvironmentRegistry {
    /// Every built-in environment.
    public static let standard = EnvironmentRegistry(classicControlSpecs + toyTextSpecs + extraSpecs + mujocoSpecs)

    static let classicControlSpecs: [EnvironmentSpec] = [
        EnvironmentSpec(
            id: "CartPole-v1", summary: "Balance a pole on a cart (Barto et al. 1983)",
            maxEpisodeSteps: 500, rewardThreshold: 475,
            optionDefaults: ["sutton_barto_reward": "false"]
        ) { (options) throws(EnvironmentError) in
            try options.validate(known: ["sutton_barto_reward"], id: "CartPole-v1")
            var environment = CartPole()
            environment.suttonBartoReward = try options.bool("sutton_barto_reward", default: false)
            return environment
        },
        EnvironmentSpec(
            id: "MountainCar-v0", summary: "Drive an underpowered car up a hill (Moore 1990)",
            maxEpisodeSteps: 200, rewardThreshold: -110,
            optionDefaults: ["goal_velocity": "0"]
        ) { (options) throws(EnvironmentError) in
            try options.validate(known: ["goal_velocity"], id: "MountainCar-v0")
            return MountainCar(goalVelocity: try options.double("goal_velocity", default: 0))
        },
        EnvironmentSpec(
            id: "MountainCarContinuous-v0", summary: "Mountain car with a continuous force",
            maxEpisodeSteps: 999, rewardThreshold: 90,
            optionDefaults: ["goal_velocity": "0"]
        ) { (options) throws(EnvironmentError) in
            try options.validate(known: ["goal_velocity"], id: "MountainCarContinuous-v0")
            return MountainCarContinuous(goalVelocity: try options.double("goal_velocity", default: 0))
        },
        EnvironmentSpec(
            id: "Pendulum-v1", summary: "Swing up and balance a pendulum",
            maxEpisodeSteps: 200, optionDefaults: ["g": "10.0"]
        ) { (options) throws(EnvironmentError) in
            try options.validate(known: ["g"], id: "Pendulum-v1")
            return Pendulum(g: try options.double("g", default: 10))
        },
        EnvironmentSpec(
            id: "Acrobot-v1", summary: "Swing a two-link chain above a bar (Sutton 1996)",
            maxEpisodeSteps: 500, rewardThreshold: -100
        ) { (options) throws(EnvironmentError) in
            try options.validate(known: [], id: "Acrobot-v1")
            return Acrobot()
        },
    ]

    static let toyTextSpecs: [EnvironmentSpec] = [
        frozenLakeSpec(id: "FrozenLake-v1", map: "4x4", maxEpisodeSteps: 100, threshold: 0.70),
        frozenLakeSpec(id: "FrozenLake8x8-v1", map: "8x8", maxEpisodeSteps: 200, threshold: 0.85),
        EnvironmentSpec(
            id: "CliffWalking-v1", summary: "Walk along a cliff to the goal (Sutton & Barto 6.6)",
            optionDefaults: ["is_slippery": "false"]
        ) { (options) throws(EnvironmentError) in
            try options.validate(known: ["is_slippery"], id: "CliffWalking-v1")
            return CliffWalking(isSlippery: try options.bool("is_slippery", default: false))
        },
        EnvironmentSpec(
            id: "CliffWalkingSlippery-v1", summary: "Cliff walking with slippery moves",
            optionDefaults: ["is_slippery": "true"]
        ) { (options) throws(EnvironmentError) in
            try options.validate(known: ["is_slippery"], id: "CliffWalkingSlippery-v1")
            return CliffWalking(isSlippery: try options.bool("is_slippery", default: true))
        },
        EnvironmentSpec(
            id: "Taxi-v4", summary: "Pick up and deliver a passenger (Dietterich 2000)",
            maxEpisodeSteps: 200, rewardThreshold: 8,
            optionDefaults: [
                "is_rainy": "false", "rainy_probability": "0.8", "fickle_passenger": "false",
                "fickle_probability": "0.3",
            ]
        ) { (options) throws(EnvironmentError) in
            try options.validate(
                known: ["is_rainy", "rainy_probability", "fickle_passenger", "fickle_probability"],
                id: "Taxi-v4")
            return Taxi(
                isRainy: try options.bool("is_rainy", default: false),
                rainyProbability: try options.double("rainy_probability", default: 0.8),
                ficklePassenger: try options.bool("fickle_passenger", default: false),
                fickleProbability: try options.double("fickle_probability", default: 0.3))
        },
    ]

    static func frozenLakeSpec(id: String, map: String, maxEpisodeSteps: Int, threshold: Double) -> EnvironmentSpec {
        EnvironmentSpec(
            id: id, summary: "Cross a frozen lake without falling into holes (\(map))",
            maxEpisodeSteps: maxEpisodeSteps, rewardThreshold: threshold,
            optionDefaults: [
                "map_name": map, "is_slippery": "true", "success_rate": "0.333…", "desc": "",
                "random_map_seed": "",
            ]
        ) { (options) throws(EnvironmentError) in
            try options.validate(known: ["map_name", "is_slippery", "success_rate", "desc", "random_map_seed"], id: id)
            let rows: [String]
            if let desc = options.values["desc"] {
                rows = desc.split(separator: ",").map(String.init)
            } else if let seedText = options.values["random_map_seed"] {
                guard let seed = UInt64(seedText) else {
                    throw .invalidOption("option random_map_seed=\(seedText): expected a non-negative integer")
                }
                rows = FrozenLake.randomMap(size: 8, seed: seed)
            } else {
                let name = options.string("map_name", default: map)
                guard let named = FrozenLake.maps[name] else {
                    throw .invalidOption("option map_name=\(name): expected 4x4 or 8x8 (or give desc=SFFF,FHFH,…)")
                }
                rows = named
            }
            return try FrozenLake(
                map: rows, isSlippery: try options.bool("is_slippery", default: true),
                successRate: try options.double("success_rate", default: 1.0 / 3.0))
        }
    }
}
