import Foundation
import Tensor

/// A fact of the knowledge graph: `subject relation object` (e.g. `Anna Adler bornIn Kenya`).
public struct MiniHopFact: Codable, Sendable, Equatable, Hashable {
    /// The relations of the graph.
    public enum Relation: String, Codable, Sendable {
        /// person → country
        case bornIn = "born-in"
        /// person → person (the teacher)
        case mentor
        /// country → city
        case capital
    }
    /// The subject's name.
    public var subject: String
    /// The relation.
    public var relation: Relation
    /// The object's name.
    public var object: String
}

/// A document of the corpus: an id (`d7`), its text and the facts it states.
public struct MiniHopDocument: Codable, Sendable, Equatable {
    /// The citation id, `d<index>`.
    public var id: String
    /// The text.
    public var text: String
    /// The graph facts the text states (the rule judge's ground truth).
    public var facts: [MiniHopFact]
}

/// A multi-hop question with its gold answer, gold evidence chain and CaRR rubrics.
public struct MiniHopTask: Codable, Sendable, Equatable {
    /// Index of the task in its world.
    public var id: Int
    /// The question text (without the options).
    public var question: String
    /// The answer options (capitals), the gold one among them.
    public var options: [String]
    /// The gold answer.
    public var answer: String
    /// Number of hops (2 or 3).
    public var hops: Int
    /// The person the question names.
    public var subject: String
    /// Ids of the documents that together prove the answer, in hop order.
    public var goldEvidence: [String]
    /// Single-hop rubrics over hidden entities (`<E0>` is the answer), one per hop.
    public var rubrics: [Rubric]
    /// The gold value of each hidden entity, `<E0>` first.
    public var entities: [String]

    /// The observation text of the task.
    public var prompt: String {
        "Question: \(question)\nOptions: \(options.joined(separator: ", "))\n"
            + "Use <search>name</search> to look up a name and <answer>option</answer> to answer."
    }
}

/// MiniHop: a seeded random knowledge graph (people born in countries, mentors, capitals) rendered as a small
/// document corpus, with multi-hop questions, gold evidence chains and rubrics (digest §2 "full-fidelity
/// version", §4). ``environment(task:)`` gives the ``TextEnvironment`` of one question with a BM25 search tool.
public struct MiniHopWorld: Sendable {
    /// The configuration.
    public let config: MiniHopConfig
    /// The seed the graph was drawn from.
    public let seed: UInt64
    /// The corpus.
    public let documents: [MiniHopDocument]
    /// The questions.
    public let tasks: [MiniHopTask]
    /// Every entity name (people, countries, capitals), for the admissible search actions.
    public let entityNames: [String]
    /// The search index over ``documents``.
    public let index: BM25Index
    /// Names of people and countries: what the admissible search actions may look up.
    public let searchableNames: Set<String>

    /// Draws the graph, corpus and questions from `seed`. The fictional split has the same graph as the
    /// standard one for the same seed, with every entity renamed.
    /// - Throws: ``AgentInputError`` for an invalid configuration.
    public init(config: MiniHopConfig = MiniHopConfig(), seed: UInt64) throws(AgentInputError) {
        try config.validate()
        self.config = config
        self.seed = seed
        let root = Xoshiro256StarStar(seed: seed).derived("minihop")
        var graphRNG = root.derived("graph")
        let people = config.people, countries = config.countries
        let bornIn = (0..<people).map { _ in graphRNG.int(below: countries) }
        let mentor = (0..<people).map { p in (p + 1 + graphRNG.int(below: people - 1)) % people }
        let met = (0..<people).map { p in
            Array(Self.sample(config.mentionsPerPerson, from: (0..<people).filter { $0 != p }, using: &graphRNG))
        }
        let travelled = (0..<people).map { _ in graphRNG.int(below: countries) }
        let trades = (0..<countries).map { c in (c + 1 + graphRNG.int(below: countries - 1)) % countries }

        var nameRNG = root.derived("names/\(config.split.rawValue)")
        var taken = Set<String>()
        let personNames: [String], countryNames: [String], capitalNames: [String]
        switch config.split {
        case .standard:
            let pairs = Array(Self.sample(countries, from: MiniHopNames.realCountries, using: &nameRNG))
            countryNames = pairs.map(\.country)
            capitalNames = pairs.map(\.capital)
            for name in countryNames + capitalNames { taken.insert(name.lowercased()) }
            personNames = MiniHopNames.distinct(people, avoiding: &taken, using: &nameRNG) { rng in
                MiniHopNames.firstNames[rng.int(below: MiniHopNames.firstNames.count)] + " "
                    + MiniHopNames.lastNames[rng.int(below: MiniHopNames.lastNames.count)]
            }
        case .fictional:
            countryNames = MiniHopNames.distinct(countries, avoiding: &taken, using: &nameRNG) {
                MiniHopNames.invented(syllables: 2, using: &$0) + "ia"
            }
            capitalNames = MiniHopNames.distinct(countries, avoiding: &taken, using: &nameRNG) {
                MiniHopNames.invented(syllables: 2, using: &$0)
            }
            personNames = MiniHopNames.distinct(people, avoiding: &taken, using: &nameRNG) { rng in
                MiniHopNames.invented(syllables: 2, using: &rng) + " "
                    + MiniHopNames.invented(syllables: 3, using: &rng)
            }
        }

        var documents: [MiniHopDocument] = []
        var personDoc: [Int] = [], countryDoc: [Int] = []
        for p in 0..<people {
            let name = personNames[p], country = countryNames[bornIn[p]], teacher = personNames[mentor[p]]
            var text = "\(name) was born in \(country). \(name) studied under \(teacher)."
            if !met[p].isEmpty {
                text += " \(name) once met " + met[p].map { personNames[$0] }.joined(separator: " and ") + "."
            }
            text += " \(name) travelled to \(capitalNames[travelled[p]]) as a young adult."
            personDoc.append(documents.count)
            documents.append(MiniHopDocument(id: "d\(documents.count)", text: text, facts: [
                MiniHopFact(subject: name, relation: .bornIn, object: country),
                MiniHopFact(subject: name, relation: .mentor, object: teacher),
            ]))
        }
        for c in 0..<countries {
            let name = countryNames[c]
            let text = "\(name) is a country. The capital of \(name) is \(capitalNames[c]). "
                + "Merchants from \(name) trade with \(countryNames[trades[c]])."
            countryDoc.append(documents.count)
            documents.append(MiniHopDocument(id: "d\(documents.count)", text: text, facts: [
                MiniHopFact(subject: name, relation: .capital, object: capitalNames[c])
            ]))
        }
        self.documents = documents
        self.entityNames = personNames + countryNames + capitalNames
        self.searchableNames = Set(personNames + countryNames)
        self.index = BM25Index(documents.map(\.text))

        var taskRNG = root.derived("tasks")
        var tasks: [MiniHopTask] = []
        for id in 0..<config.questions {
            let hops = config.hops[taskRNG.int(below: config.hops.count)]
            let p = taskRNG.int(below: people)
            let bridge = hops == 3 ? mentor[p] : p
            let c = bornIn[bridge]
            let others = Array(
                Self.sample(config.options - 1, from: (0..<countries).filter { $0 != c }, using: &taskRNG))
            var options = ([c] + others).map { capitalNames[$0] }
            Self.shuffle(&options, using: &taskRNG)
            let subject = personNames[p]
            var rubrics: [Rubric] = []
            var evidence: [String] = []
            var entities = [capitalNames[c], countryNames[c]]
            let question: String
            if hops == 3 {
                question = "What is the capital of the country where the mentor of \(subject) was born?"
                entities.append(personNames[bridge])
                rubrics.append(Rubric(statement: "<E2> is the mentor of \(subject)", relation: "mentor",
                    subject: subject, object: "<E2>"))
                rubrics.append(Rubric(statement: "<E2> was born in <E1>", relation: "born-in",
                    subject: "<E2>", object: "<E1>"))
                evidence = [documents[personDoc[p]].id, documents[personDoc[bridge]].id]
            } else {
                question = "What is the capital of the country where \(subject) was born?"
                rubrics.append(Rubric(statement: "\(subject) was born in <E1>", relation: "born-in",
                    subject: subject, object: "<E1>"))
                evidence = [documents[personDoc[p]].id]
            }
            rubrics.append(Rubric(statement: "<E0> is the capital of <E1>", relation: "capital",
                subject: "<E1>", object: "<E0>"))
            evidence.append(documents[countryDoc[c]].id)
            tasks.append(MiniHopTask(
                id: id, question: question, options: options, answer: capitalNames[c], hops: hops, subject: subject,
                goldEvidence: evidence, rubrics: rubrics, entities: entities))
        }
        self.tasks = tasks
    }

    /// The environment of task `task` (any integer; taken modulo the number of tasks).
    public func environment(task: Int) -> MiniHopEnvironment {
        MiniHopEnvironment(world: self, task: ((task % tasks.count) + tasks.count) % tasks.count)
    }

    /// The document with citation id `id`.
    public func document(id: String) -> MiniHopDocument? {
        guard id.hasPrefix("d"), let index = Int(id.dropFirst()), documents.indices.contains(index) else { return nil }
        return documents[index]
    }

    /// The tasks as JSON Lines (one task object per line, keys sorted).
    public func tasksJSONL() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try tasks.map { String(decoding: try encoder.encode($0), as: UTF8.self) }.joined(separator: "\n") + "\n"
    }

    /// Writes ``tasksJSONL()`` to `url` atomically.
    /// - Throws: an encoding or file error.
    public func writeTasks(to url: URL) throws {
        try AtomicFile.write(try tasksJSONL(), to: url)
    }

    static func sample<T>(_ count: Int, from items: [T], using rng: inout Xoshiro256StarStar) -> ArraySlice<T> {
        var pool = items
        shuffle(&pool, using: &rng)
        return pool.prefix(count)
    }

    static func shuffle<T>(_ items: inout [T], using rng: inout Xoshiro256StarStar) {
        guard items.count > 1 else { return }
        for i in stride(from: items.count - 1, to: 0, by: -1) { items.swapAt(i, rng.int(below: i + 1)) }
    }
}
