import Foundation
import Tensor

/// What ``LogLinearPolicy`` records for one turn: each candidate's hashed features, the probabilities it
/// sampled from, and the chosen index.
public struct LogLinearDecision: Sendable, Equatable {
    /// Per candidate, the hashed feature slots (each counts 1).
    public var features: [[Int]]
    /// π(candidate) at sampling time.
    public var probabilities: [Double]
    /// The sampled candidate.
    public var chosen: Int
}

/// A log-linear softmax policy over the admissible actions: π(a) ∝ exp(w·φ(a)/T) with hashed features φ
/// (``ToolCallFeaturizer`` by default). The seconds-scale test bed of the agent methods.
public struct LogLinearPolicy: AgentPolicy, Sendable {
    /// The weights, one per hashed slot (zero at start: the uniform policy).
    public var weights: [Double]
    /// Maps feature names to slots.
    public let hasher: FeatureHasher
    /// Names the features of a candidate.
    public let featurizer: any ActionFeaturizer
    /// Softmax temperature T, default 1.
    public var temperature: Double

    /// A uniform policy.
    public init(hasher: FeatureHasher = FeatureHasher(), featurizer: any ActionFeaturizer = ToolCallFeaturizer(),
        temperature: Double = 1)
    {
        self.weights = Array(repeating: 0, count: hasher.dimension)
        self.hasher = hasher
        self.featurizer = featurizer
        self.temperature = temperature
    }

    /// The hashed slots of `action`.
    public func slots(_ action: String, observation: TextObservation, transcript: Transcript) -> [Int] {
        featurizer.features(action: action, observation: observation, transcript: transcript).map(hasher.slot)
    }

    /// Softmax probabilities of candidates with the given slots.
    public func probabilities(_ features: [[Int]]) -> [Double] {
        let logits = features.map { slots in slots.reduce(0.0) { $0 + weights[$1] } / max(temperature, 1e-6) }
        let top = logits.max() ?? 0
        let exps = logits.map { exp($0 - top) }
        let total = exps.reduce(0, +)
        return exps.map { $0 / total }
    }

    public func act(
        _ observation: TextObservation, transcript: Transcript, using rng: inout Xoshiro256StarStar
    ) throws -> (text: String, decision: LogLinearDecision) {
        let candidates = observation.admissibleActions
        guard !candidates.isEmpty else {
            throw AgentInputError("LogLinearPolicy: the observation lists no admissible actions to choose from")
        }
        let features = candidates.map { slots($0, observation: observation, transcript: transcript) }
        let probabilities = probabilities(features)
        let u = rng.nextDouble()
        var chosen = candidates.count - 1, cumulative = 0.0
        for (index, p) in probabilities.enumerated() {
            cumulative += p
            if u < cumulative {
                chosen = index
                break
            }
        }
        return (candidates[chosen], LogLinearDecision(features: features, probabilities: probabilities, chosen: chosen))
    }

    /// log π(gold answer | context) among the answer actions (tool `answer`) of `observation`, with
    /// `<answer>gold</answer>` added when it is not admissible: IGPO's belief s_t for this policy (the answer
    /// is one action, so length normalisation is the identity).
    public func answerLogBelief(gold: String, observation: TextObservation, transcript: Transcript,
        parser: ToolCallParser = ToolCallParser()) -> Double
    {
        var answers = observation.admissibleActions.filter { (try? parser.parse($0))?.name == "answer" }
        let goldAction = ToolCall(name: "answer", argument: gold).text
        var goldIndex = answers.firstIndex { (try? parser.parse($0))?.argument == gold }
        if goldIndex == nil {
            answers.append(goldAction)
            goldIndex = answers.count - 1
        }
        let features = answers.map { slots($0, observation: observation, transcript: transcript) }
        let p = probabilities(features)[goldIndex ?? 0]
        return log(max(p, 1e-300))
    }

    /// Adds `scale · advantage · ∇_w log π(chosen)` for each (decision, advantage), where
    /// ∇_w log π(a) = (φ(a) − Σ_b π(b)·φ(b))/T.
    public func accumulate(
        _ decision: LogLinearDecision, advantage: Double, scale: Double, into gradient: inout [Double]
    ) {
        guard advantage != 0 else { return }
        let factor = scale * advantage / max(temperature, 1e-6)
        for slot in decision.features[decision.chosen] { gradient[slot] += factor }
        for (index, slots) in decision.features.enumerated() {
            let weight = factor * decision.probabilities[index]
            for slot in slots { gradient[slot] -= weight }
        }
    }
}
