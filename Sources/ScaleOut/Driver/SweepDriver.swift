import Foundation
import Tracking

/// What a sweep ended with.
public struct SweepOutcome: Sendable {
    /// Result JSON per finished run id.
    public var results: [String: Data]
    /// Runs that failed after every retry, with their last reason.
    public var failed: [String: String]
}

/// Runs a ``RunPlan`` on a ``JobExecutor``: submits stage by stage within the executor's capacity, polls, keeps
/// each run's result line in `results/<run>.json`, retries failed or lost jobs up to `retries` times, prints a
/// progress line (done / running / failed / queued, ETA), and on Ctrl-C stops submitting (cancelling the running
/// jobs only with `cancelOnExit`), saves its state and throws ``ScaleOutError/interrupted(directory:finished:total:)``.
/// Run again on the same folder (`--resume`), it submits only what is missing and re-attaches to jobs still running
/// on Ray or Slurm.
public final class SweepDriver {
    private let plan: RunPlan
    private let directory: URL
    private let executor: any JobExecutor
    private let retries: Int
    private let cancelOnExit: Bool
    private let progress: (String) -> Void
    private let validate: (PlannedRun, Data) throws -> Void
    private let isInterrupted: () -> Bool

    /// A driver.
    /// - Parameters:
    ///   - retries: extra attempts per run after a failure (0: none).
    ///   - validate: checks a result line's JSON (e.g. decodes a run summary); a throw counts as a failed attempt.
    ///   - isInterrupted: polled between rounds (the CLI passes an ``InterruptMonitor``'s flag).
    public init(
        plan: RunPlan, directory: URL, executor: any JobExecutor, retries: Int = 1, cancelOnExit: Bool = false,
        progress: @escaping (String) -> Void = { _ in },
        validate: @escaping (PlannedRun, Data) throws -> Void = { _, _ in },
        isInterrupted: @escaping () -> Bool = { false }
    ) {
        self.plan = plan
        self.directory = directory
        self.executor = executor
        self.retries = max(0, retries)
        self.cancelOnExit = cancelOnExit
        self.progress = progress
        self.validate = validate
        self.isInterrupted = isInterrupted
    }

    /// Runs the plan to the end (or until interrupted).
    /// - Throws: ``ScaleOutError/interrupted(directory:finished:total:)``, executor errors (unreachable engine).
    public func run() throws -> SweepOutcome {
        try plan.save(in: directory)
        var results = SweepResults.load(plan, from: directory)
        var state = SweepState.load(from: directory, executor: executor.name)
        var inFlight: [JobHandle] = []
        if state.executor == executor.name && executor.name != "local" {
            inFlight = state.inFlight.values.filter { results[$0.runID] == nil }.sorted { $0.runID < $1.runID }
        }
        state.executor = executor.name
        state.inFlight = [:]
        for handle in inFlight { state.inFlight[handle.runID] = handle }
        var failed: [String: String] = [:]
        var tries: [String: Int] = [:]
        var waiting = plan.runs.filter { run in results[run.id] == nil && !inFlight.contains { $0.runID == run.id } }
        let started = Date()
        let finishedAtStart = results.count
        var lastCounts = [-1]
        var lastPrinted = Date.distantPast
        try state.save(in: directory)

        while !waiting.isEmpty || !inFlight.isEmpty {
            if isInterrupted() {
                if cancelOnExit { for handle in inFlight { try? executor.cancel(handle) } }
                if cancelOnExit { state.inFlight = [:] }
                try state.save(in: directory)
                throw ScaleOutError.interrupted(
                    directory: directory.path, finished: results.count, total: plan.runs.count)
            }
            let stage = (waiting.map(\.stage) + inFlight.compactMap { handle in
                plan.runs.first { $0.id == handle.runID }?.stage
            }).min() ?? 0
            let room = executor.capacity - inFlight.count
            if room > 0 {
                let batch = Array(waiting.filter { $0.stage == stage }.prefix(room))
                if !batch.isEmpty {
                    let submissions = batch.map { run -> (run: PlannedRun, attempt: Int) in
                        let attempt = (state.attempts[run.id] ?? 0) + 1
                        state.attempts[run.id] = attempt
                        return (run, attempt)
                    }
                    try state.save(in: directory)
                    let handles = try executor.submit(submissions)
                    for handle in handles { state.inFlight[handle.runID] = handle }
                    inFlight += handles
                    let submitted = Set(batch.map(\.id))
                    waiting.removeAll { submitted.contains($0.id) }
                    try state.save(in: directory)
                }
            }
            let states = try executor.poll(inFlight)
            var running = 0
            for handle in inFlight {
                guard let jobState = states[handle] else { continue }
                switch jobState {
                case .queued: continue
                case .running: running += 1; continue
                case .succeeded, .failed: break
                }
                inFlight.removeAll { $0 == handle }
                state.inFlight[handle.runID] = nil
                guard let run = plan.runs.first(where: { $0.id == handle.runID }) else { continue }
                var reason: String?
                if case .failed(let why) = jobState { reason = why }
                if reason == nil {
                    let output = (try? executor.output(of: handle)) ?? ""
                    if let data = ResultLine.extract(from: output) {
                        do {
                            try validate(run, data)
                            try SweepResults.save(data, for: run.id, in: directory)
                            results[run.id] = data
                        } catch {
                            reason = "unusable result line: \(error)"
                        }
                    } else {
                        let marker = ResultLine.prefix.trimmingCharacters(in: .whitespaces)
                        reason = "the job succeeded but printed no '\(marker)' line"
                    }
                }
                if let reason {
                    state.failures[run.id, default: []].append("attempt \(handle.attempt): \(reason)")
                    tries[run.id, default: 0] += 1
                    if tries[run.id, default: 0] <= retries {
                        progress("retrying \(run.id) after attempt \(handle.attempt) failed: \(reason)")
                        waiting.insert(run, at: 0)
                    } else {
                        failed[run.id] = reason
                        progress("\(run.id) failed: \(reason)")
                    }
                }
            }
            try state.save(in: directory)
            let queued = waiting.count + inFlight.count - running
            let line = progressLine(
                done: results.count, running: running, failed: failed.count, queued: queued,
                newlyDone: results.count - finishedAtStart, elapsed: Date().timeIntervalSince(started))
            let counts = [results.count, running, failed.count, queued]
            if counts != lastCounts || Date().timeIntervalSince(lastPrinted) >= 30 {
                progress(line)
                lastCounts = counts
                lastPrinted = Date()
            }
            if !waiting.isEmpty || !inFlight.isEmpty { Thread.sleep(forTimeInterval: executor.pollInterval) }
        }
        return SweepOutcome(results: results, failed: failed)
    }

    private func progressLine(done: Int, running: Int, failed: Int, queued: Int, newlyDone: Int, elapsed: Double)
        -> String
    {
        let remaining = plan.runs.count - done - failed
        var eta = "-"
        if newlyDone > 0 && remaining > 0 {
            eta = ProgressFormat.duration(elapsed / Double(newlyDone) * Double(remaining))
        } else if remaining == 0 {
            eta = "0s"
        }
        return "[\(executor.name)] \(done) done · \(running) running · \(failed) failed · \(queued) queued · "
            + "ETA \(eta)"
    }
}
