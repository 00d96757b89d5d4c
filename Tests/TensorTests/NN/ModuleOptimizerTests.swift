import Testing
@testable import Tensor

final class TwoHeads: Module {
    let body: Linear
    let heads: [Linear]
    let scale: Tensor
    let _cache: Tensor
    init(rng: inout TestRNG) {
        body = Linear(2, 3, using: &rng)
        heads = [Linear(3, 1, bias: false, using: &rng), Linear(3, 2, using: &rng)]
        scale = Tensor([1.0, 1.0]).cast(.float32)
        _cache = Tensor([0.0])
    }
}

@Suite("Modules, initialisers and optimizers")
struct ModuleOptimizerTests {
    @Test("nested paths, arrays, optionals and skipped private properties")
    func paths() {
        var rng = TestRNG(1)
        let m = TwoHeads(rng: &rng)
        #expect(m.namedParameters().map(\.path) == [
            "body.weight", "body.bias", "heads.0.weight", "heads.1.weight", "heads.1.bias", "scale",
        ])
        m.eval()
        #expect(m.heads[1].isTraining == false)
    }

    @Test("Polyak soft update and copy")
    func softUpdate() throws {
        var rng = TestRNG(1)
        let a = MLP([2, 3, 1], using: &rng), b = MLP([2, 3, 1], using: &rng)
        let before = a.parameters().map(\.floats), source = b.parameters().map(\.floats)
        try a.softUpdate(from: b, tau: 0.25)
        for (p, (old, src)) in zip(a.parameters(), zip(before, source)) {
            let expected: [Double] = zip(old, src).map { (o: Float, s: Float) -> Double in Double(s) * 0.25 + Double(o) * 0.75 }
            expectClose(p.doubles, expected, tolerance: 1e-6)
        }
        try a.copyParameters(from: b)
        #expect(a.parameters().map(\.floats) == source)
        let c = MLP([2, 4, 1], using: &rng)
        #expect(throws: ModuleStructureError.self) { try a.copyParameters(from: c) }
    }

    @Test("orthogonal initialiser gives orthonormal rows/columns times the gain")
    func orthogonal() {
        var rng = TestRNG(5)
        for shape in [[4, 6], [6, 4], [5, 5]] {
            let w = Initializer.orthogonal(gain: 2).make(shape, dtype: .float64, using: &rng)
            let gram = shape[0] <= shape[1] ? matmul(w, w, transposeB: true) : matmul(w, w, transposeA: true)
            let n = min(shape[0], shape[1])
            expectClose(gram.doubles, (Tensor.eye(n, dtype: .float64) * 4).doubles, tolerance: 1e-9)
        }
    }

    @Test("Adam matches hand-computed PyTorch steps")
    func adamSteps() {
        // One parameter θ = 1, gradient g = 0.5 each step, lr 0.1, β = (0.9, 0.999), ε = 1e-8.
        let p = Tensor([Float(1)])
        let adam = Adam(learningRate: 0.1)
        var theta = 1.0, m = 0.0, v = 0.0
        for t in 1...3 {
            adam.update(parameters: [p], gradients: [Tensor([Float(0.5)])])
            m = 0.9 * m + 0.1 * 0.5
            v = 0.999 * v + 0.001 * 0.25
            let mhat = m / (1 - Foundation.pow(0.9, Double(t))), vhat = v / (1 - Foundation.pow(0.999, Double(t)))
            theta -= 0.1 * mhat / (vhat.squareRoot() + 1e-8)
            expectClose(p.doubles, [theta], tolerance: 5e-6)  // Float32 arithmetic
        }
    }

    @Test("AdamW decays weights independently of the gradient")
    func adamW() {
        let p = Tensor([Float(2)])
        let opt = AdamW(learningRate: 0.1, weightDecay: 0.5)
        opt.update(parameters: [p], gradients: [Tensor([Float(0)])])
        let decayed: Double = 1.9  // 2 − lr·λ·θ
        expectClose(p.doubles, [decayed], tolerance: 1e-6)
    }

    @Test("SGD with momentum and Nesterov follow PyTorch's update")
    func sgd() {
        let p = Tensor([Float(1)]), q = Tensor([Float(1)])
        let plain = SGD(learningRate: 0.1, momentum: 0.9), nesterov = SGD(learningRate: 0.1, momentum: 0.9, nesterov: true)
        for _ in 0..<2 {
            plain.update(parameters: [p], gradients: [Tensor([Float(1)])])
            nesterov.update(parameters: [q], gradients: [Tensor([Float(1)])])
        }
        // buf: 1 then 1.9; plain: 1 − 0.1 − 0.19; nesterov uses g + μ·buf: 1.9 then 2.71
        let plainExpected: Double = 0.71  // 1 − 0.1 − 0.19
        expectClose(p.doubles, [plainExpected], tolerance: 1e-6)
        let nesterovExpected: Double = 0.539  // 1 − 0.19 − 0.271
        expectClose(q.doubles, [nesterovExpected], tolerance: 1e-6)
    }

    @Test("RMSprop step")
    func rmsprop() {
        let p = Tensor([Float(1)])
        RMSprop(learningRate: 0.01, alpha: 0.99, epsilon: 1e-8).update(parameters: [p], gradients: [Tensor([Float(2)])])
        let v: Double = 0.04  // (1 − α)·g²
        let expected: Double = 1 - 0.02 / (v.squareRoot() + 1e-8)
        expectClose(p.doubles, [expected], tolerance: 1e-6)
    }

    @Test("optimizer state round-trips and rejects mismatched state")
    func optimizerState() throws {
        let p = Tensor([Float(1), 2])
        let a = Adam(learningRate: 0.1)
        a.update(parameters: [p], gradients: [Tensor([Float(1), -1])])
        let b = Adam(learningRate: 0.1)
        try b.loadState(a.stateTensors())
        let p2 = Tensor(p.floats)
        a.update(parameters: [p], gradients: [Tensor([Float(0.5), 0.5])])
        b.update(parameters: [p2], gradients: [Tensor([Float(0.5), 0.5])])
        #expect(p.floats == p2.floats)
        #expect(throws: OptimizerStateError.self) { try Adam().loadState(["step": Tensor([1.0])].merging(["exp_avg.0": Tensor([Float(1)])]) { a, _ in a }) }
    }

    @Test("gradient clipping by global norm (PyTorch clip_grad_norm_)")
    func clipping() {
        let g = Gradients(paths: ["a", "b"], tensors: [Tensor([Float(3)]), Tensor([Float(4)])])
        let (clipped, norm) = g.clippedByGlobalNorm(1)
        #expect(Swift.abs(norm - 5) < 1e-9)
        let denominator: Double = 5 + 1e-6
        expectClose(clipped.tensors.flatMap(\.doubles), [3 / denominator, 4 / denominator], tolerance: 1e-6)
    }

    @Test("schedules: linear, cosine, warm-up")
    func schedules() {
        #expect(Schedule.linear(start: 1, end: 0, steps: 4).value(at: 1) == 0.75)
        #expect(Schedule.linear(start: 1, end: 0, steps: 4).value(at: 10) == 0)
        #expect(Swift.abs(Schedule.cosine(start: 1, end: 0, steps: 4).value(at: 2) - 0.5) < 1e-12)
        #expect(Schedule.warmup(steps: 2, then: .constant(1)).value(at: 0) == 0.5)
        #expect(Schedule.warmup(steps: 2, then: .constant(1)).value(at: 5) == 1)
    }

    @Test("a small MLP fits a regression with Adam")
    func learns() {
        var rng = TestRNG(2)
        let model = MLP([1, 32, 1], activation: .tanh, using: &rng)
        let x = Tensor.uniform([64, 1], low: -2, high: 2, using: &rng)
        let y = sin(x * 1.5)
        let opt = Adam(learningRate: 0.01)
        var loss = 0.0
        for _ in 0..<500 {
            let (l, g) = valueAndGrad(model) { m in mseLoss(m(x), y) }
            opt.update(model, gradients: g)
            loss = l.doubleItem()
        }
        #expect(loss < 0.01)
    }
}

import Foundation
