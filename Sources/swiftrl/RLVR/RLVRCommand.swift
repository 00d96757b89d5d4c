import ArgumentParser

/// `swiftrl rlvr`: RL with verifiable rewards for language models (placeholder; the RLVR helper replaces this file).
struct RLVRCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rlvr", abstract: "Pretrain, train with verifiable rewards, and evaluate language models.")
}
