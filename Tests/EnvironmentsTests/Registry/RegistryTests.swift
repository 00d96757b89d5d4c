import Testing
@testable import Environments

@Suite("Registry and checker")
struct RegistryTests {
    @Test("Every registered environment passes the checker", arguments: EnvironmentRegistry.standard.availableIds)
    func everyEnvironmentPassesChecker(id: String) {
        var checker = EnvironmentChecker(id: id)
        checker.rolloutSteps = 300
        let failures = checker.run().filter { !$0.passed }
        #expect(failures.isEmpty, "\(id): \(failures.map { "\($0.name): \($0.message)" })")
    }

    @Test(
        "Every registered environment builds a vector environment and steps it",
        arguments: EnvironmentRegistry.standard.availableIds)
    func everyEnvironmentVectorizes(id: String) throws {
        var vector = try EnvironmentRegistry.standard.makeVector(id, count: 3)
        try vector.reset(seed: 1)
        #expect(vector.observations.count == 3 * vector.observationSize)
        var sampler = SpaceSampler(space: vector.singleActionSpace, seed: 1)
        for _ in 0..<5 {
            let actions = (0..<3).flatMap { _ -> [Float] in
                switch sampler.sample() {
                case let .int(value): [Float(value)]
                case let .array(values): values.map(Float.init)
                default: []
                }
            }
            try vector.step(flatActions: actions)
        }
        #expect(vector.metadata.autoresetMode == .nextStep)
    }

    @Test("An unknown id suggests the closest one")
    func unknownIdSuggests() {
        #expect(
            throws: EnvironmentError.unknownEnvironment(
                "no environment with id `CartPol-v1`. Did you mean `CartPole-v1`? Run `swiftrl env list` to see all ids."
            )
        ) {
            try EnvironmentRegistry.standard.make("CartPol-v1")
        }
    }

    @Test("A wrong version lists the available versions")
    func wrongVersionListsVersions() {
        do {
            _ = try EnvironmentRegistry.standard.make("CartPole-v0")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("Available versions: CartPole-v1"))
        }
    }

    @Test("A misspelt option is rejected with a suggestion")
    func misspeltOption() {
        do {
            _ = try EnvironmentRegistry.standard.make("FrozenLake-v1", options: ["is_slipery": "false"])
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("Did you mean `is_slippery`?"))
        }
    }

    @Test("make applies the spec's time limit")
    func makeAppliesTimeLimit() throws {
        var environment = try EnvironmentRegistry.standard.make("Pendulum-v1")
        _ = try environment.reset(seed: 0)
        var steps = 0
        while try !environment.step(.array([0])).truncated { steps += 1 }
        #expect(steps + 1 == 200)
    }

    @Test("A broken environment fails the checker")
    func brokenEnvironmentFails() {
        struct Broken: Environment {
            var observationSpace: Space { .discrete(DiscreteSpace(validN: 2)) }
            var actionSpace: Space { .discrete(DiscreteSpace(validN: 2)) }
            mutating func reset(seed: UInt64?, options: ResetOptions) throws(EnvironmentError) -> Reset<Int> {
                Reset(observation: 5)
            }
            mutating func step(_ action: Int) throws(EnvironmentError) -> Step<Int> {
                Step(observation: 0, reward: 0, terminated: false, truncated: false)
            }
        }
        let checker = EnvironmentChecker { () throws(EnvironmentError) in AnyEnvironment(Broken()) }
        let failed = Set(checker.run().filter { !$0.passed }.map(\.name))
        #expect(failed.contains("reset-observation-in-space"))
        #expect(failed.contains("order-enforcing"))
    }
}
