import Foundation

/// The size and noise of a ``MiniHopWorld``.
public struct MiniHopConfig: Codable, Sendable, Equatable {
    /// Which names the entities get.
    public enum Split: String, Codable, Sendable, CaseIterable {
        /// Real country and capital names, common person names.
        case standard
        /// The same graph with every entity renamed to an invented word (contamination-free evaluation).
        case fictional
    }

    /// Number of people in the knowledge graph, default 40.
    public var people: Int
    /// Number of countries (each with one capital), default 8.
    public var countries: Int
    /// Answer options shown with each question (the gold capital and distractors), default 4.
    public var options: Int
    /// Hop counts of the questions: 2 ("capital of the country where P was born") and/or 3 ("… where the mentor
    /// of P was born"), default [2].
    public var hops: [Int]
    /// Number of questions, default 40.
    public var questions: Int
    /// Other people each biography mentions ("once met …"): distractor hits for a name search, default 1.
    public var mentionsPerPerson: Int
    /// Results a search returns, default 1.
    public var topK: Int
    /// Temperature of the noisy search engine: results are sampled without replacement ∝ exp(BM25/τ)
    /// (Gumbel top-k); 0 returns the exact BM25 ranking. Default 1.
    public var retrievalTemperature: Double
    /// Which names the entities get, default standard.
    public var split: Split

    /// A configuration; defaults as documented on each field.
    public init(
        people: Int = 40, countries: Int = 8, options: Int = 4, hops: [Int] = [2], questions: Int = 40,
        mentionsPerPerson: Int = 1, topK: Int = 1, retrievalTemperature: Double = 1, split: Split = .standard
    ) {
        self.people = people
        self.countries = countries
        self.options = options
        self.hops = hops
        self.questions = questions
        self.mentionsPerPerson = mentionsPerPerson
        self.topK = topK
        self.retrievalTemperature = retrievalTemperature
        self.split = split
    }

    /// Checks every field.
    /// - Throws: ``AgentInputError`` naming the field and its range.
    public func validate() throws(AgentInputError) {
        guard people >= 4 else { throw AgentInputError("MiniHopConfig.people must be ≥ 4, got \(people)") }
        guard (2...MiniHopNames.realCountries.count).contains(countries) else {
            throw AgentInputError(
                "MiniHopConfig.countries must be in 2…\(MiniHopNames.realCountries.count), got \(countries)")
        }
        guard (2...countries).contains(options) else {
            throw AgentInputError("MiniHopConfig.options must be in 2…countries (\(countries)), got \(options)")
        }
        guard !hops.isEmpty, hops.allSatisfy({ $0 == 2 || $0 == 3 }) else {
            throw AgentInputError("MiniHopConfig.hops must be a non-empty list of 2 and/or 3, got \(hops)")
        }
        guard questions >= 1 else { throw AgentInputError("MiniHopConfig.questions must be ≥ 1, got \(questions)") }
        guard (0..<people - 1).contains(mentionsPerPerson) else {
            throw AgentInputError(
                "MiniHopConfig.mentionsPerPerson must be in 0…people − 2, got \(mentionsPerPerson)")
        }
        guard topK >= 1 else { throw AgentInputError("MiniHopConfig.topK must be ≥ 1, got \(topK)") }
        guard retrievalTemperature.isFinite, retrievalTemperature >= 0 else {
            throw AgentInputError(
                "MiniHopConfig.retrievalTemperature must be finite and ≥ 0, got \(retrievalTemperature)")
        }
    }
}
