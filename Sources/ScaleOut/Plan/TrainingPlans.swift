import Foundation

/// Plans whose runs are `swiftrl train` commands: `benchmark` (environments × seeds) and the configurations of
/// a ``SweepSpec``. Each run prints its summary as a ``ResultLine`` (`train --result-line`) and writes its run
/// directory under `{output}/runs`.
public enum TrainingPlans {
    /// What every training run of a plan shares.
    public struct Common: Sendable, Equatable {
        /// Algorithm name.
        public var algorithm: String
        /// Environment ids.
        public var environments: [String]
        /// Seeds (each configuration runs every seed).
        public var seeds: [UInt64]
        /// `--total-steps`, if set.
        public var totalSteps: Int?
        /// `evaluation.every`, if set.
        public var evaluationEvery: Int?
        /// `evaluation.stopAtReturn`, if set (also the reported threshold).
        public var stopAtReturn: Double?
        /// Fixed `--set key=value` overrides.
        public var overrides: [String]
        /// `--preset`, if set (a named preset family such as PPO's `cleanrl`).
        public var preset: String?

        /// Settings.
        public init(
            algorithm: String, environments: [String], seeds: [UInt64], totalSteps: Int? = nil,
            evaluationEvery: Int? = nil, stopAtReturn: Double? = nil, overrides: [String] = [], preset: String? = nil
        ) {
            self.preset = preset
            self.algorithm = algorithm
            self.environments = environments
            self.seeds = seeds
            self.totalSteps = totalSteps
            self.evaluationEvery = evaluationEvery
            self.stopAtReturn = stopAtReturn
            self.overrides = overrides
        }
    }

    /// The benchmark plan: every environment × seed with the preset (plus `overrides`).
    public static func benchmark(_ common: Common) throws(ScaleOutError) -> RunPlan {
        let runs = common.environments.flatMap { env in
            common.seeds.map { seed in
                run(common, environment: env, seed: seed, configuration: nil, parameters: [:], group: env)
            }
        }
        return try RunPlan(
            kind: .benchmark,
            title: "benchmark: \(common.algorithm) on \(common.environments.joined(separator: ", ")), "
                + "\(common.seeds.count) seeds",
            runs: runs, threshold: common.stopAtReturn)
    }

    /// The sweep plan: every configuration × environment × seed.
    /// - Parameter configurations: swept `key → value` maps (from ``SweepSpec/configurations()``).
    public static func sweep(_ common: Common, configurations: [[String: String]], title: String) throws(ScaleOutError)
        -> RunPlan
    {
        var runs: [PlannedRun] = []
        for (index, parameters) in configurations.enumerated() {
            let label = parameters.keys.sorted().map { "\($0)=\(parameters[$0] ?? "")" }.joined(separator: " ")
            for env in common.environments {
                let group = label.isEmpty ? env : "\(env) \(label)"
                for seed in common.seeds {
                    runs.append(run(common, environment: env, seed: seed, configuration: index, parameters: parameters,
                                    group: group))
                }
            }
        }
        return try RunPlan(kind: .sweep, title: title, runs: runs, threshold: common.stopAtReturn)
    }

    private static func run(
        _ common: Common, environment: String, seed: UInt64, configuration: Int?, parameters: [String: String],
        group: String
    ) -> PlannedRun {
        var arguments = [
            "train", common.algorithm, "--env", environment, "--seed", "\(seed)", "--run-dir",
            PlannedRun.outputPlaceholder + "/runs", "--quiet", "--result-line",
        ]
        if let preset = common.preset { arguments += ["--preset", preset] }
        if let totalSteps = common.totalSteps { arguments += ["--total-steps", "\(totalSteps)"] }
        if let every = common.evaluationEvery { arguments += ["--set", "evaluation.every=\(every)"] }
        if let threshold = common.stopAtReturn { arguments += ["--set", "evaluation.stopAtReturn=\(threshold)"] }
        for text in common.overrides { arguments += ["--set", text] }
        for key in parameters.keys.sorted() { arguments += ["--set", "\(key)=\(parameters[key] ?? "")"] }
        let prefix = configuration.map { String(format: "c%03d__", $0) } ?? ""
        return PlannedRun(
            id: PlannedRun.safeName("\(prefix)\(environment)__\(common.algorithm)__s\(seed)"), arguments: arguments,
            group: group, environment: environment, algorithm: common.algorithm, seed: seed, parameters: parameters)
    }
}
