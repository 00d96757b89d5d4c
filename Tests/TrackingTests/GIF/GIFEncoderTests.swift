import Foundation
import Testing

@testable import Tracking

@Suite("GIF encoding")
struct GIFEncoderTests {
    /// A frame of vertical stripes in the given colours.
    static func stripes(width: Int, height: Int, colors: [[UInt8]], shift: Int = 0) -> [UInt8] {
        var frame: [UInt8] = []
        for _ in 0..<height { for x in 0..<width { frame += colors[(x + shift) % colors.count] } }
        return frame
    }

    @Test("LZW round-trips through an independent decoder", arguments: [2, 3, 5, 8])
    func lzwRoundTrip(codeSize: Int) throws {
        var generator = TestGenerator(seed: UInt64(codeSize))
        // Random data fills the dictionary and forces clear codes; runs create long strings.
        var indices = (0..<20_000).map { _ in UInt8(generator.next() % UInt64(1 << codeSize)) }
        indices += [UInt8](repeating: 1, count: 5_000)
        var encoder = LZWEncoder(minimumCodeSize: codeSize)
        let decoded = try GIFTestDecoder.lzwDecode(encoder.encode(indices), minimumCodeSize: codeSize)
        #expect(decoded == indices)
    }

    @Test("LZW handles empty and one-element input and reuses its table across frames")
    func lzwEdgeCases() throws {
        var encoder = LZWEncoder(minimumCodeSize: 2)
        #expect(try GIFTestDecoder.lzwDecode(encoder.encode([]), minimumCodeSize: 2) == [])
        #expect(try GIFTestDecoder.lzwDecode(encoder.encode([3]), minimumCodeSize: 2) == [3])
        #expect(
            try GIFTestDecoder.lzwDecode(encoder.encode([0, 1, 0, 1, 0, 1]), minimumCodeSize: 2) == [0, 1, 0, 1, 0, 1])
        #expect(
            try GIFTestDecoder.lzwDecode(encoder.encode([0, 1, 0, 1, 0, 1, 2]), minimumCodeSize: 2) == [
                0, 1, 0, 1, 0, 1, 2,
            ])
    }

    @Test("a uniform frame compresses to far fewer bytes than pixels")
    func compression() throws {
        var encoder = LZWEncoder(minimumCodeSize: 8)
        #expect(encoder.encode([UInt8](repeating: 7, count: 100_000)).count < 2_000)
    }

    @Test("fixed palette: cube colours come back exactly, with header, delay and loop extension")
    func fixedPalette() throws {
        let colors: [[UInt8]] = [[0, 0, 0], [255, 0, 0], [0, 153, 255], [204, 204, 51]]
        var gif = try GIFEncoder(width: 7, height: 3, delayCentiseconds: 5, loopCount: 0)
        let frames = (0..<3).map { Self.stripes(width: 7, height: 3, colors: colors, shift: $0) }
        for frame in frames { try gif.add(frame) }
        let decoded = try GIFTestDecoder(try gif.data())
        #expect(decoded.width == 7 && decoded.height == 3)
        #expect(decoded.loopCount == 0)
        #expect(decoded.frames.map(\.delay) == [5, 5, 5])
        #expect(decoded.frames.map(\.rgb) == frames)
        #expect(decoded.globalTable.count == 768)
    }

    @Test("fixed palette maps any colour to within half a cube step, greys to the grey ramp")
    func fixedNearest() {
        var generator = TestGenerator(seed: 9)
        let palette = GIFPalette.fixed
        for _ in 0..<2_000 {
            let rgb = (0..<3).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            let index = Int(GIFPalette.fixedIndex(rgb[0], rgb[1], rgb[2]))
            let error = (0..<3).map { abs(Int(palette.colors[3 * index + $0]) - Int(rgb[$0])) }.max() ?? 0
            #expect(error <= 25 + 3)
            #expect(index == palette.nearest(rgb[0], rgb[1], rgb[2]) || error <= 25)
        }
        #expect(GIFPalette.fixedIndex(128, 128, 128) >= 216)
        #expect(GIFPalette.fixedIndex(255, 255, 255) == 215)
    }

    @Test("global median-cut palette reproduces frames with few colours exactly")
    func medianCutExact() throws {
        let colors: [[UInt8]] = (0..<40).map { (index: Int) -> [UInt8] in
            let red = UInt8(index * 6), green = UInt8(255 - index * 6), blue = UInt8((index * 37) % 256)
            return [red, green, blue]
        }
        let frames = (0..<4).map { Self.stripes(width: 40, height: 5, colors: colors, shift: $0 * 3) }
        let decoded = try GIFTestDecoder(
            try GIFEncoder.encode(frames: frames, width: 40, height: 5, delayCentiseconds: 10))
        #expect(decoded.frames.map(\.rgb) == frames)
    }

    @Test("median cut caps the palette and keeps the error small on a gradient")
    func medianCutGradient() throws {
        var frame: [UInt8] = []
        for y in 0..<64 {
            for x in 0..<64 {
                let pixel: [UInt8] = [UInt8(x * 4), UInt8(y * 4), UInt8((x + y) * 2)]
                frame += pixel
            }
        }
        let palette = try MedianCut.palette(for: [frame], maxColors: 64)
        #expect(palette.count == 64)
        let indices = palette.indices(of: frame)
        var worst = 0
        for pixel in indices.indices {
            for channel in 0..<3 {
                worst = max(
                    worst, abs(Int(palette.colors[3 * Int(indices[pixel]) + channel]) - Int(frame[3 * pixel + channel]))
                )
            }
        }
        #expect(worst < 40)
    }

    @Test("per-frame palettes write local colour tables")
    func perFrame() throws {
        var gif = try GIFEncoder(width: 4, height: 2, palette: .perFrame(maxColors: 16))
        let first = Self.stripes(width: 4, height: 2, colors: [[10, 20, 30], [200, 100, 0]])
        let second = Self.stripes(width: 4, height: 2, colors: [[1, 2, 3], [40, 80, 120], [250, 250, 250]])
        try gif.add(first)
        try gif.add(second)
        let decoded = try GIFTestDecoder(try gif.data())
        #expect(decoded.globalTable.isEmpty)
        #expect(decoded.frames.map(\.rgb) == [first, second])
    }

    @Test("wrong frame sizes, bad dimensions, bad colour counts and empty animations are errors")
    func errors() throws {
        var gif = try GIFEncoder(width: 2, height: 2)
        #expect(throws: GIFError.frameSize(expected: 12, actual: 11, frame: 0)) {
            try gif.add([UInt8](repeating: 0, count: 11))
        }
        #expect(throws: GIFError.noFrames) { try gif.data() }
        #expect(throws: GIFError.invalidSize(width: 0, height: 5)) { try GIFEncoder(width: 0, height: 5) }
        #expect(throws: GIFError.self) { try GIFEncoder(width: 1, height: 1, palette: .perFrame(maxColors: 300)) }
        #expect(throws: GIFError.self) { try GIFPalette(colors: [1, 2]) }
        #expect(throws: GIFError.noFrames) { try GIFEncoder.encode(frames: [], width: 1, height: 1) }
    }

    @Test(
        "Pillow decodes a fixed-palette animation exactly",
        .enabled(if: ProcessInfo.processInfo.environment["SWIFTRL_PYTHON"] != nil))
    func pillowFixed() throws {
        var frames: [[UInt8]] = []
        for step in 0..<6 {
            var frame: [UInt8] = []
            for y in 0..<48 {
                for x in 0..<64 {
                    let pixel: [UInt8] = [UInt8((x * 4 + step * 16) % 256), UInt8(y * 5), UInt8(step * 40)]
                    frame += pixel
                }
            }
            frames.append(frame)
        }
        var gif = try GIFEncoder(width: 64, height: 48, delayCentiseconds: 5, loopCount: 0)
        for frame in frames { try gif.add(frame) }
        let quantized = frames.map { Self.quantize($0, GIFPalette.fixed) }
        for (frame, expected) in zip(frames, quantized) {
            #expect(zip(frame, expected).allSatisfy { abs(Int($0) - $1) <= 40 })
        }
        try Self.checkWithPillow(try gif.data(), width: 64, height: 48, frames: quantized, durationMs: 50, loop: 0)
    }

    @Test(
        "Pillow decodes a large noisy median-cut animation (dictionary resets)",
        .enabled(if: ProcessInfo.processInfo.environment["SWIFTRL_PYTHON"] != nil))
    func pillowMedianCut() throws {
        var generator = TestGenerator(seed: 3)
        let frames = (0..<2).map { _ in (0..<(128 * 96 * 3)).map { _ in UInt8(truncatingIfNeeded: generator.next()) } }
        let palette = try MedianCut.palette(for: frames)
        var gif = try GIFEncoder(width: 128, height: 96, delayCentiseconds: 10, loopCount: 3, palette: .global(palette))
        for frame in frames { try gif.add(frame) }
        let quantized = frames.map { Self.quantize($0, palette) }
        try Self.checkWithPillow(try gif.data(), width: 128, height: 96, frames: quantized, durationMs: 100, loop: 3)
    }

    /// Each pixel replaced by its palette colour, as the decoder must reproduce it.
    static func quantize(_ frame: [UInt8], _ palette: GIFPalette) -> [Int] {
        palette.indices(of: frame).flatMap { index in (0..<3).map { Int(palette.colors[3 * Int(index) + $0]) } }
    }

    static func checkWithPillow(
        _ gif: [UInt8], width: Int, height: Int, frames: [[Int]], durationMs: Int, loop: Int
    ) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let url = directory.file("animation.gif")
        try Data(gif).write(to: url)
        let expected: [String: Any] = [
            "width": width, "height": height, "frames": frames, "duration_ms": durationMs, "loop": loop, "tolerance": 0,
        ]
        let expectedURL = directory.file("expected.json")
        try JSONSerialization.data(withJSONObject: expected).write(to: expectedURL)
        let result = try PythonRunner.run(script: "fixtures/gif_check.py", arguments: [url.path, expectedURL.path])
        #expect(result.status == 0, "\(result.output)")
    }
}
