import ArgumentParser
import Environments
import Foundation
import Tensor

/// `swiftrl doctor`: what this build runs on — GEMM backend, CPU vector features, cores, traits — and what would
/// make it faster.
struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Show the GEMM backend, the CPU's vector features, the cores and the traits compiled in.")

    @Flag(help: "Print one JSON object.") var json = false
    @OptionGroup(title: "Threads") var threading: ThreadOptions

    struct Report: Encodable {
        var version: String
        var gemm_backend: String
        var cpu_path: String
        var openblas_available: Bool
        var cpu_features: [String]
        var cores: Int
        var gemm_threads: Int
        var traits: [String]
        var hints: [String]
    }

    func run() throws {
        threading.apply()
        let report = Self.report()
        if json {
            try printJSONLine(report)
            return
        }
        print("swiftrl \(report.version)")
        print("GEMM backend:  \(GEMM.backend)")
        print("built-in path: \(report.cpu_path) (the C kernel's micro-kernel for this CPU)")
        let features = report.cpu_features.isEmpty ? "(unknown)" : report.cpu_features.joined(separator: " ")
        print("CPU features:  \(features)")
        print("cores:         \(report.cores) available; threads \(ThreadBudget.threads); GEMM threads "
            + "\(report.gemm_threads) (--threads N sets both)")
        print("traits:        \(report.traits.isEmpty ? "none" : report.traits.joined(separator: ", "))")
        for hint in report.hints { print("hint:          \(hint)") }
    }

    static func report() -> Report {
        Report(
            version: SwiftRLCommand.configuration.version, gemm_backend: GEMM.backend.rawValue,
            cpu_path: GEMM.cpuPath,
            openblas_available: GEMM.isOpenBLASAvailable, cpu_features: CPUFeatures.detected,
            cores: ProcessInfo.processInfo.activeProcessorCount, gemm_threads: GEMM.builtinThreads, traits: compiledTraits,
            hints: BackendNotice.hints)
    }

    static var compiledTraits: [String] {
        var traits: [String] = []
        #if HDF5
            traits.append("HDF5")
        #endif
        #if GLPK
            traits.append("GLPK")
        #endif
        if MuJoCoSupport.isAvailable { traits.append("MuJoCo") }
        return traits
    }
}

/// The CPU's vector features relevant to the GEMM kernels (Linux `/proc/cpuinfo` flags; empty where unreadable).
enum CPUFeatures {
    static let detected: [String] = {
        #if arch(arm64)
            return ["neon"]
        #else
            guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
                let line = text.split(separator: "\n").first(where: { $0.hasPrefix("flags") })
            else { return [] }
            let flags = Set(line.split(separator: " ").map(String.init))
            return ["sse4_2", "avx", "avx2", "fma", "avx512f"].filter { flags.contains($0) }
        #endif
    }()
}

/// One line for training commands when a slower path runs, saying what would make it faster.
enum BackendNotice {
    /// Hints when the GEMM that runs is slower than it could be: the portable C path (a CPU without AVX2 + FMA or
    /// NEON), or the built-in kernel forced while OpenBLAS is installed.
    static var hints: [String] {
        guard GEMM.backend == .builtin else { return [] }
        if GEMM.cpuPath == "baseline" {
            return [
                "the built-in GEMM runs its portable C path (no AVX2 + FMA or NEON on this CPU, or "
                    + "SWIFTRL_CPU_PATH=baseline), several times slower; install OpenBLAS (apt-get install "
                    + "libopenblas0, or brew install openblas) for faster training"
            ]
        }
        if GEMM.isOpenBLASAvailable && ProcessInfo.processInfo.environment["SWIFTRL_BLAS"] != nil {
            return ["SWIFTRL_BLAS=builtin forces the built-in GEMM (\(GEMM.cpuPath) path); unset it to use OpenBLAS"]
        }
        return []
    }

    /// Prints the hint to standard error, once per process, when the built-in GEMM runs.
    static func printIfSlow() {
        for hint in hints { FileHandle.standardError.write(Data("swiftrl: \(hint)\n".utf8)) }
    }
}
