import RLCore
import Tensor
import Testing

@testable import Algorithms

@Test("A2C improves its CartPole evaluation return within 20k steps")
func a2cLearnsSomething() throws {
    let preset = try #require(A2C.preset(for: "CartPole-v1"))
    let a2c = try A2C(config: preset.config, environment: preset.environment, seed: 1)
    let before = try Evaluation.run(a2c, episodes: 5, seed: 100).mean
    try a2c.learn(totalSteps: 20_000, callbacks: [])
    let after = try Evaluation.run(a2c, episodes: 5, seed: 100).mean
    #expect(after > before + 50, "before \(before), after \(after)")
}

@Test("RMSprop matches PyTorch's first step: θ − lr·g/(√((1−α)g²) + ε)")
func rmspropFirstStep() {
    let parameter = Tensor([Float(1)])
    let optimizer = RMSprop(learningRate: 0.1, alpha: 0.99, epsilon: 1e-8)
    optimizer.update(parameters: [parameter], gradients: [Tensor([Float(2)])])
    let expected = 1 - 0.1 * 2 / ((0.01 * 4).squareRoot() + 1e-8)
    #expect(abs(Double(parameter.item()) - expected) < 1e-5)
}
