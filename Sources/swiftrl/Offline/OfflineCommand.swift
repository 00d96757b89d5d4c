import ArgumentParser

/// `swiftrl offline`: offline RL on datasets.
struct OfflineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "offline",
        abstract: "Train offline RL algorithms (BC, TD3+BC, IQL, CQL, PRDC, A2PR) on datasets; tabular LCB and "
            + "demonstration-regularised RL.",
        subcommands: [OfflineTrainCommand.self, OfflineTabularCommand.self])
}
