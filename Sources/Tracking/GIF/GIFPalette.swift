/// Up to 256 RGB colours and the mapping of any RGB pixel to its nearest palette index.
public struct GIFPalette: Equatable, Sendable {
    /// Colours as `r, g, b` triples; `colors.count / 3` entries.
    public private(set) var colors: [UInt8]
    private let isFixedCube: Bool

    /// Number of entries.
    public var count: Int { colors.count / 3 }

    /// A palette of the given `r, g, b` triples.
    /// - Throws: `GIFError.invalidPalette` unless there are 1…256 whole triples.
    public init(colors: [UInt8]) throws(GIFError) {
        guard colors.count % 3 == 0, (3...768).contains(colors.count) else {
            throw .invalidPalette("a palette needs 1 to 256 RGB triples, got \(colors.count) bytes")
        }
        self.colors = colors
        isFixedCube = false
    }

    private init(fixedCubeColors colors: [UInt8]) {
        self.colors = colors
        isFixedCube = true
    }

    /// The 8-bit levels of the 6×6×6 colour cube.
    static let cubeLevels: [UInt8] = [0, 51, 102, 153, 204, 255]
    /// The 40 grey levels between the cube's greys: `round(255·k/41)`, k = 1…40.
    static let grayLevels: [UInt8] = (1...40).map { UInt8((255.0 * Double($0) / 41).rounded()) }

    /// The fixed 256-colour palette: the 6×6×6 "web-safe" cube (index `36r + 6g + b`) followed by 40 greys.
    /// Needs no analysis of the frames, so frames can be encoded as they arrive.
    public static let fixed: GIFPalette = {
        var colors: [UInt8] = []
        for r in cubeLevels { for g in cubeLevels { for b in cubeLevels { colors += [r, g, b] } } }
        for level in grayLevels { colors += [level, level, level] }
        return GIFPalette(fixedCubeColors: colors)
    }()

    /// Code size of the palette for GIF: the table holds `2^bits` entries (at least 2, i.e. 1 bit).
    var tableBits: Int {
        var bits = 1
        while (1 << bits) < count { bits += 1 }
        return bits
    }

    /// The colour table padded with black to `2^tableBits` entries, as written into the file.
    var paddedTable: [UInt8] {
        colors + [UInt8](repeating: 0, count: (1 << tableBits) * 3 - colors.count)
    }

    /// Maps an `H×W×3` RGB frame to palette indices (nearest colour by squared RGB distance).
    /// - Complexity: O(pixels) for the fixed palette; median-cut palettes cache the nearest entry per 15-bit colour.
    func indices(of frame: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: frame.count / 3)
        if isFixedCube {
            for pixel in out.indices {
                out[pixel] = Self.fixedIndex(frame[3 * pixel], frame[3 * pixel + 1], frame[3 * pixel + 2])
            }
            return out
        }
        var cache = [Int16](repeating: -1, count: 1 << 15)
        for pixel in out.indices {
            let r = frame[3 * pixel], g = frame[3 * pixel + 1], b = frame[3 * pixel + 2]
            let key = Int(r >> 3) << 10 | Int(g >> 3) << 5 | Int(b >> 3)
            if cache[key] < 0 { cache[key] = Int16(nearest(r, g, b)) }
            out[pixel] = UInt8(cache[key])
        }
        return out
    }

    /// Brute-force nearest entry.
    func nearest(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int {
        var best = 0, bestDistance = Int.max
        for entry in 0..<count {
            let dr = Int(colors[3 * entry]) - Int(r), dg = Int(colors[3 * entry + 1]) - Int(g)
            let db = Int(colors[3 * entry + 2]) - Int(b)
            let distance = dr * dr + dg * dg + db * db
            if distance < bestDistance { (best, bestDistance) = (entry, distance) }
        }
        return best
    }

    /// Nearest entry of the fixed palette: the nearest cube colour or the nearest grey, whichever is closer.
    static func fixedIndex(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
        func level(_ v: UInt8) -> Int { (Int(v) + 25) / 51 }
        let (ri, gi, bi) = (level(r), level(g), level(b))
        let cube = ri * 36 + gi * 6 + bi
        func squared(_ a: Int, _ b: Int) -> Int { (a - b) * (a - b) }
        let cubeDistance = squared(Int(r), ri * 51) + squared(Int(g), gi * 51) + squared(Int(b), bi * 51)
        let mean = (Int(r) + Int(g) + Int(b)) / 3
        let grayIndex = min(max(Int((Double(mean) * 41 / 255).rounded()) - 1, 0), 39)
        let gray = Int(grayLevels[grayIndex])
        let grayDistance = squared(Int(r), gray) + squared(Int(g), gray) + squared(Int(b), gray)
        return UInt8(grayDistance < cubeDistance ? 216 + grayIndex : cube)
    }
}
