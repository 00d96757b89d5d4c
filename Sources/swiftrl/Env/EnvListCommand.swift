import ArgumentParser
import Environments

/// `swiftrl env list`: prints the registry.
struct EnvListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "Print every registered environment id with its spaces and time limit.")

    @Flag(help: "Print one JSON object per environment (the EnvSpec fields plus spaces in Minari's JSON form).")
    var json = false

    @Option(help: "Only ids containing this text (case-insensitive).")
    var filter: String?

    func run() throws {
        let registry = EnvironmentRegistry.shared
        for id in registry.ids where filter.map({ id.lowercased().contains($0.lowercased()) }) ?? true {
            let spec = try registry.spec(id)
            if let reason = spec.unavailableReason {
                if json {
                    guard case var .object(fields) = spec.json else { continue }
                    fields.append(("summary", .string(spec.summary)))
                    fields.append(("unavailable", .string(reason)))
                    print(JSONValue.object(fields).serialized())
                } else {
                    print("\(id.padding(toLength: 26, withPad: " ", startingAt: 0)) \(spec.summary)")
                    print("    unavailable in this build: \(reason)")
                }
                continue
            }
            let environment: AnyEnvironment
            do { environment = try registry.make(id) } catch { throw EnvCommandError(error) }
            if json {
                guard case var .object(fields) = spec.json else { continue }
                fields.append(("summary", .string(spec.summary)))
                fields.append(("observation_space", environment.observationSpace.json))
                fields.append(("action_space", environment.actionSpace.json))
                print(JSONValue.object(fields).serialized())
            } else {
                let limit = spec.maxEpisodeSteps.map { "limit \($0)" } ?? "no limit"
                print("\(id.padding(toLength: 26, withPad: " ", startingAt: 0)) \(spec.summary)")
                print("    observation \(environment.observationSpace)")
                print("    action      \(environment.actionSpace); \(limit)")
            }
        }
    }
}

/// `swiftrl env check <id>`: runs the environment checker.
struct EnvCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract:
            "Check an environment against the Gymnasium API contract (like gymnasium.utils.env_checker.check_env).")

    @Argument(help: "Environment id, e.g. CartPole-v1.")
    var id: String

    @Option(name: .customLong("option"), help: ArgumentHelp("Environment option.", valueName: "key=value"))
    var options: [String] = []

    func run() throws {
        let registry = EnvironmentRegistry.shared
        if ParallelEnvironmentRegistry.contains(id) {
            return try runParallelCheck(id: id, options: try parseEnvironmentOptions(options))
        }
        let spec: EnvironmentSpec
        do { spec = try registry.spec(id) } catch { throw EnvCommandError(error) }
        if let reason = spec.unavailableReason { throw EnvCommandError(.unsupported(reason)) }
        let parsed = try parseEnvironmentOptions(options)
        let id = self.id
        let checker = EnvironmentChecker { () throws(EnvironmentError) in try registry.make(id, options: parsed) }
        let results = checker.run()
        for result in results {
            print("\(result.passed ? "pass" : "FAIL")  \(result.name)\(result.passed ? "" : ": \(result.message)")")
        }
        let failures = results.filter { !$0.passed }.count
        print(
            failures == 0
                ? "\(id): all \(results.count) checks passed" : "\(id): \(failures) of \(results.count) checks failed")
        if failures > 0 { throw ExitCode(1) }
    }
}
