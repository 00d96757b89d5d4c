import Tensor

/// The study's trajectory encoder: a sequence-to-sequence LSTM autoencoder over ``TrajectoryTokenizer`` tokens
/// (token embedding 16, hidden 32). The encoder reads the tokens after START; the decoder starts from the encoder's
/// final `(h, c)` and, teacher-forced on the tokens before the last, predicts the tokens after START (negative
/// log-likelihood, PAD targets ignored). A trajectory's embedding is `concat(h_n, c_n)` (64 numbers).
public final class TrajectoryAutoencoder: Module {
    /// Encoder token embedding.
    public let encoderEmbedding: Embedding
    /// Encoder LSTM cell.
    public let encoder: LSTMCell
    /// Decoder token embedding.
    public let decoderEmbedding: Embedding
    /// Decoder LSTM cell.
    public let decoder: LSTMCell
    /// Decoder output layer (hidden → vocabulary logits).
    public let output: Linear

    /// An autoencoder with PyTorch's default initialisations drawn from `rng`.
    public init(vocabularySize: Int, embedding: Int = 16, hidden: Int = 32, rng: inout Xoshiro256StarStar) {
        encoderEmbedding = Embedding(vocabularySize: vocabularySize, dimension: embedding, using: &rng)
        encoder = LSTMCell(inputSize: embedding, hiddenSize: hidden, using: &rng)
        decoderEmbedding = Embedding(vocabularySize: vocabularySize, dimension: embedding, using: &rng)
        decoder = LSTMCell(inputSize: embedding, hiddenSize: hidden, using: &rng)
        output = Linear(hidden, vocabularySize, using: &rng)
    }

    /// The encoder's final `(h, c)` after `tokens[1...]`.
    public func encode(_ tokens: [Int]) -> (h: Tensor, c: Tensor) {
        let embedded = encoderEmbedding(Array(tokens.dropFirst()))
        var state: (h: Tensor, c: Tensor)?
        for t in 0..<(tokens.count - 1) { state = encoder(embedded.slice(axis: 0, t..<(t + 1)), state) }
        let zeros = Tensor([Float](repeating: 0, count: encoder.hiddenSize), shape: [1, encoder.hiddenSize])
        return state ?? (zeros, zeros)
    }

    /// The embedding `concat(h_n, c_n)` of `tokens` (no gradient).
    public func embedding(_ tokens: [Int]) -> [Float] {
        withNoGrad {
            let (h, c) = encode(tokens)
            return h.floats + c.floats
        }
    }

    /// The reconstruction loss of `tokens`: mean negative log-likelihood of the non-PAD tokens after START.
    public func loss(_ tokens: [Int]) -> Tensor {
        var state: (h: Tensor, c: Tensor)? = encode(tokens)
        let inputs = decoderEmbedding(Array(tokens.dropLast()))
        var hidden: [Tensor] = []
        for t in 0..<(tokens.count - 1) {
            let next = decoder(inputs.slice(axis: 0, t..<(t + 1)), state)
            hidden.append(next.h)
            state = next
        }
        let logProbabilities = logSoftmax(output(concat(hidden, axis: 0)), axis: -1)
        let targets = Array(tokens.dropFirst())
        let mask = targets.map { $0 == TrajectoryTokenizer.pad ? Float(0) : 1 }
        let count = max(mask.reduce(0, +), 1)
        let picked = logProbabilities.gather(indices: targets, axis: -1)
        return -(picked * Tensor(mask, shape: [targets.count, 1])).sum() * (1 / Double(count))
    }

    /// Trains on `sequences` in order, one SGD step per sequence (the study: 25 epochs, learning rate 1, gradients
    /// clipped to global norm 10); returns the mean loss of each epoch.
    public func train(_ sequences: [[Int]], epochs: Int, learningRate: Double = 1, clipNorm: Double = 10) -> [Double] {
        let optimizer = SGD(learningRate: learningRate)
        var history: [Double] = []
        for _ in 0..<epochs {
            var total = 0.0
            for tokens in sequences {
                let (value, gradients) = valueAndGrad(self) { $0.loss(tokens) }
                optimizer.update(self, gradients: gradients.clippedByGlobalNorm(clipNorm).gradients)
                total += Double(value.item())
            }
            history.append(total / Double(max(sequences.count, 1)))
        }
        return history
    }
}
