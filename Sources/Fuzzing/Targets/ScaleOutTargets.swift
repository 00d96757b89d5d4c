import Foundation
import ScaleOut

/// Sweep files (`swiftrl scaleout sweep <file>`) and saved plans (`plan.json`).
enum ScaleOutTargets {
    static let sweep = FuzzTarget(
        name: "sweep", summary: "ScaleOut sweep YAML (SweepSpec) and the plan.json it produces (RunPlan.load)",
        parts: [.text, .text],
        seeds: {
            let grid = """
                algo: ppo
                envs: [CartPole-v1, Acrobot-v1]
                seeds: [3, 7]
                total_steps: 2e4
                set: {env.numEnvs: 8}
                grid:
                  ppo.learningRate: [0.001, 0.0003]
                  ppo.clipRange: [0.1, 0.2, 0.3]
                """
            let random = """
                algo: sac
                env: Pendulum-v1
                search: random
                samples: 5
                seed: 4
                seeds: 2
                random:
                  sac.learningRate: {min: 1e-4, max: 1e-2, log: true}
                  sac.batchSize: {min: 64, max: 256, integer: true}
                  sac.tau: {choices: [0.005, 0.01]}
                """
            return try [grid, random].map { text in
                let plan = try SweepSpec(yaml: text, source: "seed.yaml").plan()
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                return [Array(text.utf8), Array(try encoder.encode(plan))]
            }
        },
        decode: { parts, scratch in
            if let spec = try? SweepSpec(yaml: String(decoding: parts[0], as: UTF8.self), source: "fuzz.yaml") {
                _ = spec.configurations().prefix(10_000).count
                _ = try? spec.plan()
            }
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            try Data(parts[1]).write(to: scratch.appendingPathComponent("plan.json"))
            let plan = try RunPlan.load(from: scratch)
            for run in plan.runs.prefix(100) { _ = run.resolvedArguments(output: "/tmp/out") }
        })
}
