extension EnvironmentRegistry {
    /// The noisy-and-dark-rooms grid of the Adversarial Surprise reproduction.
    static let surpriseSpecs: [EnvironmentSpec] = [
        EnvironmentSpec(
            id: "SurpriseRooms-v0",
            summary: "Grid with flickering noisy rooms, a freeze switch and dark rooms (egocentric)",
            maxEpisodeSteps: 64, optionDefaults: ["layout": "fourrooms", "view_radius": "1", "colours": "4"]
        ) { (options) throws(EnvironmentError) in
            try options.validate(known: ["layout", "view_radius", "colours"], id: "SurpriseRooms-v0")
            let text = options.string("layout", default: "fourrooms")
            let layout = text == "fourrooms" ? SurpriseRooms.fourRooms : text.split(separator: "/").map(String.init)
            return try SurpriseRooms(
                layout: layout, viewRadius: try options.int("view_radius", default: 1),
                colours: try options.int("colours", default: 4))
        },
    ]
}
