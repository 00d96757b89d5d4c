/// NumPy's `numpy.random.PCG64` bit generator (O'Neill 2014, PCG XSL-RR 128/64), bit for bit.
///
/// A 128-bit linear congruential state advanced by `state = state × M + increment (mod 2^128)`; each 64-bit output
/// is `rotr(high ^ low, state >> 122)` of the new state. Like NumPy it also carries a one-word buffer: ``nextUInt32()``
/// returns the low half of a 64-bit draw and keeps the high half for the next call. The 128-bit arithmetic is done on
/// two `UInt64` words.
public struct PCG64: RandomNumberGenerator, Sendable, Equatable {
    /// High and low words of the 128-bit LCG state.
    public private(set) var stateHigh: UInt64, stateLow: UInt64
    /// High and low words of the odd 128-bit increment (the stream selector).
    public private(set) var incrementHigh: UInt64, incrementLow: UInt64
    /// Whether ``bufferedUInt32`` holds the unused upper half of the last 64-bit draw (NumPy's `has_uint32`).
    public private(set) var hasBufferedUInt32: Bool
    /// The buffered 32-bit value (NumPy's `uinteger`).
    public private(set) var bufferedUInt32: UInt32

    private static let multiplierHigh: UInt64 = 0x2360_ED05_1FC6_5DA4
    private static let multiplierLow: UInt64 = 0x4385_DF64_9FCC_F645

    /// Seeds like `PCG64(SeedSequence(seed))`: four 64-bit words of `seedSequence` give the initial state
    /// (words 0–1, high first) and the stream (words 2–3).
    public init(seedSequence: SeedSequence) {
        let words = seedSequence.generateState64(wordCount: 4)
        self.init(initialState: (words[0], words[1]), sequence: (words[2], words[3]))
    }

    /// Seeds like `numpy.random.PCG64(seed)` for a non-negative integer seed.
    public init(seed: UInt64) {
        self.init(seedSequence: SeedSequence(entropy: seed))
    }

    /// Restores an exact state, e.g. from `bit_generator.state` in Python or a checkpoint.
    /// - Parameters:
    ///   - state: the 128-bit state as (high, low).
    ///   - increment: the increment as (high, low); NumPy's `inc`, always odd (the low bit is forced to 1).
    ///   - bufferedUInt32: NumPy's `uinteger` if `has_uint32` is 1, else `nil`.
    public init(state: (high: UInt64, low: UInt64), increment: (high: UInt64, low: UInt64), bufferedUInt32: UInt32?) {
        stateHigh = state.high
        stateLow = state.low
        incrementHigh = increment.high
        incrementLow = increment.low | 1
        hasBufferedUInt32 = bufferedUInt32 != nil
        self.bufferedUInt32 = bufferedUInt32 ?? 0
    }

    /// PCG's `srandom_r(initstate, initseq)`.
    private init(initialState: (UInt64, UInt64), sequence: (UInt64, UInt64)) {
        stateHigh = 0
        stateLow = 0
        incrementHigh = (sequence.0 << 1) | (sequence.1 >> 63)
        incrementLow = (sequence.1 << 1) | 1
        hasBufferedUInt32 = false
        bufferedUInt32 = 0
        step()
        let (low, carry) = stateLow.addingReportingOverflow(initialState.1)
        stateLow = low
        stateHigh = stateHigh &+ initialState.0 &+ (carry ? 1 : 0)
        step()
    }

    @inline(__always)
    private mutating func step() {
        let product = stateLow.multipliedFullWidth(by: Self.multiplierLow)
        let high = product.high &+ stateLow &* Self.multiplierHigh &+ stateHigh &* Self.multiplierLow
        let (low, carry) = product.low.addingReportingOverflow(incrementLow)
        stateLow = low
        stateHigh = high &+ incrementHigh &+ (carry ? 1 : 0)
    }

    /// The next 64 random bits (NumPy's `next_uint64`, `random_raw()`). Does not touch the 32-bit buffer.
    /// - Complexity: O(1).
    public mutating func next() -> UInt64 {
        step()
        let mixed = stateHigh ^ stateLow
        let rotation = stateHigh >> 58
        return (mixed >> rotation) | (mixed << ((64 &- rotation) & 63))
    }

    /// The next 32 random bits (NumPy's `next_uint32`): the buffered upper half if there is one, otherwise the lower
    /// half of a fresh 64-bit draw whose upper half is buffered.
    /// - Complexity: O(1).
    public mutating func nextUInt32() -> UInt32 {
        if hasBufferedUInt32 {
            hasBufferedUInt32 = false
            return bufferedUInt32
        }
        let value = next()
        hasBufferedUInt32 = true
        bufferedUInt32 = UInt32(truncatingIfNeeded: value >> 32)
        return UInt32(truncatingIfNeeded: value)
    }
}
