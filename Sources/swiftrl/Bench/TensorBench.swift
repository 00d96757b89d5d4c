import Tensor

/// The `tensor` benchmark suite (issue: foundation): GEMM throughput on both backends, MLP training steps and a
/// small transformer LM step. Case names match `Benchmarks/peers/tensor_torch.py`.
enum TensorBench {
    static func run(quick: Bool, filter: String? = nil, clock: BenchmarkClock = .wall) -> [BenchmarkResult] {
        var results: [BenchmarkResult] = []
        let rounds = quick ? 3 : 7
        func wanted(_ name: String) -> Bool { filter.map { name.contains($0) } ?? true }
        for n in [256, 512, 1024] {
            for backend in [GEMM.Backend.openBLAS, .builtin] where backend == .builtin || GEMM.isOpenBLASAvailable {
                if wanted("sgemm_\(n)" + (backend == .builtin ? "_builtin" : "")) {
                    results.append(gemm(n: n, backend: backend, rounds: rounds, clock: clock))
                }
            }
        }
        for shape in modelShapes {
            for backend in [GEMM.Backend.openBLAS, .builtin] where backend == .builtin || GEMM.isOpenBLASAvailable {
                let name = "sgemm_\(shape.name)" + (backend == .builtin ? "_builtin" : "")
                if wanted(name) {
                    results.append(
                        gemm(shape: shape, name: name, backend: backend, rounds: rounds, clock: clock))
                }
            }
        }
        if wanted("mlp_step_b64") {
            results.append(mlpStep(sizes: [4, 64, 64, 2], activation: .tanh, batch: 64, name: "mlp_step_b64", rounds: rounds, clock: clock))
        }
        if wanted("mlp_step_b256_h256") {
            results.append(mlpStep(sizes: [17, 256, 256, 6], activation: .relu, batch: 256, name: "mlp_step_b256_h256", rounds: rounds, clock: clock))
        }
        if wanted("transformer_step") { results.append(transformerStep(rounds: quick ? 3 : 5, clock: clock)) }
        return results
    }

    /// One matrix product of a model's training step: `C (m×n) = op(A) · op(B)` with inner size k.
    struct Shape {
        var name: String, m: Int, n: Int, k: Int, transA = false, transB = false
    }

    /// Products from the PPO, SAC and transformer benchmarks: forward layers, input gradients (`dY · Wᵀ`) and
    /// weight gradients (`Xᵀ · dY`).
    static let modelShapes = [
        Shape(name: "ppo_64x64x64", m: 64, n: 64, k: 64),
        Shape(name: "sac_256x256x17", m: 256, n: 256, k: 17),
        Shape(name: "sac_256x256x256_wgrad", m: 256, n: 256, k: 256, transA: true),
        Shape(name: "sac_256x256x256_igrad", m: 256, n: 256, k: 256, transB: true),
        Shape(name: "lm_1024x384x128", m: 1024, n: 384, k: 128),
        Shape(name: "lm_1024x512x128", m: 1024, n: 512, k: 128),
        Shape(name: "lm_128x512x1024_wgrad", m: 128, n: 512, k: 1024, transA: true),
    ]

    static func gemm(n: Int, backend: GEMM.Backend, rounds: Int, clock: BenchmarkClock) -> BenchmarkResult {
        gemm(
            shape: Shape(name: "\(n)", m: n, n: n, k: n),
            name: "sgemm_\(n)" + (backend == .builtin ? "_builtin" : ""), backend: backend, rounds: rounds,
            clock: clock)
    }

    static func gemm(
        shape: Shape, name: String, backend: GEMM.Backend, rounds: Int, clock: BenchmarkClock
    ) -> BenchmarkResult {
        var rng = Xoshiro256StarStar(seed: 1)
        let (m, n, k) = (shape.m, shape.n, shape.k)
        let a = (0..<(m * k)).map { _ in Float(rng.nextDouble()) - 0.5 }
        let b = (0..<(k * n)).map { _ in Float(rng.nextDouble()) - 0.5 }
        var c = [Float](repeating: 0, count: m * n)
        let iterations = max(1, 512 * 512 * 512 * 8 / (m * n * k))
        let seconds = a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    Stopwatch.sample(warmup: 1, rounds: rounds, iterations: iterations, clock: clock) {
                        GEMM.sgemm(
                            transA: shape.transA, transB: shape.transB, m: m, n: n, k: k, alpha: 1,
                            a: pa.baseAddress!, lda: shape.transA ? m : k, b: pb.baseAddress!,
                            ldb: shape.transB ? k : n, beta: 0, c: pc.baseAddress!, ldc: n, backend: backend)
                    }
                }
            }
        }
        let flops = 2 * Double(m) * Double(n) * Double(k)
        return BenchmarkResult(suite: "tensor", case: name, unit: "GFLOPS", samples: seconds.map { flops / $0 / 1e9 })
    }

    static func mlpStep(sizes: [Int], activation: Activation, batch: Int, name: String, rounds: Int, clock: BenchmarkClock) -> BenchmarkResult {
        var rng = Xoshiro256StarStar(seed: 2)
        let model = MLP(sizes, activation: activation, using: &rng)
        let x = Tensor.normal([batch, sizes[0]], using: &rng)
        let y = Tensor.normal([batch, sizes[sizes.count - 1]], using: &rng)
        let optimizer = Adam(learningRate: 1e-4)
        let step = {
            let (_, grads) = valueAndGrad(model) { m in mseLoss(m(x), y) }
            optimizer.update(model, gradients: grads)
        }
        let work = sizes.count > 3 && sizes[1] >= 256 ? 200 : 2000
        let seconds = Stopwatch.sample(warmup: 50, rounds: rounds, iterations: work, clock: clock, step)
        return BenchmarkResult(suite: "tensor", case: name, unit: "us", samples: seconds.map { $0 * 1e6 })
    }

    static func transformerStep(rounds: Int, clock: BenchmarkClock) -> BenchmarkResult {
        var rng = Xoshiro256StarStar(seed: 3)
        let model = BenchTransformer(vocabulary: 64, modelDim: 128, heads: 4, layers: 2, context: 64, using: &rng)
        let batch = 16, length = 64
        let tokens = (0..<(batch * (length + 1))).map { _ in Int(rng.next(upperBound: UInt64(64))) }
        var inputs: [Int] = [], targets: [Int] = []
        for b in 0..<batch {
            inputs += tokens[(b * (length + 1))..<(b * (length + 1) + length)]
            targets += tokens[(b * (length + 1) + 1)..<((b + 1) * (length + 1))]
        }
        let optimizer = AdamW(learningRate: 3e-4)
        let step = {
            let (_, grads) = valueAndGrad(model) { m in
                crossEntropyLoss(logits: m(inputs, batch: batch, length: length).reshaped([-1, 64]), targets: targets)
            }
            optimizer.update(model, gradients: grads)
        }
        let seconds = Stopwatch.sample(warmup: 2, rounds: rounds, iterations: 5, clock: clock, step)
        return BenchmarkResult(suite: "tensor", case: "transformer_step", unit: "ms", samples: seconds.map { $0 * 1e3 })
    }
}

/// The benchmark's GPT-style LM: token + learned position embeddings, pre-norm blocks (LayerNorm, causal
/// attention, LayerNorm, 4× GELU MLP), final LayerNorm and an untied head.
final class BenchTransformer: Module {
    let tokenEmbedding: Embedding
    let positionEmbedding: Embedding
    let blocks: [BenchBlock]
    let finalNorm: LayerNorm
    let head: Linear

    init<G: RandomNumberGenerator>(vocabulary: Int, modelDim: Int, heads: Int, layers: Int, context: Int, using rng: inout G) {
        tokenEmbedding = Embedding(vocabularySize: vocabulary, dimension: modelDim, initializer: .normal(std: 0.02), using: &rng)
        positionEmbedding = Embedding(vocabularySize: context, dimension: modelDim, initializer: .normal(std: 0.02), using: &rng)
        blocks = (0..<layers).map { _ in BenchBlock(modelDim: modelDim, heads: heads, using: &rng) }
        finalNorm = LayerNorm(modelDim)
        head = Linear(modelDim, vocabulary, bias: false, using: &rng)
    }

    func callAsFunction(_ ids: [Int], batch: Int, length: Int) -> Tensor {
        let positions = (0..<(batch * length)).map { $0 % length }
        var h = tokenEmbedding(ids, shape: [batch, length]) + positionEmbedding(positions, shape: [batch, length])
        for block in blocks { h = block(h) }
        return head(finalNorm(h))
    }
}

final class BenchBlock: Module {
    let norm1: LayerNorm
    let attention: MultiHeadAttention
    let norm2: LayerNorm
    let up: Linear
    let down: Linear

    init<G: RandomNumberGenerator>(modelDim: Int, heads: Int, using rng: inout G) {
        norm1 = LayerNorm(modelDim)
        attention = MultiHeadAttention(modelDim: modelDim, numHeads: heads, projections: .fused, using: &rng)
        norm2 = LayerNorm(modelDim)
        up = Linear(modelDim, 4 * modelDim, using: &rng)
        down = Linear(4 * modelDim, modelDim, using: &rng)
    }

    func callAsFunction(_ x: Tensor) -> Tensor {
        let h = x + attention(norm1(x))
        return h + down(gelu(up(norm2(h)), approximateTanh: true))
    }
}
