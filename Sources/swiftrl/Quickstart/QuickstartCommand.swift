import ArgumentParser
import Foundation
import Tensor

/// `swiftrl quickstart`: the README's main job. Until the online-RL algorithms land it trains a small MLP on a
/// seeded synthetic regression and reports the loss, exercising the tensor engine, autodiff and Adam end to end.
struct QuickstartCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quickstart",
        abstract: "Train a small network end to end and report the result.",
        discussion: """
            Fits y = sin(3x₀)·cos(2x₁) + noise with an MLP 2→64→64→1 (tanh) and Adam, then reports train and
            held-out mean squared error and wall time. Same seed ⇒ same numbers.

            Examples:
              swiftrl quickstart
              swiftrl quickstart --seed 3 --steps 4000
            """
    )

    @Option(help: "Run seed; every random stream is derived from it.")
    var seed: UInt64 = 1

    @Option(help: "Number of Adam steps.")
    var steps: Int = 2000

    @Option(help: "Minibatch size.")
    var batchSize: Int = 128

    func validate() throws {
        guard steps > 0 else { throw ValidationError("--steps must be positive, got \(steps)") }
        guard batchSize > 0 else { throw ValidationError("--batch-size must be positive, got \(batchSize)") }
    }

    func run() throws {
        let root = Xoshiro256StarStar(seed: seed)
        var dataRNG = root.derived("data"), initRNG = root.derived("init"), batchRNG = root.derived("batches")
        let (trainX, trainY) = Self.makeData(count: 4096, using: &dataRNG)
        let (testX, testY) = Self.makeData(count: 1024, using: &dataRNG)
        let model = MLP([2, 64, 64, 1], activation: .tanh, using: &initRNG)
        let optimizer = Adam(learningRate: 3e-3)
        let schedule = Schedule.cosine(start: 3e-3, end: 1e-4, steps: steps)
        print("SwiftRL quickstart: MLP 2→64→64→1 (\(model.parameterCount) parameters), Adam, \(steps) steps, seed \(seed)")
        let start = Date()
        var lastLoss = 0.0
        for step in 0..<steps {
            let rows = (0..<batchSize).map { _ in Int(batchRNG.next(upperBound: UInt64(trainX.shape[0]))) }
            let x = trainX.indexSelect(rows), y = trainY.indexSelect(rows)
            optimizer.learningRate = schedule.value(at: step)
            let (loss, grads) = valueAndGrad(model) { m in mseLoss(m(x), y) }
            optimizer.update(model, gradients: grads)
            lastLoss = loss.doubleItem()
            if (step + 1) % max(steps / 5, 1) == 0 {
                print(String(format: "  step %5d  loss %.5f", step + 1, lastLoss))
            }
        }
        let seconds = Date().timeIntervalSince(start)
        let trainMSE = withNoGrad { mseLoss(model(trainX), trainY) }.doubleItem()
        let testMSE = withNoGrad { mseLoss(model(testX), testY) }.doubleItem()
        let baseline = testY.variance(correction: 0).doubleItem()
        print(String(format: "done in %.2f s (%.0f steps/s)", seconds, Double(steps) / seconds))
        print(String(format: "train MSE %.5f · held-out MSE %.5f · predicting the mean would give %.5f", trainMSE, testMSE, baseline))
    }

    static func makeData<G: RandomNumberGenerator>(count: Int, using rng: inout G) -> (Tensor, Tensor) {
        let x = Tensor.uniform([count, 2], low: -1, high: 1, using: &rng)
        let noise = Tensor.normal([count, 1], std: 0.05, using: &rng)
        let x0 = x.slice(axis: 1, 0..<1), x1 = x.slice(axis: 1, 1..<2)
        return (x, sin(x0 * 3) * cos(x1 * 2) + noise)
    }
}
