/// Median-cut colour quantisation (Heckbert 1982): repeatedly split the colour box with the widest channel
/// range at the pixel-count median of that channel, then average each box.
///
/// Colours are binned to 5 bits per channel (32768 bins) first; the average of a box uses the exact colours of
/// its pixels, so frames with at most `maxColors` distinct colours (in distinct bins) are reproduced exactly.
public enum MedianCut {
    /// A palette of at most `maxColors` colours for the given RGB frames (`H×W×3` bytes each).
    /// - Throws: `GIFError.invalidPalette` if `maxColors` is not 1…256 or there are no pixels.
    public static func palette(for frames: [[UInt8]], maxColors: Int = 256) throws(GIFError) -> GIFPalette {
        guard (1...256).contains(maxColors) else {
            throw .invalidPalette("maxColors must be 1…256, got \(maxColors)")
        }
        var counts = [Int](repeating: 0, count: 1 << 15)
        var sums = [(r: Int, g: Int, b: Int)](repeating: (0, 0, 0), count: 1 << 15)
        for frame in frames {
            var pixel = 0
            while pixel + 2 < frame.count {
                let r = frame[pixel], g = frame[pixel + 1], b = frame[pixel + 2]
                let key = Int(r >> 3) << 10 | Int(g >> 3) << 5 | Int(b >> 3)
                counts[key] += 1
                sums[key].r += Int(r)
                sums[key].g += Int(g)
                sums[key].b += Int(b)
                pixel += 3
            }
        }
        let bins = counts.indices.filter { counts[$0] > 0 }
        guard !bins.isEmpty else { throw .invalidPalette("no pixels to build a palette from") }

        var boxes: [Box] = [Box(bins)]
        while boxes.count < maxColors {
            // Split the box with the widest channel range that can still be split.
            guard
                let chosen = boxes.indices.filter({ boxes[$0].bins.count > 1 && boxes[$0].range > 0 })
                    .max(by: { boxes[$0].range < boxes[$1].range })
            else { break }
            let channel = boxes[chosen].channel
            let sorted = boxes[chosen].bins.sorted { channelValue($0, channel) < channelValue($1, channel) }
            let total = sorted.reduce(0) { $0 + counts[$1] }
            var running = 0, cut = 1
            for (position, bin) in sorted.enumerated() {
                running += counts[bin]
                if running * 2 >= total {
                    cut = min(max(position + 1, 1), sorted.count - 1)
                    break
                }
            }
            boxes[chosen] = Box(Array(sorted[..<cut]))
            boxes.append(Box(Array(sorted[cut...])))
        }

        var colors: [UInt8] = []
        for box in boxes.map(\.bins) {
            let n = box.reduce(0) { $0 + counts[$1] }
            let r = box.reduce(0) { $0 + sums[$1].r }, g = box.reduce(0) { $0 + sums[$1].g }
            let b = box.reduce(0) { $0 + sums[$1].b }
            colors += [UInt8((r + n / 2) / n), UInt8((g + n / 2) / n), UInt8((b + n / 2) / n)]
        }
        return try GIFPalette(colors: colors)
    }

    /// A set of histogram bins with its widest channel and that channel's range, computed once.
    private struct Box {
        var bins: [Int]
        var channel = 0
        var range = 0

        init(_ bins: [Int]) {
            self.bins = bins
            for candidate in 0..<3 {
                var low = 31, high = 0
                for bin in bins {
                    let value = MedianCut.channelValue(bin, candidate)
                    low = min(low, value)
                    high = max(high, value)
                }
                if high - low > range { (channel, range) = (candidate, high - low) }
            }
        }
    }

    /// The 5-bit value of `channel` (0 = r, 1 = g, 2 = b) of a bin key.
    fileprivate static func channelValue(_ key: Int, _ channel: Int) -> Int {
        (key >> (10 - 5 * channel)) & 31
    }
}
