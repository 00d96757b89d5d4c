import ArgumentParser

/// `swiftrl offline`: train offline RL algorithms on datasets (placeholder; the offline helper replaces this file).
struct OfflineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "offline", abstract: "Train offline RL algorithms on datasets.")
}
