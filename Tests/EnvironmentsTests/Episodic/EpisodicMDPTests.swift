import Foundation
import Tensor
import Testing

@testable import Environments

@Suite("Episodic MDPs: generators and the JSON reader")
struct EpisodicMDPTests {
    static let specs = [
        "garnet:S=6,A=3,H=4,b=2", "garnet:S=4,A=2,H=3,stationary=false", "lowrank:S=8,A=2,H=5,d=3",
        "tree:A=2,H=3", "deterministic:S=5,A=3,H=4",
    ]

    @Test("Every generator gives a valid MDP", arguments: specs)
    func generatorsAreValid(spec: String) throws {
        var rng = Xoshiro256StarStar(seed: 3)
        let mdp = try EpisodicMDPSpec.parse(spec).generate(using: &rng)
        try mdp.validate()
        #expect(mdp.isStationary == !spec.contains("stationary=false"))
    }

    @Test("Tree: S = 2^(H+1) − 1 nodes, action a leads to child a, rewards only on the last step")
    func tree() throws {
        var rng = Xoshiro256StarStar(seed: 1)
        let mdp = try EpisodicMDPSpec.parse("tree:A=2,H=3").generate(using: &rng)
        #expect(mdp.stateCount == 15)
        #expect(mdp.probability(stage: 0, 0, 1, 2) == 1)
        #expect(mdp.probability(stage: 1, 2, 0, 5) == 1)
        #expect(mdp.reward(stage: 0, 0, 0) == 0 && mdp.reward(stage: 0, 3, 1) > 0)
    }

    @Test("Deterministic rows put all mass on one next state; low-rank rows are mixtures of d rows")
    func structure() throws {
        var rng = Xoshiro256StarStar(seed: 2)
        let deterministic = try EpisodicMDPSpec.parse("deterministic:S=5,A=3,H=4").generate(using: &rng)
        #expect(deterministic.transitions[0].filter { $0 == 1 }.count == 15)
        let lowRank = try EpisodicMDPSpec.parse("lowrank:S=8,A=2,H=5,d=1").generate(using: &rng)
        let first = Array(lowRank.transitions[0][0..<8])
        #expect((0..<16).allSatisfy { row in
            (0..<8).allSatisfy { abs(lowRank.transitions[0][row * 8 + $0] - first[$0]) < 1e-12 }
        })
    }

    @Test("Bad specs name the key", arguments: ["maze:S=3", "garnet:S=0", "garnet:S=4,Q=2", "tree:A=9,H=9", "garnet:S"])
    func badSpecs(spec: String) {
        #expect(throws: EnvironmentError.self) { try EpisodicMDPSpec.parse(spec) }
    }

    @Test("JSON round trip")
    func roundTrip() throws {
        var rng = Xoshiro256StarStar(seed: 4)
        var mdp = try EpisodicMDPSpec.parse("garnet:S=4,A=2,H=3,stationary=false").generate(using: &rng)
        mdp.utilities = mdp.rewards
        let decoded = try EpisodicMDPFile.decode(try EpisodicMDPFile.encode(mdp), file: "x.json")
        #expect(decoded == mdp)
    }

    static let base = """
        {"format": "swiftrl.episodic-mdp", "version": 1, "states": 2, "actions": 1, "horizon": 3,
         "transitions": [[[[0.5, 0.5]], [[0, 1]]]], "rewards": [[[0.2], [1]]], "initial": [1, 0]}
        """

    @Test("A valid hand-written file decodes")
    func handWritten() throws {
        let mdp = try EpisodicMDPFile.decode(Data(Self.base.utf8), file: "m.json")
        #expect(mdp.horizon == 3 && mdp.probability(stage: 2, 0, 0, 1) == 0.5)
    }

    @Test("Malformed files name the file and the field", arguments: [
        ("[[0.5, 0.5]], [[0, 1]]", "[[0.5, 0.6]], [[0, 1]]", "transitions[0][0][0]"),
        ("[[0.5, 0.5]], [[0, 1]]", "[[1.5, -0.5]], [[0, 1]]", "transitions[0][0][0][1]"),
        ("[[0.5, 0.5]], [[0, 1]]", "[[0.5, 0.5]]", "transitions[0]"),
        ("[[0.2], [1]]", "[[-0.2], [1]]", "rewards[0][0][0]"),
        ("\"horizon\": 3", "\"horizon\": 0", "horizon"),
        ("\"initial\": [1, 0]", "\"initial\": [0.5, 0]", "initial"),
        ("\"states\": 2", "\"states\": \"two\"", "states"),
    ])
    func malformed(original: String, replacement: String, field: String) {
        let text = Self.base.replacingOccurrences(of: original, with: replacement)
        do {
            _ = try EpisodicMDPFile.decode(Data(text.utf8), file: "bad.json")
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.field == field)
            #expect(error.file == "bad.json")
        }
    }
}
