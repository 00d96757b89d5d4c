import Foundation
import Tensor

/// Counts from one fuzz pass over one target.
public struct FuzzReport: Equatable, Sendable {
    /// The target's name.
    public var format: String
    /// Index of the first input of the pass.
    public var start: Int
    /// Inputs decoded.
    public var inputs: Int
    /// Inputs the reader rejected with an error (the expected outcome for most damaged inputs).
    public var rejected: Int
    /// Inputs the reader accepted.
    public var accepted: Int
    /// Wall-clock seconds.
    public var seconds: Double

    /// Inputs per second.
    public var rate: Double { seconds > 0 ? Double(inputs) / seconds : 0 }
}

/// Runs mutated inputs of one ``FuzzTarget`` in this process.
///
/// A trap kills the process, so before each input is decoded it is written to
/// `<scratch>/fuzz-crash-<format>-<seed>-<index>.bin` and deleted afterwards: a crash leaves its reproducer on
/// disk (replay it with `swiftrl-fuzz <format> --replay <file>`). A watchdog thread aborts the process when one
/// input takes longer than `hangSeconds`, after renaming the reproducer to `fuzz-hang-…`.
public final class FuzzRunner: @unchecked Sendable {
    /// The target.
    public let target: FuzzTarget
    /// The run seed; input `i` is derived from `(seed, i)` alone.
    public let seed: UInt64
    /// Where reproducers and the readers' files go.
    public let scratch: URL
    /// Seconds one input may take before the watchdog aborts.
    public let hangSeconds: Double
    private let corpus: [[[UInt8]]]
    private let progress = ProgressBeacon()

    /// A runner; makes the target's seed inputs.
    /// - Throws: ``FuzzError/seedFailed(format:reason:)`` if the seeds cannot be made.
    public init(target: FuzzTarget, seed: UInt64, scratch: URL, hangSeconds: Double = 10) throws {
        self.target = target
        self.seed = seed
        self.scratch = scratch
        self.hangSeconds = hangSeconds
        do {
            corpus = try target.seeds()
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        } catch {
            throw FuzzError.seedFailed(format: target.name, reason: "\(error)")
        }
        guard !corpus.isEmpty, corpus.allSatisfy({ $0.count == target.parts.count }) else {
            throw FuzzError.seedFailed(format: target.name, reason: "no seed inputs with \(target.parts.count) parts")
        }
    }

    /// The seed inputs decode without error (a sanity check of the target itself).
    /// - Throws: the reader's error for the first seed it rejects.
    public func checkSeeds() throws {
        for parts in corpus { try target.decode(parts, workDirectory) }
    }

    /// Input number `index`: a seed input with one part mutated (sometimes two).
    public func input(_ index: Int) -> [[UInt8]] {
        var rng = Xoshiro256StarStar(seed: seed).derived(index: index)
        var parts = corpus[rng.int(below: corpus.count)]
        let rounds = rng.int(below: 5) == 0 ? 2 : 1
        for _ in 0..<rounds {
            let part = rng.int(below: parts.count)
            parts[part] = Mutator.mutate(parts[part], kind: target.parts[part], using: &rng)
        }
        return parts
    }

    /// The reproducer path of input `index`.
    public func reproducerURL(_ index: Int) -> URL {
        scratch.appendingPathComponent("fuzz-crash-\(target.name)-\(seed)-\(index).bin")
    }

    /// Decodes inputs `start, start+1, …` until `inputs` have run or `seconds` have passed (whichever is first).
    public func run(start: Int = 0, inputs: Int?, seconds: Double?) -> FuzzReport {
        let began = Date()
        let deadline = seconds.map { began.addingTimeInterval($0) }
        var report = FuzzReport(format: target.name, start: start, inputs: 0, rejected: 0, accepted: 0, seconds: 0)
        let watchdog = startWatchdog()
        defer { watchdog.cancel() }
        var index = start
        while inputs.map({ report.inputs < $0 }) ?? true {
            if let deadline, report.inputs % 16 == 0, Date() >= deadline { break }
            let parts = input(index)
            let file = reproducerURL(index)
            _ = FileManager.default.createFile(atPath: file.path, contents: Data(FuzzInputFile.encode(parts)))
            progress.begin(index: index, file: file.path)
            do {
                try target.decode(parts, workDirectory)
                report.accepted += 1
            } catch {
                report.rejected += 1
            }
            progress.end()
            try? FileManager.default.removeItem(at: file)
            report.inputs += 1
            index += 1
        }
        report.seconds = Date().timeIntervalSince(began)
        return report
    }

    /// Decodes one saved reproducer.
    /// - Throws: the reader's error (a clean rejection) or ``FuzzError/invalidReproducer(_:)``.
    public func replay(_ url: URL) throws {
        let bytes = [UInt8]((try? Data(contentsOf: url)) ?? Data())
        try target.decode(try FuzzInputFile.decode(bytes, path: url.path), workDirectory)
    }

    private var workDirectory: URL { scratch.appendingPathComponent("work-\(target.name)-\(seed)") }

    private func startWatchdog() -> Thread {
        let beacon = progress, limit = hangSeconds, name = target.name
        let thread = Thread {
            while !Thread.current.isCancelled {
                Thread.sleep(forTimeInterval: 0.5)
                guard let (index, file, since) = beacon.current(), Date().timeIntervalSince(since) > limit else {
                    continue
                }
                let hang = file.replacingOccurrences(of: "fuzz-crash-", with: "fuzz-hang-")
                try? FileManager.default.moveItem(atPath: file, toPath: hang)
                FileHandle.standardError.write(
                    Data("swiftrl-fuzz: \(name) input \(index) hung for more than \(limit) s; saved \(hang)\n".utf8))
                abort()
            }
        }
        thread.start()
        return thread
    }
}

/// The input being decoded and since when, shared with the watchdog thread.
final class ProgressBeacon: @unchecked Sendable {
    private let lock = NSLock()
    private var state: (index: Int, file: String, since: Date)?

    func begin(index: Int, file: String) {
        lock.lock()
        state = (index, file, Date())
        lock.unlock()
    }

    func end() {
        lock.lock()
        state = nil
        lock.unlock()
    }

    func current() -> (Int, String, Date)? {
        lock.lock()
        defer { lock.unlock() }
        return state
    }
}
