import Foundation
import Tensor

/// What ``LogLinearPolicy`` records for one turn: the hashed features of each tool and each candidate, the
/// probabilities it sampled from, and the choice.
public struct LogLinearDecision: Sendable, Equatable {
    /// Per tool (first level), the hashed feature slots.
    public var toolFeatures: [[Int]]
    /// Per candidate action, the index of its tool in ``toolFeatures``.
    public var toolOfCandidate: [Int]
    /// Per candidate, the hashed feature slots (each counts 1).
    public var features: [[Int]]
    /// π(tool) at sampling time.
    public var toolProbabilities: [Double]
    /// π(candidate | its tool) at sampling time.
    public var probabilities: [Double]
    /// The sampled candidate.
    public var chosen: Int

    /// π(chosen) = π(tool) · π(candidate | tool).
    public var chosenProbability: Double { toolProbabilities[toolOfCandidate[chosen]] * probabilities[chosen] }
}

/// A log-linear softmax policy over the admissible actions with hashed features, in two levels as a language
/// model writes a call: first the tool, π(k) ∝ exp(w·ψ(k)/T), then the argument among that tool's admissible
/// actions, π(a | k) ∝ exp(w·φ(a)/T) (``ToolCallFeaturizer`` by default). The seconds-scale test bed of the
/// agent methods; weights start at zero (uniform over tools, then over each tool's actions).
public struct LogLinearPolicy: AgentPolicy, Sendable {
    /// The weights, one per hashed slot.
    public var weights: [Double]
    /// Maps feature names to slots.
    public let hasher: FeatureHasher
    /// Names the features of a tool and of a candidate.
    public let featurizer: any ActionFeaturizer
    /// Softmax temperature T, default 1.
    public var temperature: Double
    /// Reads the tool of each candidate.
    public let parser: ToolCallParser
    /// Writes the candidates, or nil to choose among the observation's admissible actions.
    public let proposer: (any CandidateProposer)?

    /// A uniform policy.
    public init(hasher: FeatureHasher = FeatureHasher(), featurizer: any ActionFeaturizer = ToolCallFeaturizer(),
        temperature: Double = 1, parser: ToolCallParser = ToolCallParser(), proposer: (any CandidateProposer)? = nil)
    {
        self.weights = Array(repeating: 0, count: hasher.dimension)
        self.hasher = hasher
        self.featurizer = featurizer
        self.temperature = temperature
        self.parser = parser
        self.proposer = proposer
    }

    /// The hashed slots of `action`.
    public func slots(_ action: String, observation: TextObservation, transcript: Transcript) -> [Int] {
        featurizer.features(action: action, observation: observation, transcript: transcript).map(hasher.slot)
    }

    /// Softmax over `members` of w·slots/T (probability 0 outside `members`; all members when nil).
    public func probabilities(_ features: [[Int]], members: [Int]? = nil) -> [Double] {
        let members = members ?? Array(features.indices)
        var out = [Double](repeating: 0, count: features.count)
        guard !members.isEmpty else { return out }
        let logits = members.map { features[$0].reduce(0.0) { $0 + weights[$1] } / max(temperature, 1e-6) }
        let top = logits.max() ?? 0
        let exps = logits.map { exp($0 - top) }
        let total = exps.reduce(0, +)
        for (index, member) in members.enumerated() { out[member] = exps[index] / total }
        return out
    }

    /// The decision record for `candidates` (probabilities of both levels), before sampling.
    public func decision(_ candidates: [String], observation: TextObservation, transcript: Transcript)
        -> LogLinearDecision
    {
        var tools: [String] = [], toolOf: [Int] = []
        for candidate in candidates {
            let tool =
                Self.leadingTool(candidate, tools: parser.tools) ?? (try? parser.parse(candidate))?.name ?? "other"
            if let index = tools.firstIndex(of: tool) {
                toolOf.append(index)
            } else {
                tools.append(tool)
                toolOf.append(tools.count - 1)
            }
        }
        let toolFeatures = tools.enumerated().map { index, tool in
            featurizer.toolFeatures(tool: tool, candidates: candidates.indices.filter { toolOf[$0] == index }
                .map { candidates[$0] }, observation: observation, transcript: transcript).map(hasher.slot)
        }
        let features = featurizer.features(actions: candidates, observation: observation, transcript: transcript)
            .map { $0.map(hasher.slot) }
        var probabilities = [Double](repeating: 0, count: candidates.count)
        for tool in tools.indices {
            let within = self.probabilities(features, members: candidates.indices.filter { toolOf[$0] == tool })
            for (index, p) in within.enumerated() where toolOf[index] == tool { probabilities[index] = p }
        }
        return LogLinearDecision(
            toolFeatures: toolFeatures, toolOfCandidate: toolOf, features: features,
            toolProbabilities: self.probabilities(toolFeatures), probabilities: probabilities, chosen: 0)
    }

    public func act(
        _ observation: TextObservation, transcript: Transcript, using rng: inout Xoshiro256StarStar
    ) throws -> (text: String, decision: LogLinearDecision) {
        let candidates = candidates(observation, transcript: transcript)
        guard !candidates.isEmpty else {
            throw AgentInputError("LogLinearPolicy: the observation lists no admissible actions to choose from")
        }
        var record = decision(candidates, observation: observation, transcript: transcript)
        let tool = Self.sample(record.toolProbabilities, using: &rng)
        let members = candidates.indices.filter { record.toolOfCandidate[$0] == tool }
        let pick = Self.sample(members.map { record.probabilities[$0] }, using: &rng)
        record.chosen = members[pick]
        return (candidates[record.chosen], record)
    }

    /// The tool of a candidate that starts with `<tool>` and closes it (what ``ToolCallParser`` would find first),
    /// read without the parser; nil otherwise.
    static func leadingTool(_ candidate: String, tools: [String]) -> String? {
        guard candidate.utf8.first == UInt8(ascii: "<") else { return nil }
        for tool in tools where candidate.hasPrefix("<\(tool)>") && candidate.contains("</\(tool)>") { return tool }
        return nil
    }

    /// The outputs the policy chooses among: the proposer's, or the admissible actions.
    public func candidates(_ observation: TextObservation, transcript: Transcript) -> [String] {
        proposer?.candidates(observation: observation, transcript: transcript) ?? observation.admissibleActions
    }

    static func sample(_ probabilities: [Double], using rng: inout Xoshiro256StarStar) -> Int {
        let u = rng.nextDouble()
        var cumulative = 0.0
        for (index, p) in probabilities.enumerated() {
            cumulative += p
            if u < cumulative { return index }
        }
        return probabilities.count - 1
    }

    /// log π(gold answer | context, tool = answer): the policy's probability of `<answer>gold</answer>` among the
    /// answer actions of `observation` (added when not admissible) — IGPO's belief s_t for this policy (the answer
    /// is one action, so length normalisation is the identity).
    public func answerLogBelief(gold: String, observation: TextObservation, transcript: Transcript) -> Double {
        var answers = observation.admissibleActions.filter { (try? parser.parse($0))?.name == "answer" }
        var goldIndex = answers.firstIndex { (try? parser.parse($0))?.argument == gold }
        if goldIndex == nil {
            answers.append(ToolCall(name: "answer", argument: gold).text)
            goldIndex = answers.count - 1
        }
        let features = featurizer.features(actions: answers, observation: observation, transcript: transcript)
            .map { $0.map(hasher.slot) }
        let p = probabilities(features)[goldIndex ?? 0]
        return log(max(p, 1e-300))
    }

    /// Adds `scale · advantage · ∇_w log π(chosen)`, where ∇_w log π(a) = (ψ(k) − Σ_j π(j)·ψ(j) + φ(a) −
    /// Σ_{b: tool k} π(b | k)·φ(b))/T for the chosen action a of tool k.
    public func accumulate(
        _ decision: LogLinearDecision, advantage: Double, scale: Double, into gradient: inout [Double]
    ) {
        guard advantage != 0 else { return }
        let factor = scale * advantage / max(temperature, 1e-6)
        let tool = decision.toolOfCandidate[decision.chosen]
        for slot in decision.toolFeatures[tool] { gradient[slot] += factor }
        for (index, slots) in decision.toolFeatures.enumerated() {
            for slot in slots { gradient[slot] -= factor * decision.toolProbabilities[index] }
        }
        for slot in decision.features[decision.chosen] { gradient[slot] += factor }
        for (index, slots) in decision.features.enumerated() where decision.toolOfCandidate[index] == tool {
            for slot in slots { gradient[slot] -= factor * decision.probabilities[index] }
        }
    }
}
