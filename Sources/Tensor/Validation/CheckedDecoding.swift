/// Validated decoding at the boundary: the conversions and checks a reader applies to values that came from a
/// file, each throwing ``InputValidationError`` (naming the file, the field and what was expected) where the plain
/// Swift operation would trap.
///
/// Use these instead of `Int(someDouble)`, `a * b` on file-derived sizes, `bytes[offset..<offset + length]` with
/// file-derived offsets, or unbounded recursion over nested JSON/YAML/protobuf:
///
/// ```swift
/// let action = try CheckedDecoding.integer(stored[i], field: "env.actions[\(i)]", file: path)
/// let bytes = try CheckedDecoding.byteRange(offset: begin, length: n, within: data.count, field: "data", file: path)
/// let count = try CheckedDecoding.elementCount(shape, field: "shape", file: path)
/// ```
public enum CheckedDecoding {
    /// Nesting depth readers accept in JSON, YAML and protobuf (deeper input is rejected, not recursed into).
    public static let maximumNestingDepth = 128

    /// The integer `value` holds exactly, when it lies in `range` (default: any `Int`).
    /// - Throws: ``InputValidationError`` for NaN, ±infinity, fractions and values outside `range`.
    public static func integer<F: BinaryFloatingPoint>(
        _ value: F, field: String, file: String, range: ClosedRange<Int>? = nil
    ) throws(InputValidationError) -> Int {
        let expected = range.map { "an integer in \($0.lowerBound)…\($0.upperBound)" } ?? "an integer"
        guard let integer = Int(exactly: value) else {
            throw InputValidationError(file: file, field: field, expected: expected, found: "\(value)")
        }
        if let range, !range.contains(integer) {
            throw InputValidationError(file: file, field: field, expected: expected, found: "\(integer)")
        }
        return integer
    }

    /// `value` rounded toward zero as an `Int` when it is finite and within `range` (for values that are allowed
    /// to carry a fraction, such as continuous actions used as indices).
    /// - Throws: ``InputValidationError`` for NaN, ±infinity and values outside `range`.
    public static func truncatedInteger<F: BinaryFloatingPoint>(
        _ value: F, field: String, file: String, range: ClosedRange<Int>
    ) throws(InputValidationError) -> Int {
        let expected = "a number in \(range.lowerBound)…\(range.upperBound)"
        guard value.isFinite, value > F(range.lowerBound) - 1, value < F(range.upperBound) + 1,
            let integer = Int(exactly: value.rounded(.towardZero)), range.contains(integer)
        else { throw InputValidationError(file: file, field: field, expected: expected, found: "\(value)") }
        return integer
    }

    /// A non-negative count (`length`, `capacity`, …) that is at most `maximum`.
    /// - Throws: ``InputValidationError`` when `value` is negative or above `maximum`.
    public static func count(_ value: Int, maximum: Int, field: String, file: String) throws(InputValidationError)
        -> Int
    {
        guard value >= 0, value <= maximum else {
            throw InputValidationError(
                file: file, field: field, expected: "a count in 0…\(maximum)", found: "\(value)")
        }
        return value
    }

    /// The range `offset ..< offset + length` when it lies inside a buffer of `size` bytes (no overflow).
    /// - Throws: ``InputValidationError`` when the offset or length is negative or the range runs past the end.
    public static func byteRange(
        offset: Int, length: Int, within size: Int, field: String, file: String
    ) throws(InputValidationError) -> Range<Int> {
        let (end, overflow) = offset.addingReportingOverflow(length)
        guard offset >= 0, length >= 0, !overflow, end <= size else {
            throw InputValidationError(
                file: file, field: field, expected: "a byte range inside the \(size) bytes available",
                found: "offset \(offset), length \(length)")
        }
        return offset..<end
    }

    /// ``byteRange(offset:length:within:field:file:)`` for unsigned 64-bit offsets and lengths read from a file.
    /// - Throws: ``InputValidationError`` when the range does not fit in `size` bytes.
    public static func byteRange(
        offset: UInt64, length: UInt64, within size: Int, field: String, file: String
    ) throws(InputValidationError) -> Range<Int> {
        guard let start = Int(exactly: offset), let count = Int(exactly: length) else {
            throw InputValidationError(
                file: file, field: field, expected: "a byte range inside the \(size) bytes available",
                found: "offset \(offset), length \(length)")
        }
        return try byteRange(offset: start, length: count, within: size, field: field, file: file)
    }

    /// The number of elements of `shape` (1 for a scalar), checking every dimension is non-negative and the
    /// product (times `elementSize` bytes, when given) does not overflow.
    /// - Throws: ``InputValidationError`` for a negative dimension or an overflowing product.
    public static func elementCount(
        _ shape: [Int], elementSize: Int = 1, field: String, file: String
    ) throws(InputValidationError) -> Int {
        var product = max(elementSize, 1)
        for dimension in shape {
            guard dimension >= 0 else {
                throw InputValidationError(
                    file: file, field: field, expected: "non-negative dimensions", found: "\(shape)")
            }
            let (next, overflow) = product.multipliedReportingOverflow(by: dimension)
            guard !overflow else {
                throw InputValidationError(
                    file: file, field: field, expected: "a shape whose size fits in memory", found: "\(shape)")
            }
            product = next
        }
        return elementSize > 1 ? product / elementSize : product
    }

    /// Checks a recursion depth before descending one more level into nested input.
    /// - Throws: ``InputValidationError`` when `depth` exceeds `limit`.
    public static func checkDepth(
        _ depth: Int, limit: Int = maximumNestingDepth, field: String, file: String
    ) throws(InputValidationError) {
        guard depth <= limit else {
            throw InputValidationError(
                file: file, field: field, expected: "at most \(limit) levels of nesting", found: "nested deeper")
        }
    }

    /// The deepest bracket nesting (`[`/`{`, outside quoted strings) in JSON or YAML flow text, stopping early once
    /// `limit` is exceeded; a cheap check before handing text to a recursive parser.
    /// - Throws: ``InputValidationError`` when the text nests deeper than `limit`.
    public static func checkBracketDepth(
        _ text: some StringProtocol, limit: Int = maximumNestingDepth, file: String
    ) throws(InputValidationError) {
        var depth = 0
        var quote: UInt8?
        var escaped = false
        for byte in text.utf8 {
            if let open = quote {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") && open == UInt8(ascii: "\"") {
                    escaped = true
                } else if byte == open {
                    quote = nil
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "'"): quote = byte
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                try checkDepth(depth, limit: limit, field: "(document)", file: file)
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth = max(depth - 1, 0)
            default: break
            }
        }
    }
}
