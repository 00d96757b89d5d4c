/// GIF's variable-length-code LZW compression (GIF89a spec, appendix F).
///
/// Codes start at `minimumCodeSize + 1` bits and grow to 12; a clear code starts the stream and is emitted again
/// whenever the 4096-entry dictionary is full. Codes are packed least-significant bit first.
struct LZWEncoder {
    /// Bits per palette index, at least 2 (GIF requires 2…8).
    let minimumCodeSize: Int

    /// `(prefix code × 256 + next index) → code + 1`, valid only when its generation matches `generation`, so
    /// a clear costs O(1) instead of wiping the table.
    private var table: [UInt16]
    private var stamps: [UInt16]
    private var generation: UInt16 = 1

    init(minimumCodeSize: Int) {
        self.minimumCodeSize = max(2, min(minimumCodeSize, 8))
        table = [UInt16](repeating: 0, count: 4096 * 256)
        stamps = [UInt16](repeating: 0, count: 4096 * 256)
    }

    /// Compresses palette indices (each `< 2^minimumCodeSize`) into the LZW code stream (not yet split into
    /// sub-blocks).
    /// - Complexity: O(n).
    mutating func encode(_ indices: [UInt8]) -> [UInt8] {
        let clear = 1 << minimumCodeSize, endOfInformation = clear + 1
        var output: [UInt8] = []
        output.reserveCapacity(indices.count / 2 + 16)
        var bitBuffer: UInt32 = 0, bitCount = 0
        var codeSize = minimumCodeSize + 1
        var nextCode = endOfInformation + 1

        func emit(_ code: Int) {
            bitBuffer |= UInt32(code) << UInt32(bitCount)
            bitCount += codeSize
            while bitCount >= 8 {
                output.append(UInt8(truncatingIfNeeded: bitBuffer))
                bitBuffer >>= 8
                bitCount -= 8
            }
        }

        func resetDictionary() {
            generation &+= 1
            if generation == 0 {  // wrapped: stale stamps could match, so wipe once every 65535 clears
                for index in stamps.indices { stamps[index] = 0 }
                generation = 1
            }
            codeSize = minimumCodeSize + 1
            nextCode = endOfInformation + 1
        }

        resetDictionary()  // entries of a previous frame must not leak into this one
        emit(clear)
        guard let first = indices.first else {
            emit(endOfInformation)
            if bitCount > 0 { output.append(UInt8(truncatingIfNeeded: bitBuffer)) }
            return output
        }
        var prefix = Int(first)
        for index in indices.dropFirst() {
            let slot = prefix << 8 | Int(index)
            if stamps[slot] == generation {
                prefix = Int(table[slot]) - 1
                continue
            }
            emit(prefix)
            if nextCode < 4096 {
                table[slot] = UInt16(nextCode + 1)
                stamps[slot] = generation
                nextCode += 1
                // The decoder adds its entry one code later, so grow once nextCode passes 2^codeSize.
                if nextCode > (1 << codeSize) && codeSize < 12 { codeSize += 1 }
            } else {
                emit(clear)
                resetDictionary()
            }
            prefix = Int(index)
        }
        emit(prefix)
        emit(endOfInformation)
        if bitCount > 0 { output.append(UInt8(truncatingIfNeeded: bitBuffer)) }
        return output
    }
}
