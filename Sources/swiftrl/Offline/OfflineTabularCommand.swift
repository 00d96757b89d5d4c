import ArgumentParser

/// `swiftrl offline tabular`: methods that learn from offline data on finite problems.
struct OfflineTabularCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tabular",
        abstract:
            "Tabular methods on offline data: LCB (pessimism), demonstration-regularised RL, trajectory attribution.",
        subcommands: [TabularLCBCommand.self, TabularDemoRegularizedCommand.self, TabularAttributeCommand.self])
}

