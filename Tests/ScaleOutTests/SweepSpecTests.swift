import Foundation
import Testing

@testable import ScaleOut

@Suite struct SweepSpecTests {
    @Test func gridExpandsEveryCombinationInKeyOrder() throws {
        let spec = try SweepSpec(yaml: """
            algo: ppo
            envs: [CartPole-v1, Acrobot-v1]
            seeds: [3, 7]
            total_steps: 2e4
            set: {env.numEnvs: 8}
            grid:
              ppo.learningRate: [0.001, 0.0003]
              ppo.clipRange: [0.1, 0.2, 0.3]
            """, source: "grid.yaml")
        let configurations = spec.configurations()
        #expect(configurations.count == 6)
        #expect(configurations[0] == ["ppo.clipRange": "0.1", "ppo.learningRate": "0.001"])
        #expect(configurations[1] == ["ppo.clipRange": "0.1", "ppo.learningRate": "0.0003"])
        let plan = try spec.plan()
        #expect(plan.runs.count == 6 * 2 * 2)
        #expect(Set(plan.runs.map(\.group)).count == 12)
        let first = try #require(plan.runs.first)
        #expect(first.id == "c000__CartPole-v1__ppo__s3")
        #expect(first.arguments.contains("--result-line"))
        #expect(first.arguments.suffix(6) == [
            "--set", "env.numEnvs=8", "--set", "ppo.clipRange=0.1", "--set", "ppo.learningRate=0.001",
        ])
        #expect(first.arguments.contains("20000"))
    }

    @Test func randomSearchIsSeededAndStaysInItsRanges() throws {
        let text = """
            algo: sac
            env: Pendulum-v1
            search: random
            samples: 20
            seed: 4
            random:
              sac.learningRate: {min: 1e-4, max: 1e-2, log: true}
              sac.batchSize: {min: 64, max: 256, integer: true}
              sac.tau: {choices: [0.005, 0.01]}
            """
        let first = try SweepSpec(yaml: text, source: "r.yaml").configurations()
        let again = try SweepSpec(yaml: text, source: "r.yaml").configurations()
        let other = try SweepSpec(yaml: text.replacingOccurrences(of: "seed: 4", with: "seed: 5"), source: "r.yaml")
        #expect(first == again)
        #expect(first != other.configurations())
        #expect(first.count == 20)
        for configuration in first {
            let rate = try #require(Double(configuration["sac.learningRate"] ?? ""))
            let batch = try #require(Int(configuration["sac.batchSize"] ?? ""))
            #expect(rate >= 1e-4 && rate <= 1e-2)
            #expect(batch >= 64 && batch <= 256)
            #expect(["0.005", "0.01"].contains(configuration["sac.tau"] ?? ""))
        }
        // Log-uniform: about half the draws fall below the geometric midpoint 1e-3.
        let below = first.filter { Double($0["sac.learningRate"] ?? "") ?? 1 < 1e-3 }.count
        #expect(below >= 4 && below <= 16)
    }

    @Test func mistakesAreNamed() {
        func message(_ yaml: String) -> String {
            do { _ = try SweepSpec(yaml: yaml, source: "s.yaml"); return "" } catch { return "\(error)" }
        }
        #expect(message("algo: ppo\nenvs: [CartPole-v1]\ngird: {a.b: [1]}").contains("Did you mean 'grid'"))
        #expect(message("envs: [CartPole-v1]").contains("'algo'"))
        #expect(message("algo: ppo\nenvs: [CartPole-v1]\nseeds: [1, 1]").contains("distinct"))
        #expect(message("algo: ppo\nenvs: [CartPole-v1]\nsearch: random\nrandom: {a.b: {min: 0, max: 1}}")
            .contains("samples"))
        #expect(message("algo: ppo\nenvs: [CartPole-v1]\ngrid: {lr: [1]}").contains("dotted config key"))
        let logFromZero = "algo: ppo\nenvs: [CartPole-v1]\nsearch: random\nsamples: 2\n"
            + "random: {a.b: {min: 0, max: 1, log: true}}"
        #expect(message(logFromZero)
            .contains("min > 0"))
        #expect(message("- a\n- b").contains("top level"))
    }
}
