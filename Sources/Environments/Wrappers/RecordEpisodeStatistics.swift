import Foundation

/// Gymnasium's `RecordEpisodeStatistics`: when an episode ends, adds `info["episode"] = {"r": return,
/// "l": length, "t": seconds}` and appends to the last-`bufferLength` queues.
public struct RecordEpisodeStatistics<Base: Environment>: Environment {
    public typealias Observation = Base.Observation
    public typealias Action = Base.Action

    /// The wrapped environment.
    public var base: Base
    /// The info key (Gymnasium's `stats_key`).
    public let statisticsKey: String
    /// How many finished episodes the queues keep.
    public let bufferLength: Int
    /// Finished episodes so far.
    public private(set) var episodeCount = 0
    /// The running return of the current episode.
    public private(set) var episodeReturn = 0.0
    /// The running length of the current episode.
    public private(set) var episodeLength = 0
    /// Returns of the last `bufferLength` episodes, oldest first.
    public private(set) var returnQueue: [Double] = []
    /// Lengths of the last `bufferLength` episodes, oldest first.
    public private(set) var lengthQueue: [Int] = []
    /// Durations in seconds of the last `bufferLength` episodes, oldest first.
    public private(set) var timeQueue: [Double] = []
    private var episodeStart = ContinuousClock.now

    /// Wraps `base`.
    public init(_ base: Base, bufferLength: Int = 100, statisticsKey: String = "episode") {
        self.base = base
        self.bufferLength = max(1, bufferLength)
        self.statisticsKey = statisticsKey
    }

    public var observationSpace: Space { base.observationSpace }
    public var actionSpace: Space { base.actionSpace }
    public var metadata: EnvironmentMetadata { base.metadata }

    public mutating func reset(seed: UInt64?, options: ResetOptions) throws(EnvironmentError) -> Reset<Observation> {
        let result = try base.reset(seed: seed, options: options)
        episodeStart = .now
        episodeReturn = 0
        episodeLength = 0
        return result
    }

    public mutating func step(_ action: Action) throws(EnvironmentError) -> Step<Observation> {
        var result = try base.step(action)
        episodeReturn += result.reward
        episodeLength += 1
        if result.isDone {
            let elapsed = episodeStart.duration(to: .now)
            let seconds = (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
            let rounded = (seconds * 1e6).rounded() / 1e6
            result.info[statisticsKey] = .dictionary([
                "r": .double(episodeReturn), "l": .int(episodeLength), "t": .double(rounded),
            ])
            append(&timeQueue, rounded)
            append(&returnQueue, episodeReturn)
            append(&lengthQueue, episodeLength)
            episodeCount += 1
            episodeStart = .now
        }
        return result
    }

    private func append<T>(_ queue: inout [T], _ value: T) {
        queue.append(value)
        if queue.count > bufferLength { queue.removeFirst(queue.count - bufferLength) }
    }

    public func render() -> Frame? { base.render() }
}

extension RecordEpisodeStatistics: Sendable where Base: Sendable {}
