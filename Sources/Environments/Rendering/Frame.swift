/// A rendered frame: an RGB image (classic control, point maze) or text (grid and toy-text worlds).
public enum Frame: Equatable, Sendable {
    /// An RGB image.
    case rgb(RGBImage)
    /// A text picture, one line per row.
    case text(String)
}

/// An 8-bit RGB image stored row-major, 3 bytes per pixel (NumPy shape `(height, width, 3)`).
public struct RGBImage: Equatable, Sendable {
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// Pixel bytes, `height * width * 3`.
    public private(set) var pixels: [UInt8]

    /// Creates an image filled with one colour.
    public init(width: Int, height: Int, fill: RGB = RGB(255, 255, 255)) {
        self.width = max(0, width)
        self.height = max(0, height)
        var pixels = [UInt8](repeating: 0, count: self.width * self.height * 3)
        for index in stride(from: 0, to: pixels.count, by: 3) {
            pixels[index] = fill.red
            pixels[index + 1] = fill.green
            pixels[index + 2] = fill.blue
        }
        self.pixels = pixels
    }

    /// The colour at `(x, y)`, or nil outside the image.
    public func pixel(x: Int, y: Int) -> RGB? {
        guard x >= 0, y >= 0, x < width, y < height else { return nil }
        let offset = (y * width + x) * 3
        return RGB(pixels[offset], pixels[offset + 1], pixels[offset + 2])
    }

    /// Sets one pixel; coordinates outside the image are ignored.
    public mutating func set(x: Int, y: Int, to color: RGB) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        let offset = (y * width + x) * 3
        pixels[offset] = color.red
        pixels[offset + 1] = color.green
        pixels[offset + 2] = color.blue
    }

    /// Fills the axis-aligned rectangle `[x0, x1) × [y0, y1)` (clipped to the image).
    public mutating func fillRectangle(x0: Int, y0: Int, x1: Int, y1: Int, color: RGB) {
        for y in max(0, y0)..<max(max(0, y0), min(height, y1)) {
            for x in max(0, x0)..<max(max(0, x0), min(width, x1)) { set(x: x, y: y, to: color) }
        }
    }

    /// Fills a disc of `radius` pixels around `(cx, cy)`.
    public mutating func fillCircle(cx: Double, cy: Double, radius: Double, color: RGB) {
        let r2 = radius * radius
        for y in Int((cy - radius).rounded(.down))...Int((cy + radius).rounded(.up)) {
            for x in Int((cx - radius).rounded(.down))...Int((cx + radius).rounded(.up)) {
                let dx = Double(x) + 0.5 - cx, dy = Double(y) + 0.5 - cy
                if dx * dx + dy * dy <= r2 { set(x: x, y: y, to: color) }
            }
        }
    }

    /// Draws a thick line segment from `(x0, y0)` to `(x1, y1)`.
    public mutating func drawLine(x0: Double, y0: Double, x1: Double, y1: Double, width lineWidth: Double, color: RGB) {
        let length = max(abs(x1 - x0), abs(y1 - y0), 1)
        let steps = Int(length.rounded(.up)) * 2
        for step in 0...steps {
            let t = Double(step) / Double(steps)
            fillCircle(cx: x0 + (x1 - x0) * t, cy: y0 + (y1 - y0) * t, radius: lineWidth / 2, color: color)
        }
    }

    /// Fills a convex polygon given by its vertices (in order).
    public mutating func fillConvexPolygon(_ points: [(x: Double, y: Double)], color: RGB) {
        guard points.count >= 3 else { return }
        let minY = Int(points.map(\.y).min() ?? 0), maxY = Int((points.map(\.y).max() ?? 0).rounded(.up))
        for y in max(0, minY)...max(max(0, minY), min(height - 1, maxY)) {
            let yc = Double(y) + 0.5
            var xs: [Double] = []
            for index in points.indices {
                let a = points[index], b = points[(index + 1) % points.count]
                if (a.y <= yc && b.y > yc) || (b.y <= yc && a.y > yc) {
                    xs.append(a.x + (yc - a.y) / (b.y - a.y) * (b.x - a.x))
                }
            }
            guard let left = xs.min(), let right = xs.max() else { continue }
            for x in Int(left.rounded())..<Int(right.rounded()) { set(x: x, y: y, to: color) }
        }
    }

    /// A binary PPM (P6) encoding, viewable by most image tools.
    public var ppm: [UInt8] { Array("P6\n\(width) \(height)\n255\n".utf8) + pixels }
}

/// An 8-bit RGB colour.
public struct RGB: Equatable, Hashable, Sendable {
    /// The channel intensities.
    public var red: UInt8, green: UInt8, blue: UInt8

    /// Creates a colour.
    public init(_ red: UInt8, _ green: UInt8, _ blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }
}
