import Environments
import Testing
import Tensor
import Tracking

@testable import RLCore

/// NaN or infinite values from an environment or in gradients stop training with the stream and step named.
@Suite struct NonFiniteStreamTests {
    @Test func environmentRewardAndObservationAreNamed() {
        #expect(throws: NonFiniteValueError(
            quantity: "environment reward of sub-environment 1", step: 40, value: .infinity,
            advice: "Toy-v0 produced it: check the environment (Gymnasium's passive checker reports the same), or "
                + "wrap it to sanitise its output.")) {
            try TrainingEnvironment.checkFinite([0, .infinity], [0, 0, 0, 0], id: "Toy-v0", count: 2, step: 40)
        }
        do throws(NonFiniteValueError) {
            try TrainingEnvironment.checkFinite([0, 1], [0, 0, 0, 0, .nan, 0], id: "Toy-v0", count: 2, step: 8)
            Issue.record("a NaN observation passed")
        } catch {
            #expect(error.quantity == "environment observation [1] of sub-environment 1")
            #expect(error.step == 8)
            #expect(error.value.isNaN)
        }
        #expect(throws: Never.self) {
            try TrainingEnvironment.checkFinite([1, -2], [0.5, 1e30, -3, 0], id: "Toy-v0", count: 2, step: 1)
        }
    }

    @Test func nonFiniteGradientNamesItsParameter() throws {
        let good = Gradients(paths: ["a.weight", "b.bias"], tensors: [Tensor([Float(3), 4]), Tensor([Float(0)])])
        let clipped = try good.clippedCheckingFinite(1, owner: "policy", step: 5)
        #expect(abs(clipped.globalNorm - 1) < 1e-5)
        let bad = Gradients(paths: ["a.weight", "b.bias"], tensors: [Tensor([Float(3), 4]), Tensor([Float.nan])])
        do throws(NonFiniteValueError) {
            _ = try bad.clippedCheckingFinite(1, owner: "policy", step: 7)
            Issue.record("a NaN gradient passed")
        } catch {
            #expect(error.quantity == "gradient of policy.b.bias")
            #expect(error.step == 7)
        }
    }
}
