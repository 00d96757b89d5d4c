import Foundation
import Tensor
import Tracking
import Yams

/// A sweep file (`swiftrl sweep sweep.yaml`): an algorithm, environments, seeds, fixed overrides and a grid or
/// random search over `--set` keys.
///
/// ```yaml
/// algo: ppo
/// envs: [CartPole-v1]
/// seeds: 3                  # seeds 1…3, or a list such as [1, 5, 9]
/// total_steps: 20000        # optional; also eval_every, stop_at_return
/// set: {env.numEnvs: 8}     # fixed overrides
/// search: grid              # grid (every combination) or random
/// grid:
///   ppo.learningRate: [0.001, 0.0003]
///   ppo.clipRange: [0.1, 0.2]
/// # search: random
/// # samples: 8              # configurations drawn
/// # seed: 0                 # stream of the draws
/// # random:
/// #   ppo.learningRate: {min: 1e-4, max: 1e-2, log: true}
/// #   ppo.nEpochs: {min: 3, max: 10, integer: true}
/// #   ppo.gaeLambda: {choices: [0.9, 0.95, 0.98]}
/// ```
public struct SweepSpec: Sendable, Equatable {
    /// How configurations are chosen.
    public enum Search: String, Sendable {
        /// Every combination of the grid's values (keys in alphabetical order, last key fastest).
        case grid
        /// `samples` draws from the `random` distributions.
        case random
    }

    /// A distribution of one key in a random search.
    public enum Distribution: Sendable, Equatable {
        /// Uniform (or log-uniform) in `[min, max]`, rounded when `integer`.
        case range(min: Double, max: Double, log: Bool, integer: Bool)
        /// One of the listed values, uniformly.
        case choices([String])
    }

    /// Name of the sweep (defaults to the file name).
    public var name: String
    /// Shared settings of every run.
    public var common: TrainingPlans.Common
    /// Grid or random.
    public var search: Search
    /// Grid values per key.
    public var grid: [String: [String]]
    /// Random-search distributions per key.
    public var random: [String: Distribution]
    /// Random-search configurations.
    public var samples: Int
    /// Random-search seed.
    public var searchSeed: UInt64

    static let knownKeys = [
        "name", "algo", "env", "envs", "seeds", "total_steps", "eval_every", "stop_at_return", "set", "search", "grid",
        "random", "samples", "seed",
    ]

    /// Parses a sweep file's text; `source` names it in errors.
    /// - Throws: ``ScaleOutError/invalidSpec(_:)`` naming the key and what was expected.
    public init(yaml text: String, source: String) throws(ScaleOutError) {
        let loaded: Any?
        do {
            // Compose first: Yams' `load` traps on a mapping key that is not a scalar (`{}: 1`), so check the tree.
            try CheckedDecoding.checkBracketDepth(text, file: source)
            guard let node = try Yams.compose(yaml: text) else { throw ScaleOutError.invalidSpec("\(source) is empty") }
            try Self.checkKeys(node, source: source, depth: 0)
            loaded = try Yams.load(yaml: text)
        } catch let error as ScaleOutError {
            throw error
        } catch {
            throw .invalidSpec("\(source) is not valid YAML: \(error)")
        }
        guard let root = loaded as? [String: Any] else {
            throw .invalidSpec("\(source): the top level must be a mapping (algo:, envs:, seeds:, grid: …)")
        }
        for key in root.keys where !Self.knownKeys.contains(key) {
            let hint = EditDistance.suggestion(for: key, among: Self.knownKeys).map { " Did you mean '\($0)'?" } ?? ""
            let known = Self.knownKeys.joined(separator: ", ")
            throw .invalidSpec("\(source): unknown key '\(key)'.\(hint) Known: \(known)")
        }
        func fail(_ key: String, _ expected: String) -> ScaleOutError {
            .invalidSpec("\(source): '\(key)' must be \(expected), got \(Self.text(root[key] as Any))")
        }
        guard let algorithm = root["algo"] as? String else { throw fail("algo", "an algorithm name such as ppo") }
        var environments: [String]
        if let list = root["envs"] as? [Any] {
            environments = list.map { Self.text($0) }
        } else if let one = root["envs"] as? String ?? root["env"] as? String {
            environments = [one]
        } else {
            throw fail("envs", "a list of environment ids")
        }
        guard !environments.isEmpty else { throw fail("envs", "a non-empty list") }
        var seeds: [UInt64] = [1, 2, 3]
        if let count = root["seeds"] as? Int {
            guard count > 0, count <= Self.maximumRuns else {
                throw fail("seeds", "a count in 1…\(Self.maximumRuns) or a list of seeds")
            }
            seeds = (1...count).map { UInt64($0) }
        } else if let list = root["seeds"] as? [Any] {
            seeds = try list.map { item throws(ScaleOutError) in
                guard let value = item as? Int, value >= 0 else { throw fail("seeds", "non-negative integers") }
                return UInt64(value)
            }
            guard !seeds.isEmpty, Set(seeds).count == seeds.count else { throw fail("seeds", "distinct seeds") }
        } else if root["seeds"] != nil {
            throw fail("seeds", "a positive count or a list of seeds")
        }
        func optionalInt(_ key: String) throws(ScaleOutError) -> Int? {
            guard let value = root[key] else { return nil }
            if let int = value as? Int, int > 0 { return int }
            if let double = Self.asDouble(value), double > 0, double == double.rounded(), double < 1e15 {
                return Int(double)
            }
            throw fail(key, "a positive integer")
        }
        var stopAtReturn: Double?
        if let value = root["stop_at_return"] {
            guard let number = Self.asDouble(value), number.isFinite else {
                throw fail("stop_at_return", "a number")
            }
            stopAtReturn = number
        }
        var overrides: [String] = []
        if let set = root["set"] {
            guard let mapping = set as? [String: Any] else { throw fail("set", "a mapping of config keys to values") }
            overrides = mapping.keys.sorted().map { "\($0)=\(Self.text(mapping[$0] as Any))" }
        }
        common = TrainingPlans.Common(
            algorithm: algorithm, environments: environments, seeds: seeds, totalSteps: try optionalInt("total_steps"),
            evaluationEvery: try optionalInt("eval_every"), stopAtReturn: stopAtReturn, overrides: overrides)
        name = (root["name"] as? String) ?? URL(fileURLWithPath: source).deletingPathExtension().lastPathComponent
        let implied = root["random"] != nil && root["grid"] == nil ? "random" : "grid"
        let searchText = (root["search"] as? String) ?? implied
        guard let search = Search(rawValue: searchText) else { throw fail("search", "grid or random") }
        self.search = search
        grid = [:]
        if let value = root["grid"] {
            guard let mapping = value as? [String: Any] else { throw fail("grid", "a mapping of keys to value lists") }
            for (key, values) in mapping {
                guard let list = values as? [Any], !list.isEmpty else {
                    throw .invalidSpec("\(source): grid key '\(key)' needs a non-empty list of values")
                }
                grid[key] = list.map { Self.text($0) }
            }
        }
        random = [:]
        if let value = root["random"] {
            guard let mapping = value as? [String: Any] else { throw fail("random", "a mapping of keys to ranges") }
            for (key, spec) in mapping { random[key] = try Self.distribution(key, spec, source: source) }
        }
        samples = 0
        searchSeed = 0
        if search == .random {
            guard !random.isEmpty else { throw .invalidSpec("\(source): search: random needs a 'random:' mapping") }
            guard let count = try optionalInt("samples") else { throw fail("samples", "a positive integer") }
            guard count <= Self.maximumRuns else { throw fail("samples", "at most \(Self.maximumRuns)") }
            samples = count
            if let seed = root["seed"] {
                guard let value = seed as? Int, value >= 0 else { throw fail("seed", "a non-negative integer") }
                searchSeed = UInt64(value)
            }
        } else if !random.isEmpty {
            throw .invalidSpec("\(source): 'random:' is given but search is grid; set search: random")
        }
        // The grid's size is the product of its list lengths: check it (overflow included) before expanding it.
        var combinations = 1
        for values in grid.values {
            let (product, overflow) = combinations.multipliedReportingOverflow(by: values.count)
            guard !overflow, product <= Self.maximumRuns else {
                throw fail("grid", "at most \(Self.maximumRuns) combinations")
            }
            combinations = product
        }
        for key in Array(grid.keys) + Array(random.keys) where !key.contains(".") || key.contains("=") {
            throw .invalidSpec("\(source): '\(key)' is not a dotted config key such as ppo.learningRate")
        }
    }

    /// The most seeds, samples or grid combinations a sweep file may ask for.
    public static let maximumRuns = 100_000

    /// The configurations to run, in a fixed order (deterministic for a given file).
    public func configurations() -> [[String: String]] {
        switch search {
        case .grid:
            var result: [[String: String]] = [[:]]
            for key in grid.keys.sorted() {
                result = result.flatMap { partial in
                    (grid[key] ?? []).map { value in partial.merging([key: value]) { $1 } }
                }
            }
            return result
        case .random:
            var generator = SplitMix64(seed: searchSeed)
            return (0..<samples).map { _ in
                var configuration: [String: String] = [:]
                for key in random.keys.sorted() {
                    guard let distribution = random[key] else { continue }
                    configuration[key] = Self.draw(distribution, &generator)
                }
                return configuration
            }
        }
    }

    /// The plan of this sweep.
    public func plan() throws(ScaleOutError) -> RunPlan {
        let configurations = configurations()
        let (perConfiguration, overflowA) = common.environments.count.multipliedReportingOverflow(
            by: common.seeds.count)
        let (runs, overflowB) = perConfiguration.multipliedReportingOverflow(by: configurations.count)
        guard !overflowA, !overflowB, runs <= Self.maximumRuns else {
            throw .invalidSpec(
                "sweep \(name): configurations × envs × seeds is more than \(Self.maximumRuns) runs; split the sweep")
        }
        return try TrainingPlans.sweep(
            common, configurations: configurations, title: "sweep \(name): \(common.algorithm)")
    }

    private static func draw(_ distribution: Distribution, _ generator: inout SplitMix64) -> String {
        let unit = Double(generator.next() >> 11) / Double(1 << 53)
        switch distribution {
        case .choices(let values):
            return values[min(Int(unit * Double(values.count)), values.count - 1)]
        case .range(let low, let high, let log, let integer):
            let value = log ? Foundation.exp(Foundation.log(low) + unit * (Foundation.log(high) - Foundation.log(low)))
                : low + unit * (high - low)
            // `distribution` bounds integer ranges to ±9e15, so the conversion is exact and cannot trap.
            return integer ? "\(Int(exactly: value.rounded()) ?? 0)" : "\(value)"
        }
    }

    private static func distribution(_ key: String, _ spec: Any, source: String) throws(ScaleOutError) -> Distribution {
        guard let mapping = spec as? [String: Any] else {
            throw .invalidSpec("\(source): random key '\(key)' needs {min:, max:} or {choices: [...]}")
        }
        if let choices = mapping["choices"] as? [Any], !choices.isEmpty { return .choices(choices.map { text($0) }) }
        func number(_ name: String) -> Double? { mapping[name].flatMap(asDouble) }
        guard let low = number("min"), let high = number("max"), low.isFinite, high.isFinite, low < high else {
            throw .invalidSpec("\(source): random key '\(key)' needs finite min < max (or choices: [...])")
        }
        let integer = mapping["integer"] as? Bool ?? false
        if integer && max(abs(low), abs(high)) > 9.0e15 {
            throw .invalidSpec("\(source): random key '\(key)' with integer: true needs min and max within ±9e15")
        }
        let log = mapping["log"] as? Bool ?? false
        if log && low <= 0 { throw .invalidSpec("\(source): random key '\(key)' with log: true needs min > 0") }
        return .range(min: low, max: high, log: log, integer: integer)
    }

    /// A YAML number (`1e-4` may arrive as text) as a Double.
    static func asDouble(_ value: Any) -> Double? {
        if value is Bool { return nil }
        if let double = value as? Double { return double }
        if let int = value as? Int { return Double(int) }
        if let string = value as? String { return Double(string) }
        return nil
    }

    /// A YAML scalar or list as `--set` text.
    static func text(_ value: Any) -> String {
        switch value {
        case let string as String: return string
        case let bool as Bool: return bool ? "true" : "false"
        case let int as Int: return "\(int)"
        case let double as Double: return "\(double)"
        case let list as [Any]: return "[" + list.map { text($0) }.joined(separator: ", ") + "]"
        default: return "\(value)"
        }
    }
}

extension SweepSpec {
    /// Rejects mapping keys that are not scalars and nesting deeper than ``CheckedDecoding/maximumNestingDepth``.
    static func checkKeys(_ node: Node, source: String, depth: Int) throws(ScaleOutError) {
        guard depth <= CheckedDecoding.maximumNestingDepth else {
            throw .invalidSpec("\(source): nested deeper than \(CheckedDecoding.maximumNestingDepth) levels")
        }
        switch node {
        case let .mapping(mapping):
            for (key, value) in mapping {
                guard case .scalar = key else {
                    let line = key.mark.map { ":\($0.line)" } ?? ""
                    throw .invalidSpec("\(source)\(line): a mapping key is a list or mapping; expected a plain key")
                }
                try checkKeys(value, source: source, depth: depth + 1)
            }
        case let .sequence(sequence):
            for item in sequence { try checkKeys(item, source: source, depth: depth + 1) }
        case .alias:
            // Aliases can expand exponentially ("billion laughs"); sweep files have no use for them.
            throw .invalidSpec("\(source): YAML aliases (*name) are not supported in sweep files; write the values out")
        default: break
        }
    }
}
