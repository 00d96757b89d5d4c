import Environments
import Foundation
import RLCore
import Tensor
import Testing

@testable import Offline

@Test("No noise leaves actions untouched and draws nothing; ε = 1 replaces every action inside the box")
func actionNoise() throws {
    let box = try BoxSpace(low: [-2, -1], high: [2, 1])
    var rng = Xoshiro256StarStar(seed: 3)
    let before = rng
    var actions: [Float] = [0.5, -0.25, 3, -7]
    ActionNoise.none.apply(to: &actions, count: 2, space: box, using: &rng)
    #expect(actions == [0.5, -0.25, 2, -1])  // clipped to the box only
    #expect(rng == before)
    var random: [Float] = Array(repeating: 0, count: 200)
    ActionNoise(randomActionProbability: 1).apply(to: &random, count: 100, space: box, using: &rng)
    #expect(random.enumerated().allSatisfy { abs($0.element) <= ($0.offset % 2 == 0 ? 2 : 1) })
    #expect(Set(random).count > 150)
    // σ is in half-widths: σ = 0.5 on [−2, 2] is 1.0 absolute; the sample std of many draws is close to it.
    var noisy = [Float](repeating: 0, count: 20_000)
    ActionNoise(sigma: 0.5).apply(to: &noisy, count: 10_000, space: box, using: &rng)
    let first = stride(from: 0, to: noisy.count, by: 2).map { Double(noisy[$0]) }
    let std = (first.map { $0 * $0 }.reduce(0, +) / Double(first.count)).squareRoot()
    #expect(abs(std - 0.95) < 0.05)  // N(0, 1) clipped at ±2 has std ≈ 0.94
    #expect(throws: CollectionError.self) { try ActionNoise(sigma: -1).validate() }
    #expect(throws: CollectionError.self) { try ActionNoise(randomActionProbability: 1.5).validate() }
}

@Test("The waypoint expert's BFS distances and waypoints in the U-maze")
func waypointDistances() throws {
    let expert = try WaypointExpert(environmentID: "PointMaze_UMaze-v3")
    // "#####", "#GOO#", "###O#", "#OOO#", "#####": goal at (1,1); path G→(1,2)→(1,3)→(2,3)→(3,3)→(3,2)→(3,1).
    #expect(expert.distances[1] == [-1, 0, 1, 2, -1])
    #expect(expert.distances[2] == [-1, -1, -1, 3, -1])
    #expect(expert.distances[3] == [-1, 6, 5, 4, -1])
    #expect(expert.waypoint(x: 1.5, y: 3.5) == SIMD2(2.5, 3.5))
    #expect(expert.waypoint(x: 3.5, y: 3.2) == SIMD2(3.5, 2.5))
    #expect(expert.waypoint(x: 1.2, y: 1.7) == SIMD2(1.5, 1.5))  // in the goal cell: the goal
    // PD law a = clip(4·(w − p) − 1·v): at (1.5, 3.5) at rest, w = (2.5, 3.5) → (4, 0) → (1, 0); at (3.4, 3.5)
    // moving right at 0.5, w = (3.5, 2.5) → (0.4 − 0.5, −4) → (−0.1, −1).
    var rng = Xoshiro256StarStar(seed: 0)
    let actions = expert.actions(observations: [1.5, 3.5, 0, 0, 3.4, 3.5, 0.5, 0], count: 2, using: &rng)
    #expect(zip(actions, [1, 0, -0.1, -1] as [Float]).allSatisfy { abs($0 - $1) < 1e-5 })
    #expect(throws: CollectionError.self) { try WaypointExpert(environmentID: "Pendulum-v1") }
}

@Test("The waypoint expert reaches the goal from every start of the U-maze and the medium maze")
func waypointExpertReachesGoal() throws {
    for id in ["PointMaze_UMaze-v3", "PointMaze_Medium-v3"] {
        let collector = EpisodeCollector(environmentID: id, maxEpisodeSteps: 120)
        let episodes = try collector.collect(policy: try WaypointExpert(environmentID: id), episodes: 12, seed: 5)
        #expect(episodes.count == 12)
        for episode in episodes { #expect(episode.infos["success"]?.contains(1) == true) }
        let random = try collector.collect(
            policy: try RandomPolicy(space: collector.actionSpace()), episodes: 12, seed: 5)
        let expertReturn = episodes.map(\.totalReward).reduce(0, +)
        #expect(expertReturn > 3 * random.map(\.totalReward).reduce(0, +))
    }
}

@Test("Collected episodes keep the final observation, flags and infos, and depend only on the seed")
func collectorRecordsEpisodes() throws {
    let collector = EpisodeCollector(environmentID: "Pendulum-v1", maxEpisodeSteps: 30)
    let policy = try RandomPolicy(space: collector.actionSpace())
    let a = try collector.collect(policy: policy, episodes: 3, noise: { _ in ActionNoise(sigma: 0.1) }, seed: 7)
    let b = try collector.collect(policy: policy, episodes: 3, noise: { _ in ActionNoise(sigma: 0.1) }, seed: 7)
    let c = try collector.collect(policy: policy, episodes: 3, seed: 8)
    #expect(a == b)
    #expect(a != c)
    for episode in a {
        #expect(episode.length == 30)
        #expect(episode.observations.count == 31 * 3)
        #expect(episode.truncations == Array(repeating: false, count: 29) + [true])
        #expect(episode.terminations.allSatisfy { !$0 })
        #expect(episode.actions.allSatisfy { abs($0) <= 2 })
    }
    // A step budget cuts the running episodes and marks them truncated.
    let cut = try collector.collect(policy: policy, episodes: 10, maxTransitions: 45, seed: 7)
    #expect(cut.reduce(0) { $0 + $1.length } == 45)
    #expect(cut.allSatisfy { $0.truncations.last == true })
    let maze = try EpisodeCollector(environmentID: "PointMaze_UMaze-v3", maxEpisodeSteps: 5)
        .collect(policy: WaypointExpert(environmentID: "PointMaze_UMaze-v3"), episodes: 1, seed: 1)
    #expect(maze[0].infos["success"]?.count == 5)
}

@Test("Recipes parse, print and split episodes by largest remainder")
func recipes() throws {
    #expect(try DatasetRecipe(parsing: "medium-replay") == .mediumReplay)
    let mix = try DatasetRecipe(parsing: "mix:random=0.9,expert=0.1")
    #expect(mix == .mixture([.init(.random, 0.9), .init(.expert, 0.1)]))
    #expect(try DatasetRecipe(parsing: "random:0.9,expert:0.1") == mix)
    #expect(mix.description == "mix:random=0.9,expert=0.1")
    #expect(DatasetRecipe.split(10, fractions: [0.9, 0.1]) == [9, 1])
    #expect(DatasetRecipe.split(7, fractions: [0.5, 0.5]) == [4, 3])
    #expect(DatasetRecipe.split(5, fractions: [0.95, 0.05]) == [4, 1])  // a positive fraction gets ≥ 1 episode
    #expect(throws: CollectionError.self) { try DatasetRecipe(parsing: "mix:random=0.5,expert=0.4") }
    #expect(throws: CollectionError.self) { try DatasetRecipe(parsing: "mix:walker=1") }
    #expect(throws: CollectionError.self) { try DatasetRecipe(parsing: "supreme") }
}

@Test("Replay-buffer transitions become episodes at terminals and at breaks between next and following states")
func replayEpisodes() throws {
    // Five transitions, obs dim 1, actions in learner units on a [−2, 2] box: episode A = s0→s1→s2 (truncated:
    // s2 ≠ 10), episode B = 10→11 (terminated), episode C = 20→21 (unfinished, truncated).
    let obs: [Float] = [0, 1, 10, 20, 21]
    let next: [Float] = [1, 2, 11, 21, 22]
    let actions: [Float] = [-1, 0, 1, 0.5, -0.5]
    let header = CheckpointHeader(
        algorithm: "sac", seed: 1, step: 5, observationSpace: .box(try BoxSpace(low: [-30], high: [30])),
        actionSpace: .box(try BoxSpace(low: [-2], high: [2])))
    let headerJSON = String(decoding: try JSONEncoder().encode(header), as: UTF8.self)
    let environmentJSON = String(decoding: try JSONEncoder().encode(EnvironmentConfig(id: "Pendulum-v1")), as: UTF8.self)
    let sidecar = """
        {"header": \(headerJSON), "environment": \(environmentJSON), "config": {},
         "state": {"replay": {"count": 5, "position": 0, "totalAdded": 5, "maxPriority": 1}}}
        """
    let tensors: [String: Tensor] = [
        "replay.observations": Tensor(obs, shape: [5, 1]), "replay.next_observations": Tensor(next, shape: [5, 1]),
        "replay.actions": Tensor(actions, shape: [5, 1]), "replay.rewards": Tensor([Float]([1, 2, 3, 4, 5]), shape: [5]),
        "replay.terminated": Tensor([Float]([0, 0, 1, 0, 0]), shape: [5]),
        "replay.discounts": Tensor([Float](repeating: 0.99, count: 5), shape: [5]),
    ]
    let episodes = try ReplayEpisodes.episodes(from: TrainingCheckpoint(tensors: tensors, sidecarJSON: Data(sidecar.utf8)))
    #expect(episodes.count == 3)
    #expect(episodes[0].observations == [0, 1, 2])
    #expect(episodes[0].actions == [-2, 0])
    #expect(episodes[0].truncations == [false, true])
    #expect(episodes[1].observations == [10, 11])
    #expect(episodes[1].terminations == [true])
    #expect(episodes[1].truncations == [false])
    #expect(episodes[2].observations == [20, 21, 22])
    #expect(episodes[2].actions == [1, -1])
    #expect(episodes[2].rewards == [4, 5])
    #expect(episodes[2].truncations == [false, true])
}

@Test("A mixture recipe records its parts, reference returns travel in the .npz and read back")
func builderAndFile() throws {
    let collector = EpisodeCollector(environmentID: "PointMaze_UMaze-v3", maxEpisodeSteps: 60)
    var builder = DatasetBuilder(collector: collector, behaviours: try .pointMaze(collector))
    builder.referenceEpisodes = 6
    let (dataset, metadata) = try builder.build(
        recipe: try DatasetRecipe(parsing: "mix:random=0.8,expert=0.2"), episodes: 10, seed: 4)
    #expect(dataset.episodes.count == 10)
    #expect(metadata.parts.map(\.source) == ["random", "expert"])
    #expect(metadata.parts.map(\.episodes) == [8, 2])
    let references = try #require(metadata.references)
    #expect(references.expert > references.random)
    let (again, _) = try builder.build(recipe: .mixture([.init(.random, 0.8), .init(.expert, 0.2)]), episodes: 10, seed: 4)
    #expect(again.episodes == dataset.episodes)
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("swiftrl-collect-\(UUID()).npz")
    defer { try? FileManager.default.removeItem(at: url) }
    try DatasetFile.write(dataset, metadata: metadata, to: url.path)
    let read = try DatasetFile.read(from: url.path)
    #expect(read.dataset.episodes == dataset.episodes)  // infos (success) included
    #expect(read.references == references)
    #expect(read.metadata == metadata)
    #expect(try NPZ.read(from: url)["ref_max_score"]?.elementType == .float64)
}
