/// A finite-horizon tabular POMDP `(S, A, O, H, T_h, O_h, ρ)`: latent states evolve by `T_h(s' | s, a)` and the
/// learner sees only `o_h ~ O_h(· | s_h)` (rewards are left out: the POMDP serves sample-complexity experiments).
/// Tables are stationary (one) or per stage (H), like ``EpisodicMDP``.
public struct EpisodicPOMDP: Equatable, Sendable, Codable {
    /// Number of latent states S.
    public let stateCount: Int
    /// Number of actions A.
    public let actionCount: Int
    /// Number of observations O.
    public let observationCount: Int
    /// The horizon H.
    public let horizon: Int
    /// `transitions[k][(s·A + a)·S + s']`: one table or H tables.
    public var transitions: [[Double]]
    /// `emissions[k][s·O + o] = O_h(o | s)`: one table or H tables.
    public var emissions: [[Double]]
    /// ρ, S entries.
    public var initialDistribution: [Double]

    /// Largest number of rows `O^m·A^{m−1}` of an m-step emission matrix this type builds.
    public static let maximumEmissionRows = 1 << 20

    /// A POMDP from its tables; ``validate(tolerance:)`` checks them.
    public init(
        stateCount: Int, actionCount: Int, observationCount: Int, horizon: Int, transitions: [[Double]],
        emissions: [[Double]], initialDistribution: [Double]
    ) {
        self.stateCount = stateCount
        self.actionCount = actionCount
        self.observationCount = observationCount
        self.horizon = horizon
        self.transitions = transitions
        self.emissions = emissions
        self.initialDistribution = initialDistribution
    }

    /// `T_h(s' | s, a)`.
    @inline(__always) public func transition(stage: Int, _ state: Int, _ action: Int, _ next: Int) -> Double {
        transitions[transitions.count == 1 ? 0 : stage][(state * actionCount + action) * stateCount + next]
    }

    /// `O_h(o | s)`.
    @inline(__always) public func emission(stage: Int, _ state: Int, _ observation: Int) -> Double {
        emissions[emissions.count == 1 ? 0 : stage][state * observationCount + observation]
    }

    /// Checks shapes and that every transition and emission row and ρ are distributions.
    /// - Throws: ``EnvironmentError/invalidOption(_:)`` naming the first bad table and row.
    public func validate(tolerance: Double = 1e-9) throws(EnvironmentError) {
        let (s, a, o, h) = (stateCount, actionCount, observationCount, horizon)
        guard s > 0, a > 0, o > 0, h > 0 else {
            throw .invalidOption("EpisodicPOMDP: need S, A, O, H ≥ 1 (got \(s), \(a), \(o), \(h))")
        }
        func check(_ name: String, _ tables: [[Double]], rows: Int, width: Int) throws(EnvironmentError) {
            guard tables.count == 1 || tables.count == h else {
                throw .invalidOption("EpisodicPOMDP: \(name) needs 1 or H = \(h) tables, got \(tables.count)")
            }
            for (k, table) in tables.enumerated() {
                guard table.count == rows * width else {
                    throw .invalidOption(
                        "EpisodicPOMDP: \(name)[\(k)] needs \(rows)·\(width) entries, got \(table.count)")
                }
                for row in 0..<rows {
                    let slice = table[(row * width)..<((row + 1) * width)]
                    guard slice.allSatisfy({ $0 >= 0 && $0.isFinite }), abs(slice.reduce(0, +) - 1) <= tolerance else {
                        throw .invalidOption("EpisodicPOMDP: \(name)[\(k)] row \(row) is not a distribution")
                    }
                }
            }
        }
        try check("transitions", transitions, rows: s * a, width: s)
        try check("emissions", emissions, rows: s, width: o)
        try check("initialDistribution", [initialDistribution], rows: 1, width: s)
    }

    /// The m-step emission-action matrix `𝕄_{h,m}` (Liu, Chung, Szepesvári & Jin 2022; Chen et al. 2022,
    /// 2023): rows are futures `(o_h, a_h, o_{h+1}, …, a_{h+m−2}, o_{h+m−1})`, columns latent states `s_h`, and the
    /// entry is `P(o_h, …, o_{h+m−1} | s_h, a_h, …, a_{h+m−2})`. Row index: the digits `o_h, a_h, o_{h+1}, …` in
    /// mixed radix (O, A, O, …), most significant first. Needs `h + m ≤ H`.
    /// - Returns: the `rows × S` matrix, row-major, and its row count `O^m·A^{m−1}`.
    /// - Throws: ``EnvironmentError/invalidOption(_:)`` for m < 1, h + m > H or too many rows.
    public func emissionMatrix(stage h: Int, steps m: Int) throws(EnvironmentError) -> (values: [Double], rows: Int) {
        guard m >= 1, h >= 0, h + m <= horizon else {
            throw .invalidOption("emissionMatrix: need m ≥ 1 and 0 ≤ h, h + m ≤ H = \(horizon) (got h \(h), m \(m))")
        }
        var rows = observationCount
        for _ in 1..<m {
            let (next, overflow) = rows.multipliedReportingOverflow(by: actionCount * observationCount)
            guard !overflow, next <= Self.maximumEmissionRows else {
                throw .invalidOption("emissionMatrix: O^m·A^(m−1) exceeds \(Self.maximumEmissionRows) rows; lower m")
            }
            rows = next
        }
        let s = stateCount
        // Built backwards: F_{t}(future | s) for the last t steps, from stage h + m − 1 down to h.
        var future = [Double](repeating: 0, count: observationCount * s)
        var futureRows = observationCount
        for state in 0..<s {
            for o in 0..<observationCount { future[o * s + state] = emission(stage: h + m - 1, state, o) }
        }
        for stage in stride(from: h + m - 2, through: h, by: -1) {
            let newRows = observationCount * actionCount * futureRows
            var next = [Double](repeating: 0, count: newRows * s)
            for state in 0..<s {
                for action in 0..<actionCount {
                    // Σ_{s'} T(s' | s, a) F(rest | s')
                    var mixed = [Double](repeating: 0, count: futureRows)
                    for target in 0..<s {
                        let p = transition(stage: stage, state, action, target)
                        guard p != 0 else { continue }
                        for r in 0..<futureRows { mixed[r] += p * future[r * s + target] }
                    }
                    for o in 0..<observationCount {
                        let e = emission(stage: stage, state, o)
                        guard e != 0 else { continue }
                        let base = (o * actionCount + action) * futureRows
                        for r in 0..<futureRows { next[(base + r) * s + state] = e * mixed[r] }
                    }
                }
            }
            future = next
            futureRows = newRows
        }
        return (future, rows)
    }

    /// Samples one episode's observations (and the latent states) under a fixed action sequence (`actions[h]`,
    /// H entries; A = 1 POMDPs can pass zeros).
    public func sampleEpisode(actions: [Int], using generator: inout some RandomNumberGenerator)
        -> (states: [Int], observations: [Int])
    {
        var state = TransitionTable.categoricalIndex(
            initialDistribution, uniform: Double.random(in: 0..<1, using: &generator))
        var states: [Int] = [], observations: [Int] = []
        for stage in 0..<horizon {
            states.append(state)
            let table = emissions[emissions.count == 1 ? 0 : stage]
            observations.append(TransitionTable.categoricalIndex(
                table[(state * observationCount)..<((state + 1) * observationCount)],
                uniform: Double.random(in: 0..<1, using: &generator)))
            if stage + 1 < horizon {
                let t = transitions[transitions.count == 1 ? 0 : stage]
                let base = (state * actionCount + actions[stage]) * stateCount
                state = TransitionTable.categoricalIndex(
                    t[base..<(base + stateCount)], uniform: Double.random(in: 0..<1, using: &generator))
            }
        }
        return (states, observations)
    }
}
