/// Gymnasium's `check_env` for SwiftRL: runs API-contract checks on fresh instances of an environment and
/// reports each one (`swiftrl env check <id>` prints the report).
///
/// Checks: spaces are usable; reset returns an observation in the space; reset with the same seed is
/// deterministic and `reset(seed: nil)` continues the stream; reset options are accepted; step results are in
/// the space with finite rewards; stepping is deterministic under a seed (actions from the action space's own
/// seeded sampler, as Gymnasium does); the passed action is not mutated; stepping before reset throws when
/// order is enforced; render does not crash; rollouts of several episodes keep the contract.
public struct EnvironmentChecker {
    /// The outcome of one check.
    public struct Result: Equatable, Sendable {
        /// A short name, e.g. `reset-seed-determinism`.
        public var name: String
        /// Whether it passed.
        public var passed: Bool
        /// What was found (empty when passed).
        public var message: String
    }

    /// Builds a fresh environment for each check.
    public let make: () throws(EnvironmentError) -> AnyEnvironment
    /// Whether stepping before reset must throw (true for registry-made environments).
    public var expectOrderEnforcing = true
    /// Steps to roll out in the rollout check.
    public var rolloutSteps = 600

    /// Creates a checker.
    public init(make: @escaping () throws(EnvironmentError) -> AnyEnvironment) { self.make = make }

    /// A checker for a registered id.
    public init(id: String, registry: EnvironmentRegistry = .shared) {
        make = { () throws(EnvironmentError) in try registry.make(id) }
    }

    /// Runs every check.
    public func run() -> [Result] {
        [
            check("spaces", checkSpaces), check("reset-observation-in-space", checkResetObservation),
            check("reset-seed-determinism", checkResetDeterminism), check("reset-options", checkResetOptions),
            check("step-in-space", checkStepResults), check("step-determinism", checkStepDeterminism),
            check("action-not-mutated", checkActionNotMutated), check("order-enforcing", checkOrder),
            check("render", checkRender), check("rollout", checkRollout),
        ]
    }

    /// Runs every check and throws on the first failure.
    /// - Throws: ``EnvironmentError/checkFailed(_:)`` naming the failed check and what was found.
    public func validate() throws(EnvironmentError) {
        if let failure = run().first(where: { !$0.passed }) {
            throw .checkFailed("\(failure.name): \(failure.message)")
        }
    }

    private func check(_ name: String, _ body: () throws(EnvironmentError) -> Void) -> Result {
        do throws(EnvironmentError) {
            try body()
            return Result(name: name, passed: true, message: "")
        } catch {
            return Result(name: name, passed: false, message: error.description)
        }
    }

    private func fail(_ message: String) -> EnvironmentError { .checkFailed(message) }

    private func checkSpaces() throws(EnvironmentError) {
        let environment = try make()
        for (label, space) in [("observation", environment.observationSpace), ("action", environment.actionSpace)] {
            if space.flatDimension == 0 { throw fail("the \(label) space \(space) is empty") }
            var sampler = SpaceSampler(space: space, seed: 0)
            let sample = sampler.sample()
            if let problem = space.mismatch(sample) {
                throw fail("a sample of the \(label) space is not in it: \(problem)")
            }
            if case let .box(box) = space, box.low.contains(where: \.isNaN) || box.high.contains(where: \.isNaN) {
                throw fail("the \(label) space has NaN bounds")
            }
        }
    }

    private func checkResetObservation() throws(EnvironmentError) {
        var environment = try make()
        let reset = try environment.reset(seed: 0)
        if let problem = environment.observationSpace.mismatch(reset.observation) {
            throw fail("reset(seed: 0) observation: \(problem)")
        }
    }

    private func checkResetDeterminism() throws(EnvironmentError) {
        var first = try make(), second = try make()
        let a = try first.reset(seed: 123), b = try second.reset(seed: 123)
        if a.observation != b.observation {
            throw fail("two resets with seed 123 gave \(a.observation.summary) and \(b.observation.summary)")
        }
        let again = try first.reset(seed: 123)
        if again.observation != a.observation {
            throw fail(
                "re-seeding the same instance with 123 gave \(again.observation.summary), first \(a.observation.summary)"
            )
        }
        let continued1 = try first.reset(seed: nil), continued2 = try second.reset(seed: nil)
        if continued1.observation != continued2.observation {
            throw fail("reset(seed: nil) after the same seed diverged: the stream must continue deterministically")
        }
        if let problem = first.observationSpace.mismatch(continued1.observation) {
            throw fail("reset(seed: nil) observation: \(problem)")
        }
    }

    private func checkResetOptions() throws(EnvironmentError) {
        var environment = try make()
        _ = try environment.reset(seed: 1, options: [:])
    }

    private func checkStepResults() throws(EnvironmentError) {
        var environment = try make()
        _ = try environment.reset(seed: 7)
        var sampler = SpaceSampler(space: environment.actionSpace, seed: 7)
        for _ in 0..<20 {
            let step = try environment.step(sampler.sample())
            if let problem = environment.observationSpace.mismatch(step.observation) {
                throw fail("step observation: \(problem)")
            }
            if !step.reward.isFinite { throw fail("step reward \(step.reward) is not finite") }
            if step.isDone { _ = try environment.reset(seed: nil) }
        }
    }

    private func checkStepDeterminism() throws(EnvironmentError) {
        var first = try make(), second = try make()
        var samplerA = SpaceSampler(space: first.actionSpace, seed: 123)
        var samplerB = SpaceSampler(space: second.actionSpace, seed: 123)
        _ = try first.reset(seed: 123)
        _ = try second.reset(seed: 123)
        for index in 0..<50 {
            let actionA = samplerA.sample(), actionB = samplerB.sample()
            let a = try first.step(actionA), b = try second.step(actionB)
            if a.observation != b.observation || a.reward != b.reward || a.terminated != b.terminated
                || a.truncated != b.truncated
            {
                throw fail("step \(index) with seed 123 differs between two instances")
            }
            if a.isDone {
                _ = try first.reset(seed: nil)
                _ = try second.reset(seed: nil)
            }
        }
    }

    private func checkActionNotMutated() throws(EnvironmentError) {
        var environment = try make()
        _ = try environment.reset(seed: 3)
        var sampler = SpaceSampler(space: environment.actionSpace, seed: 3)
        let action = sampler.sample()
        let copy = action
        _ = try environment.step(action)
        if action != copy { throw fail("step changed the action it was given") }
    }

    private func checkOrder() throws(EnvironmentError) {
        guard expectOrderEnforcing else { return }
        var environment = try make()
        var sampler = SpaceSampler(space: environment.actionSpace, seed: 0)
        do {
            _ = try environment.step(sampler.sample())
        } catch .resetNeeded {
            return
        } catch {
            throw fail("step before reset threw \(error) instead of resetNeeded")
        }
        throw fail("step before reset did not throw; wrap the environment in OrderEnforcing")
    }

    private func checkRender() throws(EnvironmentError) {
        var environment = try make()
        _ = try environment.reset(seed: 0)
        guard let frame = environment.render() else {
            if !environment.metadata.renderModes.isEmpty {
                throw fail("render() returned nil but metadata lists render modes")
            }
            return
        }
        switch frame {
        case let .rgb(image):
            if image.width == 0 || image.height == 0 { throw fail("render() returned an empty image") }
        case let .text(text):
            if text.isEmpty { throw fail("render() returned empty text") }
        }
    }

    private func checkRollout() throws(EnvironmentError) {
        var environment = try make()
        _ = try environment.reset(seed: 11)
        var sampler = SpaceSampler(space: environment.actionSpace, seed: 11)
        for _ in 0..<rolloutSteps {
            let step = try environment.step(sampler.sample())
            if let problem = environment.observationSpace.mismatch(step.observation) {
                throw fail("rollout observation: \(problem)")
            }
            if step.isDone { _ = try environment.reset(seed: nil) }
        }
    }
}
