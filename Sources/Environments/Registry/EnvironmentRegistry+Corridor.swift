extension EnvironmentRegistry {
    /// The noisy corridor (``NoisyCorridor``) and its oracle-state twin.
    static let corridorSpecs: [EnvironmentSpec] = [
        corridorSpec(id: "NoisyCorridor-v0", oracle: false, summary: "Corridor POMDP: noisy cell + distractor bits"),
        corridorSpec(
            id: "NoisyCorridorState-v0", oracle: true, summary: "The noisy corridor's true state (oracle input)"),
    ]

    static func corridorSpec(id: String, oracle: Bool, summary: String) -> EnvironmentSpec {
        EnvironmentSpec(
            id: id, summary: summary, maxEpisodeSteps: 40, rewardThreshold: 1,
            optionDefaults: ["length": "10", "noise": "0.2", "distractors": "4"]
        ) { (options) throws(EnvironmentError) in
            try options.validate(known: ["length", "noise", "distractors"], id: id)
            return try NoisyCorridor(
                length: try options.int("length", default: 10), noise: try options.double("noise", default: 0.2),
                distractors: try options.int("distractors", default: 4), oracle: oracle)
        }
    }
}
