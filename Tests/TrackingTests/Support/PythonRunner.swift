import Foundation

/// Runs a repository script with the interpreter named by `SWIFTRL_PYTHON` (CI points it at a venv with
/// tensorboard and pillow). Interop tests are enabled only when that variable is set.
enum PythonRunner {
    static var interpreter: String? { ProcessInfo.processInfo.environment["SWIFTRL_PYTHON"] }

    /// The package root, found from this source file's location (`Tests/TrackingTests/Support/…`).
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Runs `Scripts/<script>` with `arguments`; returns the exit status and combined output.
    static func run(script: String, arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: interpreter ?? "/usr/bin/python3")
        process.arguments =
            [packageRoot.appendingPathComponent("Scripts").appendingPathComponent(script).path] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
