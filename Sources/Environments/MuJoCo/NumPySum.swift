/// `numpy.sum` of a contiguous array in its own dtype: NumPy's pairwise summation (sequential below 8 elements,
/// eight interleaved accumulators up to 128, halves at multiples of 8 above), so float32 and float64 sums round
/// exactly as Gymnasium's reward terms do.
func numpyPairwiseSum<T: BinaryFloatingPoint>(_ values: ArraySlice<T>) -> T {
    let count = values.count, start = values.startIndex
    if count < 8 {
        var sum: T = 0
        for value in values { sum += value }
        return sum
    }
    if count <= 128 {
        var r = Array(values[start..<(start + 8)])
        var index = 8
        while index + 8 <= count {
            for lane in 0..<8 { r[lane] += values[start + index + lane] }
            index += 8
        }
        var sum = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
        while index < count {
            sum += values[start + index]
            index += 1
        }
        return sum
    }
    var half = count / 2
    half -= half % 8
    return numpyPairwiseSum(values[start..<(start + half)]) + numpyPairwiseSum(values[(start + half)...])
}
