import Foundation
import Testing

@testable import Agents

/// A judge that knows which (relation, subject, object) facts each document states.
struct TableJudge: SupportJudge {
    var facts: [String: [String]]  // document id → "relation|subject|object"
    func supported(relation: String, subject: String, object: String, citations: [String]) -> Bool {
        citations.contains { facts[$0]?.contains("\(relation)|\(subject)|\(object)") ?? false }
    }
}

@Suite struct RewardRuleTests {
    let twoHop = [
        Rubric(statement: "P was born in <E1>", relation: "born-in", subject: "P", object: "<E1>"),
        Rubric(statement: "<E0> is the capital of <E1>", relation: "capital", subject: "<E1>", object: "<E0>"),
    ]
    let judge = TableJudge(facts: ["d1": ["born-in|P|Kenya", "mentor|P|Q"], "d2": ["capital|Kenya|Nairobi"],
        "d3": ["born-in|Q|Peru"], "d4": ["capital|Peru|Lima"]])

    @Test func carrScoresSupportedConnectedRubrics() {
        let carr = CitationAwareRubricReward()
        #expect(carr.score(rubrics: twoHop, entities: ["Nairobi", "Kenya"], citations: ["d1", "d2"], judge: judge) == 1)
        // The capital rubric is not cited: the birth rubric is supported but not connected to <E0>.
        #expect(carr.score(rubrics: twoHop, entities: ["Nairobi", "Kenya"], citations: ["d1"], judge: judge) == 0)
        let noBFS = CitationAwareRubricReward(useConnectivity: false)
        #expect(noBFS.score(rubrics: twoHop, entities: ["Nairobi", "Kenya"], citations: ["d1"], judge: judge) == 0.5)
        // Connected from <E0> but the first hop is not cited.
        #expect(carr.score(rubrics: twoHop, entities: ["Nairobi", "Kenya"], citations: ["d2"], judge: judge) == 0.5)
        // <E1> not identified: both rubrics that use it score 0.
        #expect(carr.score(rubrics: twoHop, entities: ["Nairobi", nil], citations: ["d1", "d2"], judge: judge) == 0)
        // A wrong answer entity breaks the capital rubric and with it the connection.
        #expect(carr.score(rubrics: twoHop, entities: ["Lima", "Kenya"], citations: ["d1", "d2"], judge: judge) == 0)
        // Citations beyond the limit are not read.
        let one = CitationAwareRubricReward(maxCitations: 1)
        let limited = one.score(rubrics: twoHop, entities: ["Nairobi", "Kenya"], citations: ["d2", "d1"], judge: judge)
        #expect(limited == 0.5)
        #expect(carr.scores(rubrics: twoHop, entities: ["Nairobi", "Kenya"], citations: ["d2"], judge: judge)
            == [false, true])
    }

    @Test func carrConnectivityOverThreeHops() {
        let threeHop = [
            Rubric(statement: "<E2> is the mentor of P", relation: "mentor", subject: "P", object: "<E2>"),
            Rubric(statement: "<E2> was born in <E1>", relation: "born-in", subject: "<E2>", object: "<E1>"),
            Rubric(statement: "<E0> is the capital of <E1>", relation: "capital", subject: "<E1>", object: "<E0>"),
        ]
        let carr = CitationAwareRubricReward()
        let entities: [String?] = ["Lima", "Peru", "Q"]
        #expect(carr.score(rubrics: threeHop, entities: entities, citations: ["d1", "d3", "d4"], judge: judge) == 1)
        // Without the middle hop the mentor rubric is cut off from <E0>: 1 of 3.
        #expect(abs(carr.score(rubrics: threeHop, entities: entities, citations: ["d1", "d4"], judge: judge) - 1.0 / 3)
            < 1e-12)
        #expect(Rubric.placeholder("<E12>") == 12 && Rubric.placeholder("E1") == nil)
    }

    @Test func cgrpoMatchesTheFigureAndTheCode() {
        // Figure: rubric 0.375, 0.625 (correct), 0.125 (wrong), α 0.3 → 0.7 + 0.3·0.6, 0.7 + 0.3·1, 0.
        let figure = CGRPOReward().combine(outcomes: [1, 1, 0], rubrics: [0.375, 0.625, 0.125])
        #expect(zip(figure, [0.88, 1.0, 0]).allSatisfy { abs($0 - $1) < 1e-12 })
        let code = CGRPOReward(normalizeByGroupMax: false).combine(outcomes: [1, 1, 0], rubrics: [0.375, 0.625, 0.125])
        #expect(zip(code, [0.8125, 0.8875, 0]).allSatisfy { abs($0 - $1) < 1e-12 })
        let everyone = CGRPOReward(onlyPositive: false).combine(outcomes: [1, 1, 0], rubrics: [0.375, 0.625, 0.125])
        #expect(zip(everyone, [0.88, 1.0, 0.06]).allSatisfy { abs($0 - $1) < 1e-12 })
        #expect(CGRPOReward().combine(outcomes: [1, 0], rubrics: [0, 0]) == [0.7, 0])
        #expect(throws: AgentInputError.self) { try CGRPOReward(alpha: 1.5).validate() }
    }

    @Test func grpoAdvantagesAndZeroGroups() {
        #expect(GroupStatistics.grpoAdvantages([1, 0, 0, 1]) == [1, -1, -1, 1])
        #expect(GroupStatistics.grpoAdvantages([1, 1, 1]) == [0, 0, 0])
        let method = AgentMethod.grpo
        let grade = { (o: Double) in AgentCreditInput(grade: AgentGrade(outcome: o, rubric: 0, grounded: false),
            beliefs: [], turns: 2) }
        let (advantages, zero) = method.turnAdvantages([grade(1), grade(0)])
        #expect(advantages == [[1, 1], [-1, -1]] && !zero)
        #expect(method.turnAdvantages([grade(0), grade(0)]).zeroGroup)
    }

    /// Rollout A: beliefs ln .25, ln .25, ln 1, ln 1 (3 turns, outcome 1); B: ln .25 ×3 (2 turns, outcome 0).
    /// IG rewards [0, ln 4] and [0]: mean ln4/3, σ 0.65351 → z [−0.70711, 1.41421], [−0.70711]; outcome z [1, −1].
    @Test func igpoTurnAdvantagesMatchHandComputedValues() {
        let a = [log(0.25), log(0.25), 0, 0], b = [log(0.25), log(0.25), log(0.25)]
        func close(_ x: [[Double]], _ y: [[Double]]) -> Bool {
            x.count == y.count && zip(x, y).allSatisfy { $0.count == $1.count && zip($0, $1).allSatisfy {
                abs($0 - $1) < 1e-9 } }
        }
        let r2 = 2.0.squareRoot()
        let centred = InformationGain().turnAdvantages(beliefs: [a, b], outcomes: [1, 0])
        #expect(close(centred, [[1 + r2 - r2 / 2, 1 + r2, 1], [-r2 / 2 - 1, -1]]))
        let scaled = InformationGain(center: false).turnAdvantages(beliefs: [a, b], outcomes: [1, 0])
        #expect(close(scaled, [[1 + 3 / r2, 1 + 3 / r2, 1], [-1, -1]]))
        let joint = InformationGain(normalization: .joint).turnAdvantages(beliefs: [a, b], outcomes: [1, 0])
        #expect(close(joint, [[1.5984594768497522, 2.397689215274628, 0.8753954701135137],
            [-1.5984594768497522, -0.7992297384248761]]))
        #expect(InformationGain(kind: .probDiff).rawRewards(beliefs: a) == [0, 0.75])
        let discounted = InformationGain.returns([1, 2, 3], gamma: 0.5)
        #expect(discounted == [1 + 0.5 * (2 + 0.5 * 3), 2 + 1.5, 3])
        #expect(throws: AgentInputError.self) { try InformationGain(gamma: 2).validate() }
    }

    @Test func methodPresetsByName() throws {
        #expect(try AgentMethod.named("grpo") == .grpo)
        #expect(try AgentMethod.named("igpo-uncentered").informationGain?.center == false)
        #expect(try AgentMethod.named("c-grpo-code").rubricReward?.normalizeByGroupMax == false)
        #expect(throws: AgentInputError.self) { try AgentMethod.named("ppo") }
    }
}
