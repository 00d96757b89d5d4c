/// A safetensors file or buffer that cannot be read or written, or an entry used with the wrong type.
public struct SafetensorsError: Error, CustomStringConvertible, Equatable, Sendable {
    /// What went wrong.
    public enum Kind: Equatable, Sendable {
        /// Fewer than the 8 bytes of the header-length prefix.
        case truncatedHeader(byteCount: Int)
        /// The declared header length exceeds the bytes after the prefix (or the 100 MB limit).
        case headerTooLarge(declared: UInt64, available: Int)
        /// The header is not UTF-8 JSON of the expected structure; the string says which part.
        case invalidHeader(String)
        /// A tensor's dtype string is not one of ``SafetensorsDType``.
        case unknownDType(tensor: String, dtype: String)
        /// A tensor's byte range lies outside the data section.
        case offsetsOutOfRange(tensor: String, begin: Int, end: Int, dataSize: Int)
        /// Tensors overlap, leave a gap, or do not cover the data section exactly.
        case overlappingOffsets(tensor: String, detail: String)
        /// A tensor's byte count differs from shape × element size.
        case sizeMismatch(tensor: String, expectedBytes: Int, actualBytes: Int)
        /// A conversion or constructor was used with an unsupported dtype, or values do not fit.
        case wrongDType(tensor: String, dtype: SafetensorsDType, expected: String)
        /// The file cannot be read or written.
        case io(String)
    }

    /// What went wrong.
    public var kind: Kind
    /// The file involved, if any.
    public var path: String?

    /// Creates an error of `kind`, optionally naming the file.
    public init(_ kind: Kind, path: String? = nil) {
        self.kind = kind
        self.path = path
    }

    /// The file (if known), what is wrong, and how to fix it.
    public var description: String {
        "\(path ?? "safetensors data"): \(message)"
    }

    private var message: String {
        switch kind {
        case .truncatedHeader(let count):
            return "only \(count) bytes; a safetensors file starts with an 8-byte header length. "
                + "The file is truncated or not a safetensors file."
        case .headerTooLarge(let declared, let available):
            return "header length \(declared) exceeds the \(available) bytes that follow (limit 100 MB). "
                + "The file is truncated or not a safetensors file."
        case .invalidHeader(let detail):
            return "invalid header: \(detail). The file is corrupt or was not written by a safetensors writer."
        case .unknownDType(let tensor, let dtype):
            let known = SafetensorsDType.allCases.map(\.rawValue).joined(separator: ", ")
            return "tensor `\(tensor)` has dtype \"\(dtype)\", which SwiftRL does not read (supported: \(known)). "
                + "Convert it in Python, e.g. `tensor.to(torch.float32)`, before saving."
        case .offsetsOutOfRange(let tensor, let begin, let end, let dataSize):
            return "tensor `\(tensor)` has data_offsets [\(begin), \(end)] outside the \(dataSize)-byte data section. "
                + "The file is truncated or corrupt."
        case .overlappingOffsets(let tensor, let detail):
            return "tensor `\(tensor)`: \(detail). Tensors must tile the data section without gaps or overlaps."
        case .sizeMismatch(let tensor, let expected, let actual):
            return "tensor `\(tensor)` has \(actual) bytes but its shape and dtype need \(expected). "
                + "The header is corrupt, or the values do not match the shape."
        case .wrongDType(let tensor, let dtype, let expected):
            return "tensor `\(tensor)` is \(dtype.rawValue), expected \(expected)."
        case .io(let detail):
            return detail
        }
    }
}
