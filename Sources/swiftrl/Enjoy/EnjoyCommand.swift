import Algorithms
import ArgumentParser
import Environments
import Foundation
import RLCore
import Tracking

/// `swiftrl enjoy <run-dir|checkpoint>`: watch a trained policy (text frames, or an animated GIF).
struct EnjoyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enjoy",
        abstract: "Watch a trained policy: text frames in the terminal or an animated GIF.",
        discussion: """
            Grid and toy-text worlds print their text frames; environments with RGB frames (classic control) are
            written as an animated GIF with --gif. Each episode's return is printed.

            Examples:
              swiftrl enjoy runs/CartPole-v1__ppo__1__1764230000 --gif cartpole.gif
              swiftrl enjoy runs/FrozenLake-v1__qlearning__1__1764230000 --episodes 3
            """
    )

    @Argument(help: "A run directory or a checkpoint (.safetensors or .json).") var path: String
    @Option(help: "Number of episodes.") var episodes = 1
    @Option(help: "Write the RGB frames as an animated GIF here.") var gif: String?
    @Option(help: "Environment seed.") var seed: UInt64 = 0
    @Option(help: "Keep every n-th frame in the GIF.") var frameSkip = 2
    @Flag(inversion: .prefixedNo, help: "Use the policy's mode instead of sampling.") var deterministic = true

    func validate() throws {
        guard episodes > 0 else { throw ValidationError("--episodes must be positive, got \(episodes)") }
        guard frameSkip > 0 else { throw ValidationError("--frame-skip must be positive, got \(frameSkip)") }
    }

    func run() throws {
        let algorithm = try AlgorithmRegistry.load(from: URL(fileURLWithPath: path))
        var env = try EnvironmentRegistry.shared.make(algorithm.environment.id)
        let out = StandardTextOutput(.output)
        var encoder: GIFEncoder?
        var frameIndex = 0
        for episode in 0..<episodes {
            var observation = try env.reset(seed: episode == 0 ? seed : nil).observation
            var total = 0.0, length = 0
            while true {
                if let frame = env.render() {
                    switch frame {
                    case let .text(text) where gif == nil: out.write(text + "\n\n")
                    case let .rgb(image) where gif != nil:
                        if frameIndex % frameSkip == 0 {
                            if encoder == nil {
                                encoder = try GIFEncoder(
                                    width: image.width, height: image.height, delayCentiseconds: 2 * frameSkip)
                            }
                            try encoder?.add(image.pixels)
                        }
                        frameIndex += 1
                    default: break
                    }
                }
                let action = algorithm.predict(Self.floats(observation), deterministic: deterministic)
                let step = try env.step(Self.spaceValue(action, space: algorithm.actionSpace))
                total += step.reward
                length += 1
                observation = step.observation
                if step.terminated || step.truncated { break }
            }
            out.write(String(format: "episode %d: return %.2f, length %d\n", episode + 1, total, length))
        }
        if let gif {
            guard let encoder else {
                throw ValidationError("\(algorithm.environment.id) has no RGB frames; run without --gif for text frames")
            }
            try encoder.write(to: URL(fileURLWithPath: gif))
            out.write("wrote \(gif) (\(encoder.frameCount) frames)\n")
        }
    }

    static func floats(_ value: SpaceValue) -> [Float] {
        switch value {
        case let .int(v): return [Float(v)]
        case let .array(values): return values.map(Float.init)
        case let .tuple(values): return values.flatMap(floats)
        case let .dict(entries): return entries.keys.sorted().flatMap { entries[$0].map(floats) ?? [] }
        case .text: return []
        }
    }

    static func spaceValue(_ action: [Float], space: Space) -> SpaceValue {
        if case .discrete = space { return .int(Int(action.first ?? 0)) }
        return .array(action.map(Double.init))
    }
}
