import Foundation

/// The contents of a safetensors file: named tensors plus string metadata, read and written without the `Tensor` type.
///
/// Format (huggingface/safetensors): an 8-byte little-endian header length N, N bytes of JSON
/// `{"__metadata__": {…}, "<name>": {"dtype": "F32", "shape": […], "data_offsets": [begin, end]}, …}` padded with
/// spaces to a multiple of 8, then the tensor bytes. Writing lays tensors out as the reference Python writer does
/// (by dtype, widest first, then by name), so for the same tensors and at most one metadata key the bytes are
/// identical. Reading validates everything and throws ``SafetensorsError``; it never traps on a bad file.
///
/// ```swift
/// var archive = SafetensorsArchive(metadata: ["format": "pt"])
/// archive["policy.weight"] = try SafetensorsEntry(shape: [2, 2], floats: [1, 2, 3, 4])
/// try archive.write(to: url)
/// let weights = try SafetensorsArchive.read(from: url)["policy.weight"]?.floats()
/// ```
public struct SafetensorsArchive: Equatable, Sendable {
    /// Tensors by name.
    public var entries: [String: SafetensorsEntry]
    /// Free-form string metadata (`__metadata__`).
    public var metadata: [String: String]

    /// Tensor names in ascending order.
    public var names: [String] { entries.keys.sorted() }

    /// The tensor called `name`, or `nil`; assigning `nil` removes it.
    public subscript(name: String) -> SafetensorsEntry? {
        get { entries[name] }
        set { entries[name] = newValue }
    }

    /// An archive of the given tensors and metadata.
    public init(entries: [String: SafetensorsEntry] = [:], metadata: [String: String] = [:]) {
        self.entries = entries
        self.metadata = metadata
    }

    /// Parses a complete safetensors buffer.
    /// - Throws: ``SafetensorsError`` if the buffer is truncated, the header is not valid JSON of the right form, a
    ///   dtype is unknown, or the tensors' byte ranges are out of range, overlapping, leave gaps, or disagree with
    ///   their shapes.
    /// - Complexity: O(file size).
    public init(data: Data) throws(SafetensorsError) {
        self = try SafetensorsHeader.parse(data)
    }

    /// Reads the file at `url`.
    /// - Throws: ``SafetensorsError`` naming the file if it cannot be read or is invalid (see ``init(data:)``).
    public static func read(from url: URL) throws(SafetensorsError) -> SafetensorsArchive {
        let data: Data
        do {
            data = try Data(contentsOf: url, options: .mappedIfSafe)
        } catch {
            throw SafetensorsError(.io("cannot read the file (\(error.localizedDescription))"), path: url.path)
        }
        do {
            return try SafetensorsArchive(data: data)
        } catch {
            throw SafetensorsError(error.kind, path: url.path)
        }
    }

    /// The file's bytes: header padded to a multiple of 8 bytes, tensors ordered by dtype (widest first) then name.
    /// - Complexity: O(total tensor bytes).
    public func serialized() -> Data {
        SafetensorsHeader.serialize(self)
    }

    /// Writes the archive to `url` atomically (temporary file + rename), creating directories as needed.
    /// - Throws: ``SafetensorsError`` (`.io`) naming the file if it cannot be written.
    public func write(to url: URL) throws(SafetensorsError) {
        do {
            try AtomicFile.write(serialized(), to: url)
        } catch {
            throw SafetensorsError(.io(error.reason), path: url.path)
        }
    }
}
