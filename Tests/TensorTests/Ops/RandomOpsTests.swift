import Testing
@testable import Tensor

@Suite("Random tensor ops draw from explicit generators")
struct RandomOpsTests {
    @Test("same seed ⇒ same tensors; different seeds differ")
    func determinism() {
        var a = Xoshiro256StarStar(seed: 5), b = Xoshiro256StarStar(seed: 5), c = Xoshiro256StarStar(seed: 6)
        let x = Tensor.normal([100], using: &a), y = Tensor.normal([100], using: &b), z = Tensor.normal([100], using: &c)
        #expect(x.floats == y.floats)
        #expect(x.floats != z.floats)
    }

    @Test("uniform and normal sample moments")
    func moments() {
        var rng = Xoshiro256StarStar(seed: 1)
        let u = Tensor.uniform([20_000], low: -2, high: 4, dtype: .float64, using: &rng).doubles
        #expect(u.allSatisfy { $0 >= -2 && $0 < 4 })
        #expect(Swift.abs(u.reduce(0, +) / 20_000 - 1) < 0.05)
        let n = Tensor.normal([20_000], mean: 3, std: 2, dtype: .float64, using: &rng)
        #expect(Swift.abs(n.mean().doubleItem() - 3) < 0.05)
        #expect(Swift.abs(n.standardDeviation().doubleItem() - 2) < 0.05)
    }

    @Test("categorical sampling follows softmax(logits) and never picks a masked class")
    func categorical() {
        var rng = Xoshiro256StarStar(seed: 2)
        let logits = Tensor([0, Float.log(3), -Float.infinity], shape: [1, 3])  // probabilities 1/4, 3/4, 0
        var counts = [0, 0, 0]
        for _ in 0..<8000 { counts[sampleCategorical(logits: logits, using: &rng)[0]] += 1 }
        #expect(counts[2] == 0)
        #expect(Swift.abs(Double(counts[1]) / 8000 - 0.75) < 0.02)
        let batch = sampleCategorical(logits: Tensor.zeros([5, 4]), using: &rng)
        #expect(batch.count == 5 && batch.allSatisfy { (0..<4).contains($0) })
    }

    @Test("permutations are permutations and are uniform on first position")
    func permutation() {
        var rng = Xoshiro256StarStar(seed: 3)
        var firsts = [Int](repeating: 0, count: 4)
        for _ in 0..<4000 {
            let p = randomPermutation(4, using: &rng)
            #expect(p.sorted() == [0, 1, 2, 3])
            firsts[p[0]] += 1
        }
        #expect(firsts.allSatisfy { Swift.abs(Double($0) / 4000 - 0.25) < 0.03 })
        #expect(randomPermutation(0, using: &rng).isEmpty)
    }

    @Test("Sequential applies layers in order and exposes their parameters")
    func sequential() {
        var rng = Xoshiro256StarStar(seed: 4)
        let first = Linear(3, 4, using: &rng), second = Linear(4, 2, using: &rng)
        let model = Sequential([(first, { first($0) }), (Module(), { relu($0) }), (second, { second($0) })])
        let x = Tensor.normal([5, 3], using: &rng)
        #expect(model(x).floats == second(relu(first(x))).floats)
        #expect(model.namedParameters().map(\.path) == ["layers.0.weight", "layers.0.bias", "layers.2.weight", "layers.2.bias"])
    }
}
