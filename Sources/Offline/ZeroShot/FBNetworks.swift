import Tensor

/// The forward map of discrete-action FB: twin heads F₁, F₂ that read [s, z] (or [φ(h), z] through a GRU history
/// encoder φ for FB-M) and output one d-dimensional embedding per action, `[B, n, d]` each.
public final class FBForward: Module {
    /// φ, the GRU over history windows (FB-M); nil for memory-free FB.
    public let encoder: HistoryEncoder?
    /// F₁.
    public let head1: MLP
    /// F₂.
    public let head2: MLP
    let _actions: Int
    let _dimension: Int

    /// Heads of hidden widths `hidden` for inputs of `inputs` entries (or windows of `window` rows through a GRU of
    /// `memoryWidth` units when `memoryWidth` > 0).
    public init(
        inputs: Int, actions: Int, dimension d: Int, hidden: [Int], memoryWidth: Int, window: Int?,
        using rng: inout Xoshiro256StarStar
    ) {
        if memoryWidth > 0 {
            let k = window ?? 1
            encoder = HistoryEncoder(
                steps: k, stepWidth: inputs / k, width: memoryWidth, masked: window != nil, using: &rng)
        } else {
            encoder = nil
        }
        let width = (memoryWidth > 0 ? memoryWidth : inputs) + d
        head1 = MLP([width] + hidden + [actions * d], activation: .relu, using: &rng)
        head2 = MLP([width] + hidden + [actions * d], activation: .relu, using: &rng)
        _actions = actions
        _dimension = d
    }

    /// (F₁, F₂) for every action, each `[B, n, d]`.
    public func callAsFunction(_ observations: Tensor, z: Tensor) -> (Tensor, Tensor) {
        let h = concat([encoder.map { $0(observations) } ?? observations, z], axis: 1)
        let b = observations.shape[0]
        return (head1(h).reshaped([b, _actions, _dimension]), head2(h).reshaped([b, _actions, _dimension]))
    }
}

/// The backward map B(s) ∈ ℝᵈ: a ReLU MLP on the current observation. For history windows (FB-M) it reads the
/// window's last row's observation part (the digest's "F, π (and optionally B)" take a history; here B does not).
public final class FBBackward: Module {
    /// The MLP.
    public let net: MLP
    let _rawDimension: Int
    let _rowOffset: Int?

    /// B for observations of `rawDimension` entries; `rowOffset` is where the last window row starts (nil: the
    /// input is the observation itself).
    public init(
        rawDimension: Int, rowOffset: Int?, dimension d: Int, hidden: [Int], using rng: inout Xoshiro256StarStar
    ) {
        net = MLP([rawDimension] + hidden + [d], activation: .relu, using: &rng)
        _rawDimension = rawDimension
        _rowOffset = rowOffset
    }

    /// The raw observation part of learner inputs `[B, D]`, `[B, rawDimension]`.
    public func observationPart(_ x: Tensor) -> Tensor {
        guard let offset = _rowOffset else { return x }
        return x.slice(axis: 1, offset..<(offset + _rawDimension))
    }

    /// B of learner inputs (windows or observations), `[B, d]`.
    public func callAsFunction(_ x: Tensor) -> Tensor { net(observationPart(x)) }

    /// B of raw observations `[B, rawDimension]` (goals), `[B, d]`.
    public func ofObservations(_ raw: Tensor) -> Tensor { net(raw) }
}
