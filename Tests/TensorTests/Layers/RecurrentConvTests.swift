import Testing
@testable import Tensor

@Suite("GRUCell, LSTMCell, Conv1d")
struct RecurrentConvTests {
    @Test("GRUCell matches torch.nn.GRUCell (names, layout, gate order)")
    func gruMatchesTorch() throws {
        let fixture = try TorchLayersFixture.load()
        var rng = TestRNG(1)
        let cell = GRUCell(inputSize: 3, hiddenSize: 4, dtype: .float64, using: &rng)
        #expect(cell.namedParameters().map { $0.path } == ["weight_ih", "weight_hh", "bias_ih", "bias_hh"])
        try AttentionTests.load(cell, from: fixture, case: "gru_cell")
        let h = cell(try fixture.tensor("gru_cell", "x"), try fixture.tensor("gru_cell", "h"))
        #expect(maxDifference(h, try fixture.tensor("gru_cell", "h_next")) < 1e-12)
    }

    @Test("LSTMCell matches torch.nn.LSTMCell")
    func lstmMatchesTorch() throws {
        let fixture = try TorchLayersFixture.load()
        var rng = TestRNG(1)
        let cell = LSTMCell(inputSize: 3, hiddenSize: 4, dtype: .float64, using: &rng)
        try AttentionTests.load(cell, from: fixture, case: "lstm_cell")
        let state = (h: try fixture.tensor("lstm_cell", "h"), c: try fixture.tensor("lstm_cell", "c"))
        let (h, c) = cell(try fixture.tensor("lstm_cell", "x"), state)
        #expect(maxDifference(h, try fixture.tensor("lstm_cell", "h_next")) < 1e-12)
        #expect(maxDifference(c, try fixture.tensor("lstm_cell", "c_next")) < 1e-12)
    }

    @Test("GRUCell gradient over two steps against finite differences")
    func gruGradient() {
        var rng = TestRNG(2)
        let cell = GRUCell(inputSize: 3, hiddenSize: 2, dtype: .float64, using: &rng)
        let x = randomDouble([2, 3], seed: 3), h = randomDouble([2, 2], seed: 4)
        expectModuleGradient(cell, inputs: [x, h]) { cell($0[0], cell($0[0], $0[1])) }
    }

    @Test("LSTMCell gradient over two steps against finite differences")
    func lstmGradient() {
        var rng = TestRNG(3)
        let cell = LSTMCell(inputSize: 2, hiddenSize: 3, dtype: .float64, using: &rng)
        let x = randomDouble([2, 2], seed: 5), h = randomDouble([2, 3], seed: 6), c = randomDouble([2, 3], seed: 7)
        expectModuleGradient(cell, inputs: [x, h, c]) { v in
            let first = cell(v[0], (v[1], v[2]))
            let second = cell(v[0], first)
            return concat([second.h, second.c], axis: -1)
        }
    }

    @Test("a missing state means zeros")
    func zeroState() {
        var rng = TestRNG(4)
        let cell = GRUCell(inputSize: 2, hiddenSize: 3, bias: false, using: &rng)
        let x = Tensor.normal([4, 2], using: &rng)
        #expect(maxDifference(cell(x), cell(x, .zeros([4, 3]))) == 0)
        #expect(cell.namedParameters().count == 2)
    }

    @Test("Conv1d matches torch.nn.Conv1d with stride, padding and dilation")
    func conv1dMatchesTorch() throws {
        let fixture = try TorchLayersFixture.load()
        var rng = TestRNG(1)
        let conv = Conv1d(
            inChannels: 2, outChannels: 3, kernelSize: 3,
            stride: Int(try fixture.number("conv1d", "stride")),
            padding: Int(try fixture.number("conv1d", "padding")),
            dilation: Int(try fixture.number("conv1d", "dilation")), dtype: .float64, using: &rng)
        try AttentionTests.load(conv, from: fixture, case: "conv1d")
        let y = conv(try fixture.tensor("conv1d", "x"))
        #expect(maxDifference(y, try fixture.tensor("conv1d", "y")) < 1e-12)
    }

    @Test("Conv1d gradient against finite differences", arguments: [(1, 0, 1), (2, 1, 1), (1, 2, 2)])
    func conv1dGradient(stride: Int, padding: Int, dilation: Int) {
        var rng = TestRNG(6)
        let conv = Conv1d(
            inChannels: 2, outChannels: 3, kernelSize: 2, stride: stride, padding: padding,
            dilation: dilation, dtype: .float64, using: &rng)
        expectModuleGradient(conv, inputs: [randomDouble([2, 2, 6], seed: 9)]) { conv($0[0]) }
    }

    @Test("im2col1D lays out windows as [B, L_out, C·k] with zero padding")
    func im2colLayout() {
        let x = Tensor([1, 2, 3, 4] as [Double], shape: [1, 1, 4])
        let cols = im2col1D(x, geometry: Convolution1DGeometry(kernelSize: 2, stride: 1, padding: 1))
        #expect(cols.shape == [1, 5, 2])
        #expect(cols.doubles == [0, 1, 1, 2, 2, 3, 3, 4, 4, 0])
    }
}

@Suite("Fused recurrent gate ops")
struct RecurrentGateTests {
    @Test("gruGates equals the composite formula and has the right gradients")
    func gru() {
        let gi = randomDouble([2, 6], seed: 1), gh = randomDouble([2, 6], seed: 2), h = randomDouble([2, 2], seed: 3)
        let a = gi.split(parts: 3, axis: 1), b = gh.split(parts: 3, axis: 1)
        let r = sigmoid(a[0] + b[0]), z = sigmoid(a[1] + b[1]), n = tanh(a[2] + r * b[2])
        #expect(maxDifference(gruGates(inputGates: gi, hiddenGates: gh, state: h), (1 - z) * n + z * h) < 1e-15)
        expectGradient([gi, gh, h]) { gruGates(inputGates: $0[0], hiddenGates: $0[1], state: $0[2]) }
    }

    @Test("lstmGates equals the composite formula and has the right gradients")
    func lstm() {
        let gates = randomDouble([2, 8], low: -2, high: 2, seed: 4), c = randomDouble([2, 2], seed: 5)
        let p = gates.split(parts: 4, axis: 1)
        let cNext = sigmoid(p[1]) * c + sigmoid(p[0]) * tanh(p[2])
        let expected = concat([sigmoid(p[3]) * tanh(cNext), cNext], axis: 1)
        #expect(maxDifference(lstmGates(gates, cell: c), expected) < 1e-15)
        expectGradient([gates, c]) { lstmGates($0[0], cell: $0[1]) }
    }
}
