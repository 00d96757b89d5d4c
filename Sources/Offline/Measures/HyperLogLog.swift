import Foundation

/// HyperLogLog (Flajolet et al. 2007): an estimate of the number of distinct items in O(m) memory, with relative
/// standard error ≈ 1.04/√m for m = 2^p registers.
///
/// ``init(error:)`` picks the smallest p with 1.04/√(2^p) ≤ error, as the `hyperloglog` Python package the
/// dataset-perspective study uses (`HyperLogLog(0.01)` → p = 14, m = 16,384). Items are 64-bit hashes
/// (``hash(_:)``); small cardinalities use linear counting (m · ln(m / zero registers)), as in the original paper.
public struct HyperLogLog: Sendable, Equatable {
    /// p: the first p hash bits pick the register.
    public let precision: Int
    /// The registers: the largest leading-zero rank seen per register.
    public private(set) var registers: [UInt8]

    /// m = 2^p registers.
    public var registerCount: Int { registers.count }

    /// The relative standard error 1.04/√m of the estimate.
    public var standardError: Double { 1.04 / Double(registerCount).squareRoot() }

    /// A sketch with 2^precision registers.
    /// - Throws: ``DatasetError`` for a precision outside 4…18.
    public init(precision: Int) throws(DatasetError) {
        guard (4...18).contains(precision) else {
            throw DatasetError(.invalidArgument, "HyperLogLog precision must be in 4…18, got \(precision)")
        }
        self.precision = precision
        registers = [UInt8](repeating: 0, count: 1 << precision)
    }

    /// A sketch whose standard error 1.04/√m is at most `error` (the study: 0.01).
    /// - Throws: ``DatasetError`` for an error outside [0.0041, 0.26] (precision 4…18).
    public init(error: Double) throws(DatasetError) {
        guard error > 0, error.isFinite else {
            throw DatasetError(
                .invalidArgument, "HyperLogLog error must be positive, got \(error); the study uses 0.01")
        }
        let p = Int((2 * (1.04 / error).log2()).rounded(.up))
        try self.init(precision: p)
    }

    /// Adds an item given by its 64-bit hash.
    public mutating func insert(hash: UInt64) {
        let index = Int(hash >> UInt64(64 - precision))
        let rest = hash << UInt64(precision)
        let rank = UInt8(min(rest.leadingZeroBitCount, 64 - precision) + 1)
        if rank > registers[index] { registers[index] = rank }
    }

    /// The estimated number of distinct items.
    public var estimate: Double {
        let m = Double(registerCount)
        let alpha: Double
        switch registerCount {
        case 16: alpha = 0.673
        case 32: alpha = 0.697
        case 64: alpha = 0.709
        default: alpha = 0.7213 / (1 + 1.079 / m)
        }
        var sum = 0.0, zeros = 0
        for r in registers {
            sum += 1 / Double(UInt64(1) << UInt64(r))
            if r == 0 { zeros += 1 }
        }
        let raw = alpha * m * m / sum
        if raw <= 2.5 * m, zeros > 0 { return m * (m / Double(zeros)).log() }
        return raw
    }

    /// A well-mixed 64-bit hash of integer keys (FNV-1a over the values, then the SplitMix64 finaliser).
    public static func hash(_ values: [Int32]) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for v in values {
            var x = UInt32(bitPattern: v)
            for _ in 0..<4 {
                h = (h ^ UInt64(x & 0xff)) &* 0x100_0000_01b3
                x >>= 8
            }
        }
        h = (h ^ (h >> 30)) &* 0xbf58_476d_1ce4_e5b9
        h = (h ^ (h >> 27)) &* 0x94d0_49bb_1331_11eb
        return h ^ (h >> 31)
    }
}

extension Double {
    fileprivate func log2() -> Double { Foundation.log2(self) }
    fileprivate func log() -> Double { Foundation.log(self) }
}
