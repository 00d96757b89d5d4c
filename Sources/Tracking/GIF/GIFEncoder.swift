import Foundation
import Tensor

/// An animated GIF (GIF89a) built from RGB frames (`height × width × 3` bytes, row-major), e.g. rendered
/// episodes for `swiftrl enjoy --gif`.
///
/// ```swift
/// var gif = try GIFEncoder(width: 600, height: 400, delayCentiseconds: 4)   // fixed palette, streaming
/// for frame in frames { try gif.add(frame) }
/// try gif.write(to: URL(fileURLWithPath: "episode.gif"))
/// ```
///
/// Palettes: ``Palette/fixed`` (6×6×6 cube + 40 greys, frames are compressed as they arrive),
/// ``Palette/perFrame(maxColors:)`` (a median-cut local colour table per frame) or ``Palette/global(_:)`` (one
/// given table, e.g. `MedianCut.palette(for: frames)`; see also
/// ``encode(frames:width:height:delayCentiseconds:loopCount:)``).
/// The file loops forever by default (NETSCAPE2.0 extension).
public struct GIFEncoder {
    /// How frame colours are mapped to at most 256 palette entries.
    public enum Palette: Sendable {
        /// The fixed 256-colour palette as the global colour table.
        case fixed
        /// One median-cut local colour table per frame.
        case perFrame(maxColors: Int)
        /// A given palette as the global colour table.
        case global(GIFPalette)
    }

    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// Delay after each frame in hundredths of a second (GIF's unit; viewers treat values below 2 as 10).
    public var delayCentiseconds: Int
    /// Number of frames added so far.
    public private(set) var frameCount = 0
    private let palette: Palette
    private var body: [UInt8] = []
    private var lzw: LZWEncoder?
    private let loopCount: Int

    /// Starts an animation.
    /// - Parameters:
    ///   - loopCount: repetitions after the first play; 0 loops forever.
    /// - Throws: `GIFError.invalidSize` if a dimension is outside 1…65535, `GIFError.invalidPalette` for a bad
    ///   per-frame colour count.
    public init(
        width: Int, height: Int, delayCentiseconds: Int = 4, loopCount: Int = 0, palette: Palette = .fixed
    ) throws(GIFError) {
        guard (1...65535).contains(width), (1...65535).contains(height) else {
            throw .invalidSize(width: width, height: height)
        }
        if case let .perFrame(maxColors) = palette, !(1...256).contains(maxColors) {
            throw .invalidPalette("maxColors must be 1…256, got \(maxColors)")
        }
        self.width = width
        self.height = height
        self.delayCentiseconds = delayCentiseconds
        self.loopCount = loopCount
        self.palette = palette
    }

    /// Quantises, compresses and appends one frame.
    /// - Throws: `GIFError.frameSize` if `frame` is not `height × width × 3` bytes.
    public mutating func add(_ frame: [UInt8]) throws(GIFError) {
        guard frame.count == width * height * 3 else {
            throw .frameSize(expected: width * height * 3, actual: frame.count, frame: frameCount)
        }
        let table: GIFPalette
        var local = false
        switch palette {
        case .fixed: table = .fixed
        case let .global(given): table = given
        case let .perFrame(maxColors):
            table = try MedianCut.palette(for: [frame], maxColors: maxColors)
            local = true
        }
        // Graphic control extension: disposal "do not dispose" (1), no transparency, the frame delay.
        let delay = UInt16(clamping: max(delayCentiseconds, 0))
        body += [0x21, 0xF9, 0x04, 0x04, UInt8(delay & 0xFF), UInt8(delay >> 8), 0x00, 0x00]
        // Image descriptor at (0, 0), full size, optional local colour table, not interlaced.
        body.append(0x2C)
        body += Self.littleEndian(0) + Self.littleEndian(0) + Self.littleEndian(width) + Self.littleEndian(height)
        body.append(local ? 0x80 | UInt8(table.tableBits - 1) : 0x00)
        if local { body += table.paddedTable }
        let codeSize = max(2, table.tableBits)
        if lzw?.minimumCodeSize != codeSize { lzw = LZWEncoder(minimumCodeSize: codeSize) }
        var encoder = lzw ?? LZWEncoder(minimumCodeSize: codeSize)
        let compressed = encoder.encode(table.indices(of: frame))
        lzw = encoder
        body.append(UInt8(codeSize))
        var offset = 0
        while offset < compressed.count {
            let length = min(255, compressed.count - offset)
            body.append(UInt8(length))
            body += compressed[offset..<offset + length]
            offset += length
        }
        body.append(0x00)
        frameCount += 1
    }

    /// The complete GIF file.
    /// - Throws: `GIFError.noFrames` if no frame was added.
    public func data() throws(GIFError) -> [UInt8] {
        guard frameCount > 0 else { throw .noFrames }
        var out = Array("GIF89a".utf8) + Self.littleEndian(width) + Self.littleEndian(height)
        let globalTable: GIFPalette? =
            switch palette {
            case .fixed: .fixed
            case let .global(given): given
            case .perFrame: nil
            }
        if let globalTable {
            // Global table present, 8 bits of colour resolution, table size 2^(n+1).
            out += [0x80 | 0x70 | UInt8(globalTable.tableBits - 1), 0x00, 0x00]
            out += globalTable.paddedTable
        } else {
            out += [0x70, 0x00, 0x00]
        }
        // NETSCAPE2.0 application extension: loop count.
        out += [0x21, 0xFF, 0x0B] + Array("NETSCAPE2.0".utf8) + [0x03, 0x01]
        out += Self.littleEndian(min(max(loopCount, 0), 65535)) + [0x00]
        return out + body + [0x3B]
    }

    /// Writes the GIF atomically.
    /// - Throws: `GIFError.noFrames`, or `FileIOError` if the file cannot be written.
    public func write(to url: URL) throws {
        try AtomicFile.write(Data(try data()), to: url)
    }

    /// Encodes in-memory frames with one median-cut palette computed over all of them.
    /// - Throws: `GIFError` for bad sizes or no frames.
    public static func encode(
        frames: [[UInt8]], width: Int, height: Int, delayCentiseconds: Int = 4, loopCount: Int = 0
    ) throws(GIFError) -> [UInt8] {
        guard !frames.isEmpty else { throw .noFrames }
        for (index, frame) in frames.enumerated() where frame.count != width * height * 3 {
            throw .frameSize(expected: width * height * 3, actual: frame.count, frame: index)
        }
        let palette = try MedianCut.palette(for: frames)
        var encoder = try GIFEncoder(
            width: width, height: height, delayCentiseconds: delayCentiseconds, loopCount: loopCount,
            palette: .global(palette))
        for frame in frames { try encoder.add(frame) }
        return try encoder.data()
    }

    private static func littleEndian(_ value: Int) -> [UInt8] {
        [UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF)]
    }
}
