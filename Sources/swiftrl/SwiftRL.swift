import ArgumentParser

/// The `swiftrl` command line: training, evaluation, environments, benchmarks and paper reproductions.
@main
struct SwiftRLCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "swiftrl",
        abstract: "Reinforcement learning in Swift, natively and fast on CPU.",
        discussion: """
            Start with `swiftrl quickstart`. Every command has `--help` with examples.
            """,
        version: "0.1.0",
        subcommands: [
            QuickstartCommand.self,
            TrainCommand.self,
            EvalCommand.self,
            EnjoyCommand.self,
            BenchmarkCommand.self,
            SweepCommand.self,
            EnvCommand.self,
            MARLCommand.self,
            BenchCommand.self,
            PlotCommand.self,
            DatasetCommand.self,
            LMCommand.self,
            ReproduceCommand.self,
            OfflineCommand.self,
            TheoryCommand.self,
            RLVRCommand.self,
            AgentsCommand.self,
            DoctorCommand.self,
        ]
    )
}
