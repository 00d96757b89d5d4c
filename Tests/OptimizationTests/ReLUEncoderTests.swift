import Testing

@testable import Optimization

/// The big-M ReLU encoding: interval bounds by hand, MILP maximisers against brute force over binary inputs.
@Suite struct ReLUEncoderTests {
    static let glpk = GLPKSolver.isAvailable

    /// SplitMix64, for reproducible random networks.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func randomNetwork(_ sizes: [Int], seed: UInt64) throws -> ReLUNetwork {
        var rng = SplitMix(state: seed)
        var layers: [ReLUNetwork.Layer] = []
        for (inputs, outputs) in zip(sizes, sizes.dropFirst()) {
            layers.append(ReLUNetwork.Layer(
                weights: (0..<outputs).map { _ in (0..<inputs).map { _ in Double.random(in: -1...1, using: &rng) } },
                bias: (0..<outputs).map { _ in Double.random(in: -0.5...0.5, using: &rng) }))
        }
        return try ReLUNetwork(layers: layers)
    }

    @Test func intervalBoundsByHand() throws {
        let network = try ReLUNetwork(layers: [
            .init(weights: [[1, -2], [0.5, 0.5]], bias: [0.5, -2]),
            .init(weights: [[1, 1]], bias: [0]),
        ])
        let bounds = try ReLUEncoder.preActivationBounds(network, inputBounds: [0...1, 0...1])
        #expect(bounds == [[-1.5...1.5, -2...(-1)]])
        #expect(network([1, 0]) == [1.5])
        #expect(network([0, 1]) == [0])
    }

    @Test func malformedNetworksAreRejected() {
        #expect(throws: OptimizationError.self) { try ReLUNetwork(layers: []) }
        #expect(throws: OptimizationError.self) {
            try ReLUNetwork(layers: [.init(weights: [[1, 2]], bias: [0]), .init(weights: [[1, 2]], bias: [0])])
        }
        #expect(throws: OptimizationError.self) { try ReLUNetwork(layers: [.init(weights: [[1, .nan]], bias: [0])]) }
    }

    /// Maximises the network over binary inputs (optionally with Σx ≤ budget) with the MILP.
    static func milpMaximum(_ network: ReLUNetwork, budget: Double?, bigM: BigM) throws -> (Double, [Double]) {
        var model = MILPModel()
        let x = (0..<network.inputCount).map { model.addVariable("x\($0)", kind: .binary) }
        if let budget { model.addConstraint(LinearExpression(x.map { ($0, 1.0) }) <= budget) }
        let encoding = try ReLUEncoder.encode(
            network, inputs: x.map { LinearExpression($0) }, inputBounds: x.map { _ in 0...1 }, bigM: bigM,
            into: &model)
        model.setObjective(encoding.outputs[0], .maximize)
        let solution = try model.solve()
        return (solution.objective, x.map { solution[$0].rounded() })
    }

    static func bruteForceMaximum(_ network: ReLUNetwork, budget: Double?) -> Double {
        var best = -Double.infinity
        for code in 0..<(1 << network.inputCount) {
            let input = (0..<network.inputCount).map { Double((code >> $0) & 1) }
            if let budget, input.reduce(0, +) > budget { continue }
            best = max(best, network(input)[0])
        }
        return best
    }

    @Test(.enabled(if: glpk), arguments: [nil, 3.0])
    func milpMaximiserMatchesBruteForceOverBinaryInputs(budget: Double?) throws {
        for seed in 0..<12 as Range<UInt64> {
            let sizes = seed % 3 == 0 ? [6, 8, 4, 1] : [6, 12, 1]
            let network = try Self.randomNetwork(sizes, seed: seed + 100)
            let (value, argmax) = try Self.milpMaximum(network, budget: budget, bigM: .intervalBounds)
            let best = Self.bruteForceMaximum(network, budget: budget)
            #expect(abs(value - best) < 1e-6, "seed \(seed)")
            #expect(abs(network(argmax)[0] - best) < 1e-6, "seed \(seed): the returned input attains the maximum")
        }
    }

    @Test(.enabled(if: glpk)) func constantBigMAgreesOnASmallNet() throws {
        let network = try Self.randomNetwork([4, 5, 1], seed: 7)
        let (value, _) = try Self.milpMaximum(network, budget: nil, bigM: .constant(100))
        #expect(abs(value - Self.bruteForceMaximum(network, budget: nil)) < 1e-6)
        var model = MILPModel()
        #expect(throws: OptimizationError.self) {
            try ReLUEncoder.encode(network, inputs: [], inputBounds: [], into: &model)
        }
    }
}
