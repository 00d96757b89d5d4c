import Testing
@testable import Environments

@Suite("SurpriseRooms")
struct SurpriseRoomsTests {
    typealias Code = SurpriseRooms.Code

    @Test("The window shows floor, walls, dark and noise codes; walls block moves; stay stays")
    func windowAndMoves() throws {
        var env = try SurpriseRooms(layout: ["#####", "#SND#", "#####"], viewRadius: 1, colours: 3)
        let first = try env.reset(seed: 1).observation
        #expect(env.position == 6)
        #expect(first.count == 9)
        #expect(first[0] == Code.wall && first[1] == Code.wall && first[3] == Code.wall)
        #expect(first[4] == Code.floor)
        #expect((Code.noise..<Code.noise + 3).contains(first[5]))
        #expect(try env.step(0).observation == env.view())  // up into a wall
        #expect(env.position == 6)
        _ = try env.step(4)
        #expect(env.position == 6)
        let onNoise = try env.step(1).observation
        #expect(env.position == 7)
        #expect(onNoise[3] == Code.floor && onNoise[5] == Code.dark)
        #expect((Code.noise..<Code.noise + 3).contains(onNoise[4]))
        #expect(throws: EnvironmentError.self) { try env.step(5) }
    }

    @Test("On a dark cell every feature is dark, whatever the agent does there")
    func darkIsConstant() throws {
        var env = try SurpriseRooms(layout: ["######", "#S.DD#", "######"])
        _ = try env.reset(seed: 2)
        _ = try env.step(1)
        let entering = try env.step(1).observation
        #expect(entering == [Float](repeating: Code.dark, count: 9))
        for action in [1, 3, 1, 4, 0, 2] {
            _ = try env.step(action)
            if env.kind(env.position) == "D" { #expect(env.view() == [Float](repeating: Code.dark, count: 9)) }
        }
    }

    @Test("Noisy cells flicker until the switch freezes them")
    func noiseFlickersUntilFrozen() throws {
        var env = try SurpriseRooms(layout: ["######", "#SNB.#", "######"], colours: 4)
        _ = try env.reset(seed: 3)
        var seen = Set<Float>()
        for _ in 0..<40 { seen.insert(try env.step(4).observation[5]) }
        #expect(seen.count >= 3)  // 40 uniform draws over 4 colours
        #expect(!env.frozen)
        _ = try env.step(1)  // onto the noisy cell
        _ = try env.step(1)  // onto the switch
        #expect(env.frozen)
        let colour = env.view()[3]
        for _ in 0..<20 { #expect(try env.step(4).observation[3] == colour) }
        _ = try env.reset()
        #expect(!env.frozen)
    }

    @Test("Bad layouts and options are rejected with a message")
    func rejectsBadInput() {
        #expect(throws: EnvironmentError.self) { try SurpriseRooms(layout: ["#X#"]) }
        #expect(throws: EnvironmentError.self) { try SurpriseRooms(layout: ["#.#"]) }
        #expect(throws: EnvironmentError.self) { try SurpriseRooms(layout: ["S.", "S"]) }
        #expect(throws: EnvironmentError.self) { try SurpriseRooms(colours: 1) }
        #expect(throws: EnvironmentError.self) { try SurpriseRooms(viewRadius: -1) }
    }

    @Test("The registered SurpriseRooms-v0 truncates at 64 steps and has 104 open cells")
    func registered() throws {
        var env = try EnvironmentRegistry.standard.make("SurpriseRooms-v0")
        _ = try env.reset(seed: 0)
        var truncated = false, steps = 0
        while !truncated {
            truncated = try env.step(.int(4)).truncated
            steps += 1
        }
        #expect(steps == 64)
        #expect(try SurpriseRooms().openCellCount == 104)
    }
}
