import ArgumentParser

/// `swiftrl plot`: learning curves of several runs as an SVG.
struct PlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot",
        abstract: "Plot learning curves of runs (mean and min–max band over seeds) to an SVG file."
    )

    @Argument(help: "Run directories (runs/<env>__<algo>__<seed>__<time>/) holding metrics.csv.")
    var runDirectories: [String] = []

    func run() throws {
        throw ValidationError("`swiftrl plot` is not implemented yet.")
    }
}
