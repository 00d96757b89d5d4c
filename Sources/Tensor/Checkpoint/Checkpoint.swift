import Foundation

/// An error while saving or loading a tensor checkpoint; says which file and tensor, and what to do.
public struct CheckpointError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Named tensors in a safetensors file (names are module parameter paths such as `actor.layers.0.weight`)
/// plus a string `__metadata__` map (SwiftRL stores a JSON sidecar's essentials there too).
public enum Checkpoint {
    /// Writes `tensors` atomically in safetensors format (F32 for Float tensors, F64 for Double ones).
    /// - Throws: ``CheckpointError`` if the file cannot be written.
    public static func save(_ tensors: [String: Tensor], metadata: [String: String] = [:], to url: URL) throws(CheckpointError) {
        var entries: [String: SafetensorsEntry] = [:]
        do {
            for (name, t) in tensors {
                switch t.storage {
                case .float32(let v): entries[name] = try SafetensorsEntry(shape: t.shape, floats: v)
                case .float64(let v): entries[name] = try SafetensorsEntry(shape: t.shape, doubles: v)
                }
            }
            try SafetensorsArchive(entries: entries, metadata: metadata).write(to: url)
        } catch {
            throw CheckpointError("\(url.path): cannot save checkpoint (\(error))")
        }
    }

    /// Reads every tensor of a safetensors file (F32/F16/BF16 → Float tensors, F64 → Double tensors).
    /// - Throws: ``CheckpointError`` naming the file for missing, truncated or corrupt files and unsupported dtypes.
    public static func load(from url: URL) throws(CheckpointError) -> (tensors: [String: Tensor], metadata: [String: String]) {
        let archive: SafetensorsArchive
        do {
            archive = try SafetensorsArchive.read(from: url)
        } catch {
            throw CheckpointError("\(url.path): cannot read checkpoint (\(error))")
        }
        var out: [String: Tensor] = [:]
        for name in archive.names {
            guard let entry = archive[name] else { continue }
            do {
                if entry.dtype == .float64 {
                    out[name] = Tensor(try entry.doubles(), shape: entry.shape)
                } else {
                    out[name] = Tensor(try entry.floats(), shape: entry.shape)
                }
            } catch {
                throw CheckpointError("\(url.path): tensor `\(name)` cannot be read as floating point (\(error))")
            }
        }
        return (out, archive.metadata)
    }
}

extension Module {
    /// Parameter values by path (the module's "state dict"); the tensors are the live parameters.
    public func stateDict() -> [String: Tensor] {
        Dictionary(namedParameters().map { ($0.path, $0.tensor) }, uniquingKeysWith: { a, _ in a })
    }

    /// Copies values from `state` into the parameters, in place.
    /// - Parameters:
    ///   - state: tensors by parameter path.
    ///   - prefix: prepended to each parameter path when looking it up (e.g. `"actor."`).
    ///   - strict: when true, every parameter must be present and no unused `prefix` entries may remain.
    /// - Throws: ``ModuleStructureError`` naming missing, unexpected or mis-shaped entries.
    public func loadStateDict(_ state: [String: Tensor], prefix: String = "", strict: Bool = true) throws(ModuleStructureError) {
        let named = namedParameters()
        var missing: [String] = []
        for (path, parameter) in named {
            guard let value = state[prefix + path] else {
                missing.append(prefix + path)
                continue
            }
            guard value.shape == parameter.shape else {
                throw ModuleStructureError("`\(prefix + path)` has shape \(value.shape) in the checkpoint but \(parameter.shape) in the model; was it saved from a different architecture?")
            }
            parameter.assign(value)
        }
        if strict {
            if !missing.isEmpty {
                throw ModuleStructureError("checkpoint lacks \(missing.count) parameter(s): \(missing.prefix(5).joined(separator: ", "))\(missing.count > 5 ? ", …" : "")")
            }
            let known = Set(named.map { prefix + $0.path })
            let extra = state.keys.filter { $0.hasPrefix(prefix) && !known.contains($0) }.sorted()
            if !extra.isEmpty {
                throw ModuleStructureError("checkpoint has \(extra.count) unexpected tensor(s): \(extra.prefix(5).joined(separator: ", ")); pass strict: false to ignore them")
            }
        }
    }

    /// Saves the parameters to a safetensors file.
    /// - Throws: ``CheckpointError`` if writing fails.
    public func save(to url: URL, metadata: [String: String] = [:]) throws(CheckpointError) {
        try Checkpoint.save(stateDict(), metadata: metadata, to: url)
    }

    /// Loads parameters saved by ``save(to:metadata:)`` (or a Hugging Face/PyTorch safetensors file whose names
    /// match the parameter paths) into this module.
    /// - Throws: ``CheckpointError`` for unreadable files or mismatched structure.
    public func load(from url: URL, strict: Bool = true) throws(CheckpointError) {
        let (tensors, _) = try Checkpoint.load(from: url)
        do {
            try loadStateDict(tensors, strict: strict)
        } catch {
            throw CheckpointError("\(url.path): \(error)")
        }
    }
}
