/// Mean squared error, averaged over all elements.
public func mseLoss(_ prediction: Tensor, _ target: Tensor) -> Tensor { (prediction - target).square().mean() }

/// Huber / smooth-L1 loss with threshold `delta` (PyTorch `huber_loss`, mean reduction; DQN uses δ = 1).
public func huberLoss(_ prediction: Tensor, _ target: Tensor, delta: Double = 1) -> Tensor {
    let d = prediction - target
    let a = abs(d)
    let quadratic = minimum(a, a.scalarLike(delta))
    let linearPart = a - quadratic
    return (quadratic.square() * 0.5 + linearPart * delta).mean()
}

/// Cross-entropy of `logits [B, K]` against class `targets` (one per row), averaged over rows.
public func crossEntropyLoss(logits: Tensor, targets: [Int]) -> Tensor {
    -logSoftmax(logits, axis: -1).gather(indices: targets, axis: -1).mean()
}

/// Binary cross-entropy with logits (stable form), averaged.
public func binaryCrossEntropyLoss(logits: Tensor, targets: Tensor) -> Tensor {
    // max(x,0) − x·t + log(1 + e^−|x|)
    (relu(logits) - logits * targets + softplus(-abs(logits)) ).mean()
}
