import Foundation
import Tensor
import Testing

@testable import Agents

@Suite struct AgentTrainerTests {
    @Test func logLinearGradientMatchesFiniteDifferences() throws {
        var policy = LogLinearPolicy(hasher: FeatureHasher(dimension: 64, seed: 1))
        for i in policy.weights.indices { policy.weights[i] = Double(i % 9) * 0.1 - 0.3 }
        var transcript = Transcript(prompt: "Who? Ann. Options: X, Y")
        transcript.turns = [TranscriptTurn(action: "<search>Ann</search>", observation: "Ann saw X.", reward: 0)]
        let candidates = ["<search>Ann</search>", "<answer>X</answer>", "<answer>Y</answer>"]
        let observation = TextObservation(text: "Ann saw X.", admissibleActions: candidates)
        func logProbability(_ p: LogLinearPolicy, _ chosen: Int) -> Double {
            var record = p.decision(candidates, observation: observation, transcript: transcript)
            record.chosen = chosen
            return log(record.chosenProbability)
        }
        let base = policy.decision(candidates, observation: observation, transcript: transcript)
        #expect(abs(base.toolProbabilities.reduce(0, +) - 1) < 1e-12 && base.toolOfCandidate == [0, 1, 1])
        #expect(abs(base.probabilities[1] + base.probabilities[2] - 1) < 1e-12 && base.probabilities[0] == 1)
        for chosen in 0..<3 {
            var record = base
            record.chosen = chosen
            var gradient = [Double](repeating: 0, count: 64)
            policy.accumulate(record, advantage: 1, scale: 1, into: &gradient)
            for slot in 0..<64 {
                var plus = policy, minus = policy
                plus.weights[slot] += 1e-6
                minus.weights[slot] -= 1e-6
                let numeric = (logProbability(plus, chosen) - logProbability(minus, chosen)) / 2e-6
                #expect(abs(numeric - gradient[slot]) < 1e-6)
            }
        }
        let uniform = LogLinearPolicy()
        #expect(abs(uniform.answerLogBelief(gold: "Y", observation: observation, transcript: transcript) - log(0.5))
            < 1e-12)
    }

    @Test func featuresReadResultDepthsFromTheTranscript() {
        var transcript = Transcript(prompt: "Question: where was Ann born? Options: X, Y")
        transcript.turns = [
            TranscriptTurn(action: "<search>Ann</search>", observation: "[d1] Ann was born in Peru.", reward: 0),
            TranscriptTurn(action: "<search>Peru</search>", observation: "[d9] The capital of Peru is X.", reward: 0),
        ]
        let featurizer = ToolCallFeaturizer()
        let observation = TextObservation(text: "")
        let x = featurizer.features(action: "<answer>X</answer>", observation: observation, transcript: transcript)
        #expect(x.contains("answer|prompt=true|depth=2") && x.contains("answer|depth=2|reached=2"))
        let y = featurizer.features(action: "<answer>Y</answer>", observation: observation, transcript: transcript)
        #expect(y.contains("answer|prompt=true|depth=none"))
        let again = featurizer.features(
            action: "<search>Ann</search>", observation: observation, transcript: transcript)
        #expect(again.contains("search|repeat=1") && again.contains("search|turn=2"))
    }

    @Test func beliefIsTheUniformPriorBeforeLearning() throws {
        let world = try MiniHopWorld(seed: 1)
        let trainer = try AgentTrainer(tasks: world, config: AgentTrainerConfig(method: .igpo), seed: 0)
        var copy = trainer
        let rollout = copy.rollout(task: 0, seed: 1)
        let beliefs = trainer.beliefs(rollout, task: 0)
        #expect(beliefs.count == rollout.transcript.turns.count + 1)
        #expect(abs(beliefs[0] - log(0.25)) < 1e-12)
    }

    @Test func worldBeliefFollowsTheRetrievedChain() throws {
        let world = try MiniHopWorld(config: MiniHopConfig(retrievalTemperature: 0), seed: 2)
        let task = world.tasks[0]
        var environment = world.environment(task: 0)
        var transcript = Transcript(prompt: try environment.reset(seed: 0).text)
        #expect(abs((world.worldLogBelief(task: 0, transcript: transcript) ?? 0) - log(0.25)) < 1e-12)
        for query in [task.subject, task.entities[1]] {
            let step = try environment.step("<search>\(query)</search>")
            transcript.turns.append(TranscriptTurn(action: "<search>\(query)</search>",
                observation: step.observation.text, reward: 0, info: step.info))
        }
        #expect(world.worldLogBelief(task: 0, transcript: transcript) == 0)
        let config = AgentTrainerConfig(method: AgentMethod(informationGain: InformationGain(probe: .world)))
        var trainer = try AgentTrainer(tasks: world, config: config, seed: 0)
        let rollout = trainer.rollout(task: 0, seed: 1)
        #expect(trainer.beliefs(rollout, task: 0).first.map { abs($0 - log(0.25)) < 1e-12 } == true)
    }

    /// Each method is seeded (same seed ⇒ same metrics and weights) and learns to answer from evidence: after
    /// training on an exact-search world, the gold option found two hops deep is more likely than the uniform 1/4.
    @Test func trainingIsSeededAndLearnsToAnswerFromEvidence() throws {
        let world = try MiniHopWorld(config: MiniHopConfig(people: 12, countries: 4, retrievalTemperature: 0), seed: 3)
        var transcript = Transcript(prompt: world.tasks[0].prompt)
        var environment = world.environment(task: 0)
        var observation = try environment.reset(seed: 0)
        for query in [world.tasks[0].subject, world.tasks[0].entities[1]] {
            let step = try environment.step("<search>\(query)</search>")
            transcript.turns.append(TranscriptTurn(action: "<search>\(query)</search>",
                observation: step.observation.text, reward: 0, info: step.info))
            observation = step.observation
        }
        for method in [AgentMethod.grpo, .igpo, .cgrpo] {
            let config = AgentTrainerConfig(groupSize: 8, tasksPerStep: 8, learningRate: 1, method: method)
            var a = try AgentTrainer(tasks: world, config: config, seed: 11)
            var b = try AgentTrainer(tasks: world, config: config, seed: 11)
            for _ in 0..<3 { #expect(a.step() == b.step()) }
            #expect(a.policy.weights == b.policy.weights)
            for _ in 0..<22 { _ = a.step() }
            let belief = exp(a.policy.answerLogBelief(gold: world.tasks[0].answer, observation: observation,
                transcript: transcript))
            #expect(belief > 0.3, "\(method): π(gold | chain found) = \(belief)")
        }
        #expect(throws: AgentInputError.self) {
            try AgentTrainer(tasks: world, config: AgentTrainerConfig(groupSize: 1), seed: 0)
        }
    }
}
