import Environments
import Foundation

/// Action strings of `swiftrl env rollout --actions`, stepped through a discrete and a continuous environment.
enum EnvironmentTargets {
    static let actions = FuzzTarget(
        name: "actions", summary: "`swiftrl env rollout --actions` strings (discrete and Box environments)",
        parts: [.text],
        seeds: { [[Array("0,1,1,0,1".utf8)], [Array("0.5,-1.5,2".utf8)], [Array("3,2,1,0".utf8)]] },
        decode: { parts, _ in
            let text = String(decoding: parts[0], as: UTF8.self)
            var parsed = false
            for id in ["CartPole-v1", "Pendulum-v1", "FrozenLake-v1"] {
                var environment = try EnvironmentRegistry.shared.make(id)
                guard let actions = try? ActionList.parse(text, for: environment.actionSpace, source: "--actions")
                else { continue }
                parsed = true
                _ = try environment.reset(seed: 1)
                for action in actions.prefix(64) {
                    if (try? environment.step(action))?.isDone == true { _ = try environment.reset(seed: nil) }
                }
            }
            if !parsed { throw FuzzRejected(description: "--actions: no environment accepts `\(text.prefix(40))`") }
        })
}
