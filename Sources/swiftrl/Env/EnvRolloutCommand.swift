import ArgumentParser
import Environments
import Foundation
import Tensor

/// `swiftrl env rollout <id>`: prints a trajectory for comparison with other implementations.
struct EnvRolloutCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollout",
        abstract: "Roll out an environment with given actions or the action space's seeded random sampling.",
        discussion: """
            The first reset uses --seed; when an episode ends before the actions run out, the environment is reset
            without a seed (the stream continues, as in Gymnasium) and a {"reset": ...} entry is printed.
            Vector actions are written with spaces inside one action: --actions "0.5 -1,0.2 0.3".
            --policy random seeds the action space with --seed, like env.action_space.seed(seed).
            """)

    enum Policy: String, ExpressibleByArgument, CaseIterable { case random }

    @Argument(help: "Environment id, e.g. CartPole-v1.")
    var id: String

    @Option(help: "Seed for the first reset (and for --policy random).")
    var seed: UInt64 = 0

    @Option(parsing: .unconditional, help: "Comma-separated actions (values may begin with a minus sign).")
    var actions: String?

    @Option(help: "Action source instead of --actions: \(Policy.allCases.map(\.rawValue).joined(separator: ", ")).")
    var policy: Policy?

    @Option(help: "Steps to take with --policy.")
    var steps = 100

    @Option(name: .customLong("option"), help: ArgumentHelp("Environment option.", valueName: "key=value"))
    var options: [String] = []

    @Flag(help: "Print one JSON document instead of a table.")
    var json = false

    @Option(help: "Write each rendered frame to this directory (frame_00000.ppm for images, .txt for text).")
    var renderDir: String?

    func validate() throws {
        if (actions == nil) == (policy == nil) {
            throw ValidationError("give exactly one of --actions a1,a2,… or --policy random")
        }
        if steps < 0 { throw ValidationError("--steps must be ≥ 0, got \(steps)") }
    }

    func run() throws {
        do {
            var environment = try EnvironmentRegistry.shared.make(id, options: try parseEnvironmentOptions(options))
            let actionList = try plannedActions(for: environment.actionSpace)
            var entries: [JSONValue] = []
            let reset = try environment.reset(seed: seed)
            var frameIndex = 0
            try saveFrame(environment.render(), index: &frameIndex)
            entries.append(.object([("reset", reset.observation.json)]))
            if !json { print("reset  obs=\(reset.observation.summary)") }
            for (index, action) in actionList.enumerated() {
                let step = try environment.step(action)
                try saveFrame(environment.render(), index: &frameIndex)
                entries.append(
                    .object([
                        ("action", action.json), ("observation", step.observation.json),
                        ("reward", .number(step.reward)),
                        ("terminated", .bool(step.terminated)), ("truncated", .bool(step.truncated)),
                    ]))
                if !json {
                    print(
                        "\(index)  a=\(action.summary) obs=\(step.observation.summary) r=\(step.reward) "
                            + "term=\(step.terminated) trunc=\(step.truncated)")
                }
                if step.isDone, index + 1 < actionList.count {
                    let next = try environment.reset(seed: nil)
                    entries.append(.object([("reset", next.observation.json)]))
                    if !json { print("reset  obs=\(next.observation.summary)") }
                }
            }
            if json {
                print(
                    JSONValue.object([
                        ("id", .string(id)), ("seed", .number(Double(seed))), ("trajectory", .array(entries)),
                    ])
                    .serialized())
            }
        } catch let error as EnvironmentError {
            throw EnvCommandError(error)
        }
    }

    /// Writes `frame` to ``renderDir`` (if set) and advances the index.
    private func saveFrame(_ frame: Frame?, index: inout Int) throws {
        guard let renderDir, let frame else { return }
        let name = "frame_" + String(repeating: "0", count: max(0, 5 - String(index).count)) + String(index)
        let directory = URL(fileURLWithPath: renderDir)
        switch frame {
        case let .rgb(image): try AtomicFile.write(Data(image.ppm), to: directory.appendingPathComponent(name + ".ppm"))
        case let .text(text): try AtomicFile.write(text, to: directory.appendingPathComponent(name + ".txt"))
        }
        index += 1
    }

    private func plannedActions(for space: Space) throws -> [SpaceValue] {
        if policy == .random {
            var sampler = SpaceSampler(space: space, seed: seed)
            return (0..<steps).map { _ in sampler.sample() }
        }
        do {
            return try ActionList.parse(actions ?? "", for: space, source: "--actions")
        } catch {
            throw ValidationError(error.description)
        }
    }
}

extension SpaceValue {
    /// The value as JSON (integers, arrays of numbers, strings, nested tuples/dicts).
    var json: JSONValue {
        switch self {
        case let .int(value): .number(Double(value))
        case let .array(values): .array(values.map { .number($0) })
        case let .tuple(values): .array(values.map(\.json))
        case let .dict(values): .object(values.keys.sorted().compactMap { key in values[key].map { (key, $0.json) } })
        case let .text(text): .string(text)
        }
    }
}
