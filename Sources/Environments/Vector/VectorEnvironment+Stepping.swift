import Dispatch

extension VectorEnvironment {
    /// Steps all sub-environments, taking sub-environment `i`'s action from `action(i)`; serial or chunked over
    /// threads. Each chunk writes only its own rows of the result buffers.
    mutating func stepAll(_ action: (Int) -> Env.Action) throws(EnvironmentError) {
        finishedEpisodes.removeAll(keepingCapacity: true)
        let count = self.count
        var threads = 1
        var adaptive = false
        switch parallelism {
        case .serial: break
        case let .threads(requested, minimumPerThread):
            threads = max(1, min(requested, count / max(1, minimumPerThread)))
        case let .adaptive(requested):
            adaptive = true
            threads = schedule.useThreads() ? max(1, min(requested, count)) : 1
        }
        let started = adaptive ? DispatchTime.now().uptimeNanoseconds : 0
        defer {
            if adaptive {
                let elapsed = Double(DispatchTime.now().uptimeNanoseconds &- started)
                schedule.record(nanoseconds: elapsed, threaded: threads > 1)
            }
        }
        let mode = autoresetMode, size = observationSize, collect = collectInfo
        var firstError: EnvironmentError?
        withBuffers { buffers in
            if threads == 1 {
                firstError = Self.stepRange(
                    0..<count, buffers: buffers, mode: mode, size: size, collect: collect,
                    action: action)
            } else {
                let chunk = (count + threads - 1) / threads
                var errors = [EnvironmentError?](repeating: nil, count: threads)
                errors.withUnsafeMutableBufferPointer { errorBuffer in
                    nonisolated(unsafe) let errorSlots = errorBuffer
                    nonisolated(unsafe) let shared = buffers
                    withoutActuallyEscaping(action) { action in
                        let stepChunk = { (range: Range<Int>) -> EnvironmentError? in
                            Self.stepRange(
                                range, buffers: shared, mode: mode, size: size, collect: collect,
                                action: action)
                        }
                        nonisolated(unsafe) let sharedStep = stepChunk
                        DispatchQueue.concurrentPerform(iterations: threads) { part in
                            let range = (part * chunk)..<min(count, (part + 1) * chunk)
                            guard !range.isEmpty else { return }
                            errorSlots[part] = sharedStep(range)
                        }
                    }
                }
                firstError = errors.compactMap { $0 }.first
            }
        }
        for index in 0..<count where finishedFlags[index] {
            finishedEpisodes.append(
                FinishedEpisode(
                    index: index, episodeReturn: finishedReturns[index],
                    length: finishedLengths[index],
                    terminated: terminations[index]))
        }
        if let firstError { throw firstError }
    }

    /// Raw views of the per-sub-environment buffers for one step.
    struct Buffers {
        var environments: UnsafeMutablePointer<Env>
        var observations: UnsafeMutablePointer<Float>
        var finalObservations: UnsafeMutablePointer<Float>
        var hasFinal: UnsafeMutablePointer<Bool>
        var rewards: UnsafeMutablePointer<Double>
        var terminations: UnsafeMutablePointer<Bool>
        var truncations: UnsafeMutablePointer<Bool>
        var needsReset: UnsafeMutablePointer<Bool>
        var returns: UnsafeMutablePointer<Double>
        var lengths: UnsafeMutablePointer<Int>
        var infos: UnsafeMutablePointer<Info>
        var finished: UnsafeMutablePointer<Bool>
        var finishedReturn: UnsafeMutablePointer<Double>
        var finishedLength: UnsafeMutablePointer<Int>
    }

    private mutating func withBuffers(_ body: (Buffers) -> Void) {
        let count = self.count
        for index in 0..<count { finishedFlags[index] = false }
        environments.withUnsafeMutableBufferPointer { environments in
            observations.withUnsafeMutableBufferPointer { observations in
                finalObservations.withUnsafeMutableBufferPointer { finals in
                    hasFinalObservation.withUnsafeMutableBufferPointer { hasFinal in
                        rewards.withUnsafeMutableBufferPointer { rewards in
                            terminations.withUnsafeMutableBufferPointer { terminations in
                                truncations.withUnsafeMutableBufferPointer { truncations in
                                    needsReset.withUnsafeMutableBufferPointer { needsReset in
                                        episodeReturns.withUnsafeMutableBufferPointer { returns in
                                            episodeLengths.withUnsafeMutableBufferPointer { lengths in
                                                infos.withUnsafeMutableBufferPointer { infos in
                                                    finishedFlags.withUnsafeMutableBufferPointer { finishedFlags in
                                                        finishedReturns.withUnsafeMutableBufferPointer {
                                                            finishedReturns in
                                                            finishedLengths.withUnsafeMutableBufferPointer {
                                                                finishedLengths in
                                                                guard let e = environments.baseAddress,
                                                                    let o = observations.baseAddress,
                                                                    let f = finals.baseAddress,
                                                                    let h = hasFinal.baseAddress,
                                                                    let r = rewards.baseAddress,
                                                                    let te = terminations.baseAddress,
                                                                    let tr = truncations.baseAddress,
                                                                    let n = needsReset.baseAddress,
                                                                    let re = returns.baseAddress,
                                                                    let l = lengths.baseAddress,
                                                                    let i = infos.baseAddress,
                                                                    let ff = finishedFlags.baseAddress,
                                                                    let fr = finishedReturns.baseAddress,
                                                                    let fl = finishedLengths.baseAddress
                                                                else { return }
                                                                body(
                                                                    Buffers(
                                                                        environments: e, observations: o,
                                                                        finalObservations: f, hasFinal: h, rewards: r,
                                                                        terminations: te, truncations: tr,
                                                                        needsReset: n, returns: re, lengths: l,
                                                                        infos: i,
                                                                        finished: ff, finishedReturn: fr,
                                                                        finishedLength: fl))
                                                            }
                                                        }
                                                    }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Steps sub-environments in `range`; returns the first error, if any.
    private static func stepRange(
        _ range: Range<Int>, buffers b: Buffers, mode: AutoresetMode, size: Int,
        collect: Bool, action: (Int) -> Env.Action
    ) -> EnvironmentError? {
        var firstError: EnvironmentError?
        for index in range {
            let row = b.observations + index * size
            do throws(EnvironmentError) {
                if b.needsReset[index] {
                    if mode == .disabled {
                        throw .resetNeeded(
                            "sub-environment \(index) finished its episode; autoreset is disabled, call reset(indices:)"
                        )
                    }
                    let reset = try b.environments[index].reset(seed: nil, options: [:])
                    reset.observation.writeFlat(to: row)
                    b.rewards[index] = 0
                    b.terminations[index] = false
                    b.truncations[index] = false
                    b.needsReset[index] = false
                    b.hasFinal[index] = false
                    b.returns[index] = 0
                    b.lengths[index] = 0
                    if collect { b.infos[index] = reset.info }
                    continue
                }
                let result = try b.environments[index].step(action(index))
                b.rewards[index] = result.reward
                b.terminations[index] = result.terminated
                b.truncations[index] = result.truncated
                b.hasFinal[index] = false
                b.returns[index] += result.reward
                b.lengths[index] += 1
                if collect { b.infos[index] = result.info }
                guard result.terminated || result.truncated else {
                    result.observation.writeFlat(to: row)
                    continue
                }
                b.finished[index] = true
                b.finishedReturn[index] = b.returns[index]
                b.finishedLength[index] = b.lengths[index]
                if mode == .sameStep {
                    result.observation.writeFlat(to: b.finalObservations + index * size)
                    b.hasFinal[index] = true
                    let reset = try b.environments[index].reset(seed: nil, options: [:])
                    reset.observation.writeFlat(to: row)
                    b.returns[index] = 0
                    b.lengths[index] = 0
                    if collect { b.infos[index] = reset.info }
                } else {
                    result.observation.writeFlat(to: row)
                    b.needsReset[index] = true
                }
            } catch {
                if firstError == nil { firstError = error }
            }
        }
        return firstError
    }
}

extension VectorEnvironment: FlatVectorEnvironment where Env.Action: FlatConvertible {
    public mutating func step(discreteActions: [Int]) throws(EnvironmentError) {
        guard discreteActions.count == count else {
            throw .invalidAction("step: got \(discreteActions.count) actions for \(count) sub-environments")
        }
        if Env.Action.self == Int.self {
            // Same type: no conversion through Float.
            try step(unsafeBitCast(discreteActions, to: [Env.Action].self))
            return
        }
        try discreteActions.withUnsafeBufferPointer { (buffer) throws(EnvironmentError) in
            guard let base = buffer.baseAddress else { return }
            try stepAll { index in
                var value = Float(base[index])
                return Env.Action(flat: &value, count: 1)
            }
        }
    }

    public mutating func step(flatActions: [Float]) throws(EnvironmentError) {
        let width = actionSize
        guard flatActions.count == count * width else {
            throw .invalidAction("step: got \(flatActions.count) floats; expected \(count) × \(width)")
        }
        try flatActions.withUnsafeBufferPointer { (buffer) throws(EnvironmentError) in
            guard let base = buffer.baseAddress else { return }
            try stepAll { index in Env.Action(flat: base + index * width, count: width) }
        }
    }
}

extension Space {
    /// Floats per observation in the vector fast path: a Box's entry count, 1 for Discrete; nil otherwise.
    public var flatObservationSize: Int? {
        switch self {
        case let .box(box): box.count
        case .discrete: 1
        case let .multiDiscrete(space): space.nvec.count
        case let .multiBinary(space): space.count
        default: nil
        }
    }

    /// Floats per action in the vector fast path: 1 for Discrete, a Box's entry count.
    public var flatActionSize: Int? { flatObservationSize }
}
