import Foundation
import Tensor

extension ReplayBuffer {
    /// Format tag written to the file's metadata.
    public static let fileFormat = "swiftrl.replay_buffer.v1"

    /// Writes the stored transitions to a safetensors file (atomically): tensors `observations`,
    /// `next_observations`, `actions`, `rewards`, `discounts`, `terminated` (rows in storage order) and, when
    /// prioritized, `priorities`; metadata holds the capacity, write position and sampling settings. Readable from
    /// Python with `safetensors.numpy.load_file`.
    /// - Throws: ``ReplayBufferError/persistence(_:)`` naming the file when it cannot be written.
    /// - Complexity: O(count · (observationSize + actionSize)).
    public func save(to url: URL) throws(ReplayBufferError) {
        let os = observationSize, asz = actionSize, n = count
        do {
            var archive = SafetensorsArchive(metadata: try metadata())
            archive["observations"] = try SafetensorsEntry(shape: [n, os], floats: Array(observations[0..<(n * os)]))
            archive["next_observations"] = try SafetensorsEntry(
                shape: [n, os], floats: Array(nextObservations[0..<(n * os)]))
            archive["actions"] = try SafetensorsEntry(shape: [n, asz], floats: Array(actions[0..<(n * asz)]))
            archive["rewards"] = try SafetensorsEntry(shape: [n], floats: Array(rewards[0..<n]))
            archive["discounts"] = try SafetensorsEntry(shape: [n], floats: Array(discounts[0..<n]))
            archive["terminated"] = try SafetensorsEntry(shape: [n], floats: Array(terminated[0..<n]))
            if let priorities {
                archive["priorities"] = try SafetensorsEntry(shape: [n], doubles: (0..<n).map { priorities[$0] })
            }
            try archive.write(to: url)
        } catch let error as ReplayBufferError {
            throw error
        } catch {
            throw .persistence("\(url.path): cannot write (\(error))")
        }
    }

    /// Reads a buffer written by ``save(to:)``, with its capacity and sampling settings.
    /// - Parameters:
    ///   - url: the file.
    ///   - memoryBudgetBytes: budget for the re-allocated buffer.
    /// - Throws: ``ReplayBufferError/persistence(_:)`` when the file is missing, not a replay buffer, or its
    ///   tensors have inconsistent shapes; ``ReplayBufferError/memoryBudgetExceeded(_:)`` as in `init`.
    public static func load(from url: URL, memoryBudgetBytes: Int = ReplayBuffer.defaultMemoryBudgetBytes)
        throws(ReplayBufferError) -> ReplayBuffer
    {
        let archive: SafetensorsArchive
        do {
            archive = try SafetensorsArchive.read(from: url)
        } catch {
            throw .persistence("\(url.path): \(error)")
        }
        let meta = archive.metadata
        guard meta["format"] == fileFormat else {
            throw .persistence("\(url.path): not a SwiftRL replay buffer (metadata format is `\(meta["format"] ?? "missing")`, expected `\(fileFormat)`)")
        }
        guard let capacity = meta["capacity"].flatMap(Int.init), let position = meta["position"].flatMap(Int.init),
              let totalAdded = meta["total_added"].flatMap(Int.init),
              let maxPriority = meta["max_priority"].flatMap(Double.init),
              let samplingText = meta["sampling"], let samplingData = samplingText.data(using: .utf8),
              let sampling = try? JSONDecoder().decode(ReplaySampling.self, from: samplingData)
        else { throw .persistence("\(url.path): metadata lacks capacity, position, total_added, max_priority or sampling") }
        do {
            guard let obs = archive["observations"], let next = archive["next_observations"],
                  let act = archive["actions"], let rew = archive["rewards"], let disc = archive["discounts"],
                  let term = archive["terminated"], obs.shape.count == 2, act.shape.count == 2 else {
                throw ReplayBufferError.persistence("\(url.path): missing one of observations, next_observations, actions, rewards, discounts, terminated")
            }
            let n = obs.shape[0], os = obs.shape[1], asz = act.shape[1]
            guard next.shape == obs.shape, act.shape[0] == n, rew.shape == [n], disc.shape == [n], term.shape == [n],
                  n <= capacity, (0..<capacity).contains(position) else {
                throw ReplayBufferError.persistence("\(url.path): tensor shapes disagree (observations \(obs.shape), actions \(act.shape), rewards \(rew.shape)) or exceed capacity \(capacity)")
            }
            var buffer = try ReplayBuffer(capacity: capacity, observationSize: os, actionSize: asz, sampling: sampling,
                                          memoryBudgetBytes: memoryBudgetBytes)
            buffer.observations.replaceSubrange(0..<(n * os), with: try obs.floats())
            buffer.nextObservations.replaceSubrange(0..<(n * os), with: try next.floats())
            buffer.actions.replaceSubrange(0..<(n * asz), with: try act.floats())
            buffer.rewards.replaceSubrange(0..<n, with: try rew.floats())
            buffer.discounts.replaceSubrange(0..<n, with: try disc.floats())
            buffer.terminated.replaceSubrange(0..<n, with: try term.floats())
            if sampling.isPrioritized {
                guard let stored = archive["priorities"], stored.shape == [n] else {
                    throw ReplayBufferError.persistence("\(url.path): prioritized buffer without a `priorities` tensor of \(n) values")
                }
                for (slot, p) in try stored.doubles().enumerated() { buffer.priorities?.update(slot, priority: p) }
            }
            buffer.count = n
            buffer.position = position
            buffer.totalAdded = totalAdded
            buffer.maxPriority = maxPriority
            return buffer
        } catch let error as ReplayBufferError {
            throw error
        } catch {
            throw .persistence("\(url.path): \(error)")
        }
    }

    private func metadata() throws -> [String: String] {
        let samplingJSON = String(decoding: try JSONEncoder().encode(sampling), as: UTF8.self)
        return ["format": Self.fileFormat, "capacity": "\(capacity)", "position": "\(position)",
                "total_added": "\(totalAdded)", "max_priority": "\(maxPriority)", "sampling": samplingJSON]
    }
}

/// The counters of a ``ReplayBuffer`` saved in a training checkpoint's sidecar (the transitions go in as tensors).
public struct ReplayBufferState: Codable, Equatable, Sendable {
    /// Transitions stored.
    public var count: Int
    /// Next write slot.
    public var position: Int
    /// Transitions added since creation.
    public var totalAdded: Int
    /// Largest priority so far.
    public var maxPriority: Double
}

extension ReplayBuffer {
    /// The counters for a checkpoint sidecar.
    public var state: ReplayBufferState {
        ReplayBufferState(count: count, position: position, totalAdded: totalAdded, maxPriority: maxPriority)
    }

    /// The stored transitions as tensors named `<prefix>.observations`, … (rows in storage order), for training
    /// checkpoints.
    public func tensors(prefix: String) -> [String: Tensor] {
        let n = count, os = observationSize, asz = actionSize
        var out = [
            "\(prefix).observations": Tensor(Array(observations[0..<(n * os)]), shape: [n, os]),
            "\(prefix).next_observations": Tensor(Array(nextObservations[0..<(n * os)]), shape: [n, os]),
            "\(prefix).actions": Tensor(Array(actions[0..<(n * asz)]), shape: [n, asz]),
            "\(prefix).rewards": Tensor(Array(rewards[0..<n]), shape: [n]),
            "\(prefix).discounts": Tensor(Array(discounts[0..<n]), shape: [n]),
            "\(prefix).terminated": Tensor(Array(terminated[0..<n]), shape: [n]),
        ]
        if let priorities { out["\(prefix).priorities"] = Tensor((0..<n).map { priorities[$0] }, shape: [n]) }
        return out
    }

    /// Refills this (empty) buffer from ``tensors(prefix:)`` output and saved counters.
    /// - Throws: ``ReplayBufferError/persistence(_:)`` when a tensor is missing or does not fit.
    public mutating func restore(tensors: [String: Tensor], prefix: String, state: ReplayBufferState)
        throws(ReplayBufferError)
    {
        let n = state.count, os = observationSize, asz = actionSize
        guard n <= capacity, (0..<capacity).contains(state.position) else {
            throw .persistence("checkpoint replay counters (count \(n), position \(state.position)) do not fit capacity \(capacity)")
        }
        func load(_ name: String, _ size: Int) throws(ReplayBufferError) -> [Float] {
            guard let t = tensors["\(prefix).\(name)"], t.count == size else {
                throw .persistence("checkpoint lacks `\(prefix).\(name)` with \(size) values")
            }
            return t.floats
        }
        observations.replaceSubrange(0..<(n * os), with: try load("observations", n * os))
        nextObservations.replaceSubrange(0..<(n * os), with: try load("next_observations", n * os))
        actions.replaceSubrange(0..<(n * asz), with: try load("actions", n * asz))
        rewards.replaceSubrange(0..<n, with: try load("rewards", n))
        discounts.replaceSubrange(0..<n, with: try load("discounts", n))
        terminated.replaceSubrange(0..<n, with: try load("terminated", n))
        if priorities != nil {
            guard let stored = tensors["\(prefix).priorities"], stored.count == n else {
                throw .persistence("checkpoint lacks `\(prefix).priorities` with \(n) values")
            }
            for (slot, p) in stored.doubles.enumerated() { priorities?.update(slot, priority: p) }
        }
        count = n
        position = state.position
        totalAdded = state.totalAdded
        maxPriority = state.maxPriority
    }
}
