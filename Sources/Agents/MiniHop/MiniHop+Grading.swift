import Foundation

/// The rule judge of MiniHop: a filled rubric is supported when one of the cited documents states that fact.
public struct MiniHopSupportJudge: SupportJudge {
    /// The world whose documents are cited.
    public let world: MiniHopWorld

    /// A judge over `world`'s corpus.
    public init(world: MiniHopWorld) { self.world = world }

    public func supported(relation: String, subject: String, object: String, citations: [String]) -> Bool {
        guard let relation = MiniHopFact.Relation(rawValue: relation) else { return false }
        let fact = MiniHopFact(subject: subject, relation: relation, object: object)
        return citations.contains { world.document(id: $0)?.facts.contains(fact) ?? false }
    }
}

extension MiniHopWorld: AgentTaskSet {
    public var taskCount: Int { tasks.count }

    public func goldAnswer(task: Int) -> String { tasks[task].answer }

    /// Ids `[dN]` of the documents cited in the answer text, or, when it cites none, every document its
    /// searches returned (the log-linear agent's answer carries its whole tool history).
    public func citations(_ transcript: Transcript) -> [String] {
        let answerText = transcript.turns.last?.action ?? ""
        let explicit = Self.citationIDs(in: answerText)
        if !explicit.isEmpty { return explicit }
        var ids: [String] = []
        for turn in transcript.turns where turn.info.tool == "search" {
            for id in Self.citationIDs(in: turn.observation) where !ids.contains(id) { ids.append(id) }
        }
        return ids
    }

    /// `[dN]` ids in `text`, in order, without repeats.
    static func citationIDs(in text: String) -> [String] {
        var ids: [String] = []
        var rest = Substring(text)
        while let open = rest.range(of: "[d") {
            let tail = rest[open.upperBound...]
            let digits = tail.prefix { $0.isNumber }
            if !digits.isEmpty, tail.dropFirst(digits.count).first == "]" {
                let id = "d" + digits
                if !ids.contains(id) { ids.append(id) }
            }
            rest = tail
        }
        return ids
    }

    /// The exact posterior of the gold option given the facts of the documents retrieved so far: the chain is
    /// followed from the subject (mentor, then birth country) as far as retrieved facts allow; once the country is
    /// known, its capital fact makes the answer certain, and options known to be other countries' capitals are
    /// ruled out; otherwise the options are equally likely.
    public func worldLogBelief(task: Int, transcript: Transcript) -> Double? {
        let info = tasks[task]
        var facts = Set<MiniHopFact>()
        for turn in transcript.turns where turn.info.tool == "search" {
            for id in Self.citationIDs(in: turn.observation) { facts.formUnion(document(id: id)?.facts ?? []) }
        }
        func object(_ subject: String, _ relation: MiniHopFact.Relation) -> String? {
            facts.first { $0.subject == subject && $0.relation == relation }?.object
        }
        var person: String? = info.subject
        if info.hops == 3 { person = person.flatMap { object($0, .mentor) } }
        let country = person.flatMap { object($0, .bornIn) }
        var remaining = info.options
        if let country {
            if let capital = object(country, .capital) { return capital == info.answer ? 0 : log(1e-6) }
            let ruledOut = Set(facts.filter { $0.relation == .capital && $0.subject != country }.map(\.object))
            remaining = remaining.filter { !ruledOut.contains($0) }
        }
        guard remaining.contains(info.answer) else { return log(1e-6) }
        return -log(Double(remaining.count))
    }

    /// Outcome: exact match of the answer. Rubric: CaRR with E0 = the answer given and every other hidden entity
    /// identified when the agent's own actions name its gold value (searching it), cited documents from
    /// ``citations(_:)``. Grounded: correct and every gold evidence document retrieved.
    public func grade(task: Int, transcript: Transcript) -> AgentGrade {
        let info = tasks[task]
        let answer = transcript.answer
        let correct = answer.map { MiniHopEnvironment.normalized($0) == MiniHopEnvironment.normalized(info.answer) }
            ?? false
        let actions = transcript.turns.map(\.action).joined(separator: "\n")
        var entities: [String?] = [answer]
        for value in info.entities.dropFirst() { entities.append(actions.contains(value) ? value : nil) }
        let cited = citations(transcript)
        let rubric = CitationAwareRubricReward().score(
            rubrics: info.rubrics, entities: entities, citations: cited, judge: MiniHopSupportJudge(world: self))
        let retrieved = Set(transcript.turns.filter { $0.info.tool == "search" }
            .flatMap { Self.citationIDs(in: $0.observation) })
        let grounded = correct && info.goldEvidence.allSatisfy(retrieved.contains)
        return AgentGrade(outcome: correct ? 1 : 0, rubric: rubric, grounded: grounded)
    }
}

extension MiniHopWorld {
    /// World-specific checks on top of ``TextEnvironmentChecker``: each task's answer is one of its options, every
    /// gold evidence document exists and states the rubric's fact, and the exported JSONL has one line per task.
    /// Also runs the generic checker on the first `episodes` tasks.
    public func check(budget: AgentBudget = AgentBudget(maxTurns: 5), episodes: Int = 20) -> [TextEnvironmentIssue] {
        var issues: [TextEnvironmentIssue] = []
        let judge = MiniHopSupportJudge(world: self)
        for task in tasks {
            if !task.options.contains(task.answer) {
                issues.append(TextEnvironmentIssue(check: "task", detail: "task \(task.id): answer not among options"))
            }
            if task.goldEvidence.contains(where: { document(id: $0) == nil }) {
                issues.append(TextEnvironmentIssue(check: "task", detail: "task \(task.id): missing evidence document"))
            }
            let entities = task.entities.map { Optional($0) }
            let full = CitationAwareRubricReward().score(
                rubrics: task.rubrics, entities: entities, citations: task.goldEvidence, judge: judge)
            if full != 1 {
                issues.append(TextEnvironmentIssue(check: "rubrics",
                    detail: "task \(task.id): the gold evidence supports only \(full) of the rubrics"))
            }
        }
        issues += TextEnvironmentChecker(budget: budget, episodes: episodes).checkTasks(
            count: tasks.count, jsonl: try? tasksJSONL(), seed: seed) { environment(task: $0) }
        return issues
    }

    /// The share of searches for a gold-chain name that return the gold document (the world's p_hop), over
    /// `samples` searches per hop of every task.
    public func hopSuccessRate(samples: Int = 20, seed: UInt64 = 0) -> Double {
        var hits = 0, total = 0
        for task in tasks {
            var environment = environment(task: task.id)
            let queries = [task.subject] + task.entities.dropFirst().reversed()
            for (hop, query) in zip(task.goldEvidence.indices, queries) {
                for sample in 0..<samples {
                    _ = try? environment.reset(seed: seed &+ UInt64(sample * 7919 + hop))
                    let ids = environment.search(query).map { documents[$0].id }
                    hits += ids.contains(task.goldEvidence[hop]) ? 1 : 0
                    total += 1
                }
            }
        }
        return total == 0 ? 0 : Double(hits) / Double(total)
    }
}
