import Foundation
import Tensor
import Testing

@testable import Offline

@Suite("Trajectory attribution pieces against hand values")
struct AttributionPieceTests {
    @Test("Tokens: START, (s, a, r) per step, the closing step's state, END, then PAD to 3·L + 9")
    func tokenizer() throws {
        let tokenizer = TrajectoryTokenizer(stateCount: 49, actionCount: 4, maxLength: 3)
        let steps = [
            TabularStep(state: 14, action: 1, reward: -0.1, nextState: 15),
            TabularStep(state: 15, action: 0, reward: 1, nextState: 8),
            TabularStep(state: 8, action: 3, reward: 0, nextState: 8),
        ]
        // state 3 + s; action 3 + 49 + a; reward 3 + 53 + k with k: 1 → 0, −1 → 1, −0.1 → 2, 0 → 3.
        let expected = [1, 17, 53, 58, 18, 52, 56, 11, 2] + [Int](repeating: 0, count: 9)
        #expect(try tokenizer.encode(steps) == expected)
        #expect(tokenizer.sequenceLength == 18)
        #expect(tokenizer.vocabularySize == 60)
        #expect(throws: DatasetError.self) {
            try tokenizer.encode([TabularStep(state: 0, action: 0, reward: 0.5, nextState: 0)])
        }
        #expect(throws: DatasetError.self) { try tokenizer.encode(Array(repeating: steps[0], count: 5)) }
    }

    @Test("W₁ of two 64-vectors as SciPy computes it: mean gap of the sorted values")
    func wasserstein() {
        #expect(TrajectoryAttribution.wasserstein1D([0, 1, 3], [5, 6, 8]) == 5)
        #expect(TrajectoryAttribution.wasserstein1D([3, 0], [1, 1]) == 1.5)
        #expect(TrajectoryAttribution.wasserstein1D([0.2, 0.8], [0.8, 0.2]) == 0)
    }

    @Test("Data embedding softmax(Σ t / M)")
    func dataEmbedding() {
        let d = TrajectoryAttribution.dataEmbedding([[10, 0], [10, 0]], temperature: 10)
        let e2 = exp(2.0)
        #expect(abs(d[0] - e2 / (e2 + 1)) < 1e-12)
        #expect(abs(d[1] - 1 / (e2 + 1)) < 1e-12)
    }

    @Test("Empirical model and value iteration on a hand-made chain (γ 0.95)")
    func valueIteration() {
        // 0 →(a0, −0.1) 1 →(a1, +1) 2 (terminal, closing step (2, a2, 0, 2)); plus (0, a3) twice to 0 (r 0) and
        // once to 2 (r 3).
        let trajectories = [
            [
                TabularStep(state: 0, action: 0, reward: -0.1, nextState: 1),
                TabularStep(state: 1, action: 1, reward: 1, nextState: 2),
                TabularStep(state: 2, action: 2, reward: 0, nextState: 2),
            ],
            [
                TabularStep(state: 0, action: 3, reward: 0, nextState: 0),
                TabularStep(state: 0, action: 3, reward: 0, nextState: 0),
                TabularStep(state: 0, action: 3, reward: 3, nextState: 2),
            ],
        ]
        let q = TabularTrajectoryModel(stateCount: 3, actionCount: 4, trajectories: trajectories)
            .actionValues(gamma: 0.95, tolerance: 1e-12)
        // V(2) = 0; Q(1, 1) = 1; Q(0, 0) = −0.1 + 0.95·1 = 0.85;
        // Q(0, 3) = ⅔·(0 + 0.95·V(0)) + ⅓·3 with V(0) = max(0.85, Q(0, 3)) → Q(0,3) = 1 / (1 − 0.95·⅔) = 2.7273.
        let q03 = 1 / (1 - 0.95 * 2 / 3)
        #expect(abs(q[1 * 4 + 1] - 1) < 1e-9)
        #expect(abs(q[0 * 4 + 0] - 0.85) < 1e-9)
        #expect(abs(q[0 * 4 + 3] - q03) < 1e-6)
        #expect(q[0 * 4 + 1] == 0 && q[2 * 4 + 2] == 0)
        #expect(TrajectoryAttribution.argmaxSet(q[4..<8]) == [1])
        #expect(TrajectoryAttribution.argmaxSet([0, 2, 2, 1][...]) == [1, 2])
    }

    @Test("A decision is attributed to the nearest cluster (W₁) whose removal changes the greedy action set")
    func attribution() throws {
        // Trajectory 0 and 1 go right from state 0 (reward 1 and 0.5), trajectory 2 goes down (reward 0.8).
        func step(_ action: Int, _ reward: Double) -> [TabularStep] {
            [
                TabularStep(state: 0, action: action, reward: reward, nextState: 1),
                TabularStep(state: 1, action: 0, reward: 0, nextState: 1),
            ]
        }
        let trajectories = [step(1, 1), step(1, 0.5), step(2, 0.8)]
        let embeddings: [[Float]] = [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0]]
        let attribution = try TrajectoryAttribution(
            trajectories: trajectories, embeddings: embeddings, clusters: [[0], [1], [2]], stateCount: 2,
            actionCount: 4, temperature: 1)
        // Original: right has mean reward 0.75 < 0.8 → down. Removing 2 → right; removing 0 → down (0.8 > 0.5);
        // removing 1 → right (1 > 0.8). Candidates: clusters 0 (no: unchanged)… only 1 and 2 change it.
        let explanation = try #require(attribution.explain(state: 0))
        #expect(explanation.originalActions == [2])
        #expect(explanation.newActions == [1])
        let without1 = TrajectoryAttribution.dataEmbedding([[1, 0, 0, 0], [0, 0, 1, 0]], temperature: 1)
        let without2 = TrajectoryAttribution.dataEmbedding([[1, 0, 0, 0], [0, 1, 0, 0]], temperature: 1)
        let d1 = TrajectoryAttribution.wasserstein1D(attribution.originalEmbedding, without1)
        let d2 = TrajectoryAttribution.wasserstein1D(attribution.originalEmbedding, without2)
        // Removing 1 or 2 leaves embeddings that are permutations of each other: equal W₁, ties go to the lower index.
        #expect(abs(d1 - d2) < 1e-12)
        #expect(explanation.cluster == 1)
        #expect(abs(explanation.distance - d1) < 1e-12)
        #expect(attribution.explain(state: 1) == nil)
        let effects = attribution.effects(startStates: [0])
        #expect(effects.map(\.size) == [1, 1, 1])
        #expect(abs(effects[2].startValue - 0.75) < 1e-9)
        #expect(abs(attribution.originalValues(startStates: [0]).start - 0.8) < 1e-9)
    }

    @Test("pyclustering's BIC on a hand case, and X-means finds two and three separated blobs")
    func xMeans() {
        // n 2, K 1, d 1, σ² = 2: −ln 2π − ln 2 − ½ − ln 2.
        let bic = XMeans.bic([[0], [2]], clusters: [[0, 1]], centres: [[1]])
        #expect(abs(bic - (-log(2 * Double.pi) - 2 * log(2) - 0.5)) < 1e-12)
        var rng = Xoshiro256StarStar(seed: 4)
        func blob(_ x: Double, _ y: Double) -> [[Double]] {
            (0..<8).map { _ in [x + rng.nextDouble() * 0.5, y + rng.nextDouble() * 0.5] }
        }
        let two = blob(0, 0) + blob(10, 10)
        var clusterRNG = Xoshiro256StarStar(seed: 1)
        let found = XMeans.cluster(two, rng: &clusterRNG).clusters.map { Set($0) }
        #expect(Set(found) == [Set(0..<8), Set(8..<16)])
        let three = blob(0, 0) + blob(10, 10) + blob(-10, 10)
        var rng3 = Xoshiro256StarStar(seed: 2)
        let found3 = XMeans.cluster(three, rng: &rng3).clusters.map { Set($0) }
        #expect(Set(found3) == [Set(0..<8), Set(8..<16), Set(16..<24)])
    }

    @Test("Dyna-Q data: the requested outcome counts, closing steps, sorted lengths, same seed same data")
    func dynaQData() throws {
        var spec = AttributionDataSpec()
        spec.positives = 6
        spec.negatives = 2
        let data = try spec.generate(seed: 3)
        #expect(data.count == 8)
        #expect(try spec.generate(seed: 3) == data)
        for (index, trajectory) in data.enumerated() {
            let closing = try #require(trajectory.last)
            #expect(closing.reward == 0 && closing.state == closing.nextState)
            #expect(AttributionGrid.isTerminal(closing.state))
            #expect(trajectory.count <= spec.maxLength + 1)
            let last = trajectory[trajectory.count - 2].reward
            #expect(last == (index < 6 ? 1 : -1))
        }
        #expect(data.prefix(6).map(\.count) == data.prefix(6).map(\.count).sorted())
        #expect(data.suffix(2).map(\.count) == data.suffix(2).map(\.count).sorted(by: >))
    }

    @Test("The seq2seq LSTM autoencoder's reconstruction loss falls, and embeddings are concat(h, c)")
    func autoencoderLearns() throws {
        let tokenizer = TrajectoryTokenizer(stateCount: 49, actionCount: 4, maxLength: 3)
        let sequences = try [
            [TabularStep(state: 14, action: 1, reward: -0.1, nextState: 15),
             TabularStep(state: 15, action: 1, reward: 1, nextState: 16),
             TabularStep(state: 16, action: 0, reward: 0, nextState: 16)],
            [TabularStep(state: 44, action: 0, reward: -1, nextState: 31),
             TabularStep(state: 31, action: 2, reward: 0, nextState: 31)],
        ].map(tokenizer.encode)
        var rng = Xoshiro256StarStar(seed: 5)
        let model = TrajectoryAutoencoder(vocabularySize: tokenizer.vocabularySize, embedding: 8, hidden: 8, rng: &rng)
        let losses = model.train(sequences, epochs: 30, learningRate: 0.5)
        #expect(losses.last! < 0.5 * losses.first!, "\(losses.first!) → \(losses.last!)")
        #expect(model.embedding(sequences[0]).count == 16)
    }
}
