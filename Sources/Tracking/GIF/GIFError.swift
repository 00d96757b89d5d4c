/// Invalid input to the GIF encoder.
public enum GIFError: Error, Equatable, CustomStringConvertible {
    /// Width or height outside 1…65535.
    case invalidSize(width: Int, height: Int)
    /// A frame whose byte count is not `height × width × 3`.
    case frameSize(expected: Int, actual: Int, frame: Int)
    /// A palette that is empty, too large, or not whole RGB triples.
    case invalidPalette(String)
    /// The animation has no frames.
    case noFrames

    public var description: String {
        switch self {
        case let .invalidSize(width, height):
            return "GIF size \(width)×\(height) is invalid; width and height must be 1…65535"
        case let .frameSize(expected, actual, frame):
            return "frame \(frame) has \(actual) bytes; expected height × width × 3 = \(expected) (RGB, row-major)"
        case let .invalidPalette(reason):
            return "invalid GIF palette: \(reason)"
        case .noFrames:
            return "a GIF needs at least one frame; render an episode before writing"
        }
    }
}
