extension EnvironmentRegistry {
    /// Every built-in environment.
    public static let standard = EnvironmentRegistry(classicControlSpecs + toyTextSpecs + extraSpecs)

    static let classicControlSpecs: [EnvironmentSpec] = [
        EnvironmentSpec(id: "CartPole-v1", summary: "Balance a pole on a cart (Barto et al. 1983)",
                        maxEpisodeSteps: 500, rewardThreshold: 475,
                        optionDefaults: ["sutton_barto_reward": "false"]) { (options) throws(EnvironmentError) in
            try options.validate(known: ["sutton_barto_reward"], id: "CartPole-v1")
            var environment = CartPole()
            environment.suttonBartoReward = try options.bool("sutton_barto_reward", default: false)
            return environment
        },
        EnvironmentSpec(id: "MountainCar-v0", summary: "Drive an underpowered car up a hill (Moore 1990)",
                        maxEpisodeSteps: 200, rewardThreshold: -110,
                        optionDefaults: ["goal_velocity": "0"]) { (options) throws(EnvironmentError) in
            try options.validate(known: ["goal_velocity"], id: "MountainCar-v0")
            return MountainCar(goalVelocity: try options.double("goal_velocity", default: 0))
        },
        EnvironmentSpec(id: "MountainCarContinuous-v0", summary: "Mountain car with a continuous force",
                        maxEpisodeSteps: 999, rewardThreshold: 90,
                        optionDefaults: ["goal_velocity": "0"]) { (options) throws(EnvironmentError) in
            try options.validate(known: ["goal_velocity"], id: "MountainCarContinuous-v0")
            return MountainCarContinuous(goalVelocity: try options.double("goal_velocity", default: 0))
        },
        EnvironmentSpec(id: "Pendulum-v1", summary: "Swing up and balance a pendulum",
                        maxEpisodeSteps: 200, optionDefaults: ["g": "10.0"]) { (options) throws(EnvironmentError) in
            try options.validate(known: ["g"], id: "Pendulum-v1")
            return Pendulum(g: try options.double("g", default: 10))
        },
        EnvironmentSpec(id: "Acrobot-v1", summary: "Swing a two-link chain above a bar (Sutton 1996)",
                        maxEpisodeSteps: 500, rewardThreshold: -100) { (options) throws(EnvironmentError) in
            try options.validate(known: [], id: "Acrobot-v1")
            return Acrobot()
        },
    ]

    static let toyTextSpecs: [EnvironmentSpec] = []
    static let extraSpecs: [EnvironmentSpec] = []
}
